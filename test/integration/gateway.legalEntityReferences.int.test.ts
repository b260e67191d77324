/**
 * Legal-entity scoping where the legal entities of related rows differ (the
 * simulated firm keeps a customer's projects in its own legal entity): a
 * German customer with a project booked by the US entity, beside a US
 * customer of its own. Read through the gateway, in process, for principals
 * of each legal entity.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { OPEN_PRINCIPAL, type Principal } from '../../access/principal';
import { startGateway, type RunningGateway } from '../../gateway/gateway';
import { createSubgraphs } from '../../subgraphs';
import { anEvent } from '../support/events';
import { fillReadModel } from '../support/simulatedReadModel';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';

const eur = (amount: string) => ({ amount, currency: 'EUR' });

function invoice(invoiceId: string, accountId: string, projectId: string, net: string, day: string) {
  return [
    anEvent('ps.billing.invoice.drafted', {
      invoiceId, accountId, projectId, currency: 'EUR',
      lines: [{ lineId: 'L1', kind: 'fee', sourceIds: [], amount: eur(net) }],
    }),
    anEvent('ps.billing.invoice.tax_calculated', { invoiceId, taxStatus: 'succeeded', taxTotal: eur('0') }),
    anEvent('ps.billing.invoice.posted', { invoiceId, invoiceNumber: `N-${invoiceId}`, invoiceDate: day, dueDate: '2025-04-30', grossTotal: eur(net) }),
  ];
}

const EVENTS = [
  anEvent('ps.customer.account.upserted', { accountId: 'ACC-DE', name: 'Acme GmbH', legalEntityId: 'LE-DE', billingCurrency: 'EUR', status: 'active' }),
  anEvent('ps.customer.account.upserted', { accountId: 'ACC-US', name: 'Acme Inc', legalEntityId: 'LE-US', billingCurrency: 'EUR', status: 'active' }),
  anEvent('ps.project.project.created', { projectId: 'PRJ-DE', accountId: 'ACC-DE', name: 'Rollout', billingModel: 'fixed_fee', currency: 'EUR', legalEntityId: 'LE-DE' }),
  // The German customer's project, booked by the US entity.
  anEvent('ps.project.project.created', { projectId: 'PRJ-US', accountId: 'ACC-DE', name: 'US rollout', billingModel: 'fixed_fee', currency: 'EUR', legalEntityId: 'LE-US' }),
  anEvent('ps.project.project.created', { projectId: 'PRJ-INC', accountId: 'ACC-US', name: 'Audit', billingModel: 'fixed_fee', currency: 'EUR', legalEntityId: 'LE-US' }),
  ...invoice('INV-DE', 'ACC-DE', 'PRJ-DE', '100.00', '2025-03-01'),
  ...invoice('INV-US', 'ACC-DE', 'PRJ-US', '30.00', '2025-03-02'),
  ...invoice('INV-INC', 'ACC-US', 'PRJ-INC', '7.00', '2025-03-03'),
];

const reader = (legalEntities: string[] | null): Principal => ({ ...OPEN_PRINCIPAL, legalEntities });

const READ = `query Read {
  customers { totalCount nodes { id } }
  projects { totalCount nodes { id customer { id } } }
  invoices { totalCount nodes { id customer { id } project { id } } }
  acme: customer(id: "ACC-DE") { id outstandingBalance { amount } projects { totalCount nodes { id } } invoices { totalCount nodes { id } } }
  inc: customer(id: "ACC-US") { id outstandingBalance { amount } invoices { totalCount nodes { id } } }
  prjUs: project(id: "PRJ-US") { id customer { id } invoices { totalCount } }
  invUs: invoice(id: "INV-US") { id customer { id } }
  invInc: invoice(id: "INV-INC") { id customer { id } project { id } }
  portfolio { projectCount billedAmount { amount } outstandingBalance { amount } }
}`;

describe('legal-entity scoping across rows of different legal entities', () => {
  let db: TestDatabase;
  let gateway: RunningGateway;
  const read = async (principal: Principal) => {
    const result = await gateway.core.execute(READ, {}, 'Read', principal);
    assert.equal(result.errors, undefined, JSON.stringify(result.errors));
    return JSON.parse(JSON.stringify(result.data));
  };

  before(async () => {
    db = await createTestDatabase();
    await fillReadModel(db.pool, EVENTS);
    gateway = await startGateway({ subgraphs: await createSubgraphs({ pool: db.pool }), host: '127.0.0.1', port: 0 });
  });
  after(async () => {
    await gateway?.close();
    await db?.drop();
  });

  it('lets a reader of every legal entity see every row, and the customer owe for both its projects', async () => {
    const all = await read(reader(null));
    assert.equal(all.projects.totalCount, 3);
    assert.equal(all.invoices.totalCount, 3);
    assert.deepEqual(all.acme.outstandingBalance, [{ amount: '130.00' }]);
    assert.deepEqual(all.prjUs.customer, { id: 'ACC-DE' });
  });

  it('keeps a German reader to the German customer’s German project and invoice, and its balance to them', async () => {
    const de = await read(reader(['LE-DE']));
    assert.deepEqual(de.customers, { totalCount: 1, nodes: [{ id: 'ACC-DE' }] });
    assert.deepEqual(de.projects, { totalCount: 1, nodes: [{ id: 'PRJ-DE', customer: { id: 'ACC-DE' } }] });
    assert.deepEqual(de.invoices, { totalCount: 1, nodes: [{ id: 'INV-DE', customer: { id: 'ACC-DE' }, project: { id: 'PRJ-DE' } }] });
    assert.deepEqual(de.acme, {
      id: 'ACC-DE', outstandingBalance: [{ amount: '100.00' }],
      projects: { totalCount: 1, nodes: [{ id: 'PRJ-DE' }] }, invoices: { totalCount: 1, nodes: [{ id: 'INV-DE' }] },
    });
    assert.equal(de.inc, null);
    assert.equal(de.prjUs, null);
    assert.equal(de.invUs, null);
    assert.equal(de.invInc, null);
    assert.deepEqual(de.portfolio, [{ projectCount: 1, billedAmount: { amount: '100.00' }, outstandingBalance: { amount: '100.00' } }]);
  });

  it('shows a US reader the US project of the German customer with that customer as null', async () => {
    const us = await read(reader(['LE-US']));
    assert.deepEqual(us.customers, { totalCount: 1, nodes: [{ id: 'ACC-US' }] });
    assert.deepEqual(us.projects, { totalCount: 2, nodes: [{ id: 'PRJ-INC', customer: { id: 'ACC-US' } }, { id: 'PRJ-US', customer: null }] });
    assert.deepEqual(us.invoices.nodes.map((i: { id: string }) => i.id).sort(), ['INV-INC', 'INV-US']);
    assert.equal(us.acme, null);
    assert.deepEqual(us.inc, { id: 'ACC-US', outstandingBalance: [{ amount: '7.00' }], invoices: { totalCount: 1, nodes: [{ id: 'INV-INC' }] } });
    assert.deepEqual(us.prjUs, { id: 'PRJ-US', customer: null, invoices: { totalCount: 1 } });
    assert.deepEqual(us.invUs, { id: 'INV-US', customer: null });
    assert.deepEqual(us.invInc, { id: 'INV-INC', customer: { id: 'ACC-US' }, project: { id: 'PRJ-INC' } });
    assert.deepEqual(us.portfolio, [{ projectCount: 2, billedAmount: { amount: '37.00' }, outstandingBalance: { amount: '37.00' } }]);
  });
});
