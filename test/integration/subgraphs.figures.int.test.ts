import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { graphql } from 'graphql';
import { readIngestStatus } from '../../hub/status';
import type { DeliveryMode } from '../../simulator/delivery';
import { simulateFirm } from '../../simulator/firm';
import { expectedFigures, type ExpectedFigures } from '../../simulator/oracle';
import { createSubgraphs, type Subgraph, type SubgraphName } from '../../subgraphs';
import { fillReadModel } from '../support/simulatedReadModel';
import { entities, execute, query } from '../support/subgraphQuery';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';

/*
 * Every figure of every project, invoice, customer and portfolio row, read
 * from the four subgraphs the way the gateway reads them (root fields of the
 * owner, then `_entities` batches for the fields other subgraphs add), equals
 * the simulator's oracle. The end-to-end comparison through the gateway is
 * the gateway's test; this one pins each subgraph's share.
 */

const firm = simulateFirm({ seed: 'subgraph-figures', scale: 1 });
const expected: ExpectedFigures = expectedFigures(firm.events);
const NOW = new Date('2025-06-01T00:00:00Z');

const amount = (money: { amount: string } | null) => (money === null ? null : money.amount);
const instant = (value: string | null) => (value === null ? null : new Date(value).toISOString());
const lower = (value: string) => value.toLowerCase();

function byId<T extends { id: string }>(rows: readonly (T | null)[]): Map<string, T> {
  return new Map(rows.filter((r): r is T => r !== null).map((r) => [r.id, r]));
}

/** The oracle's records with only the given fields, as JSON. */
function expectedOf<T extends object>(records: Readonly<Record<string, T>>, fields: readonly (keyof T)[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [id, record] of Object.entries(records)) {
    out[id] = Object.fromEntries(fields.map((f) => [f, record[f]]));
  }
  return JSON.parse(JSON.stringify(out));
}

for (const mode of ['in-order', 'duplicates', 'interleaved'] as const satisfies readonly DeliveryMode[]) {
  describe(`subgraphs answer the oracle's figures (delivered ${mode})`, () => {
    let db: TestDatabase;
    let graphs: Record<SubgraphName, Subgraph>;

    before(async () => {
      db = await createTestDatabase();
      await fillReadModel(db.pool, firm.events, mode);
      const built = await createSubgraphs({ pool: db.pool, clock: () => NOW });
      graphs = Object.fromEntries(built.map((s) => [s.name, s])) as Record<SubgraphName, Subgraph>;
    });
    after(async () => {
      await db?.drop();
    });

    it('every project: attributes and hours from project, billing and revenue figures through _entities', async () => {
      const { projects } = await query(graphs.project, `{ projects(first: 500) { totalCount nodes {
        id name billingModel status currency legalEntityId approvedHours billableApprovedHours
        laborCost { amount currency } expenseCost { amount currency } customer { id } } } }`);
      const ids = projects.nodes.map((p: { id: string }) => p.id);
      assert.equal(projects.totalCount, Object.keys(expected.projects).length);
      const billing = byId<any>(await entities(graphs.billing, 'Project', ids,
        'id billedAmount { amount currency } unbilledApprovedAmount { amount currency } unbilledApprovedHours'));
      const revenue = byId<any>(await entities(graphs.revenue, 'Project', ids,
        'id recognizedRevenue { amount currency } margin { amount currency } marginPercent revenueBacklog { amount currency }'));
      const actual: Record<string, unknown> = {};
      for (const p of projects.nodes) {
        const b = billing.get(p.id);
        const r = revenue.get(p.id);
        for (const money of [p.laborCost, p.expenseCost, b.billedAmount, b.unbilledApprovedAmount, r.recognizedRevenue, r.margin, r.revenueBacklog]) {
          if (money !== null) assert.equal(money.currency, p.currency, `${p.id}: every amount in the project currency`);
        }
        actual[p.id] = {
          projectId: p.id, name: p.name, customerId: p.customer.id, billingModel: lower(p.billingModel), status: lower(p.status),
          currency: p.currency, legalEntityId: p.legalEntityId, approvedHours: p.approvedHours, billableApprovedHours: p.billableApprovedHours,
          laborCost: amount(p.laborCost), expenseCost: amount(p.expenseCost), billedAmount: amount(b.billedAmount),
          unbilledApprovedAmount: amount(b.unbilledApprovedAmount), unbilledApprovedHours: b.unbilledApprovedHours,
          recognizedRevenue: amount(r.recognizedRevenue), margin: amount(r.margin), marginPercent: r.marginPercent,
          revenueBacklog: amount(r.revenueBacklog),
        };
      }
      assert.deepEqual(actual, expectedOf(expected.projects, [
        'projectId', 'name', 'customerId', 'billingModel', 'status', 'currency', 'legalEntityId', 'approvedHours', 'billableApprovedHours',
        'laborCost', 'expenseCost', 'billedAmount', 'unbilledApprovedAmount', 'unbilledApprovedHours', 'recognizedRevenue', 'margin',
        'marginPercent', 'revenueBacklog',
      ]));
    });

    it('a project by id, and by key for the gateway, is the same row; unknown ids are null', async () => {
      const id = Object.keys(expected.projects)[0]!;
      const { project, missing } = await query(graphs.project, `query($id: ID!) { project(id: $id) { id name approvedHours }
        missing: project(id: "PRJ-NOPE") { id } }`, { id });
      assert.deepEqual(project, { id, name: expected.projects[id]!.name, approvedHours: expected.projects[id]!.approvedHours });
      assert.equal(missing, null);
      for (const name of ['project', 'billing', 'revenue'] as const) {
        const found = await entities(graphs[name], 'Project', [id, 'PRJ-NOPE'], 'id');
        assert.deepEqual(found, [{ id }, null], name);
      }
    });

    it('every invoice, from invoices() and by key, with its customer (the survivor) and project', async () => {
      const selection = `id number status taxStatus paymentState currency netTotal { amount } taxTotal { amount } grossTotal { amount }
        amountPaid { amount } amountDue { amount } draftedAt postedAt sentAt dueDate openExceptions { id } customer { id } project { id }`;
      const { invoices } = await query(graphs.billing, `{ invoices(first: 500) { totalCount nodes { ${selection} } } }`);
      const toFigures = (i: any) => ({
        invoiceId: i.id, projectId: i.project.id, customerId: i.customer.id, currency: i.currency, status: lower(i.status),
        taxStatus: lower(i.taxStatus), paymentState: lower(i.paymentState), netTotal: amount(i.netTotal), taxTotal: amount(i.taxTotal),
        grossTotal: amount(i.grossTotal), amountPaid: amount(i.amountPaid), amountDue: amount(i.amountDue), number: i.number,
        dueDate: i.dueDate, draftedAt: instant(i.draftedAt), postedAt: instant(i.postedAt), sentAt: instant(i.sentAt),
        openExceptions: i.openExceptions.map((e: { id: string }) => e.id),
      });
      const wanted = expectedOf(expected.invoices, [
        'invoiceId', 'projectId', 'customerId', 'currency', 'status', 'taxStatus', 'paymentState', 'netTotal', 'taxTotal', 'grossTotal',
        'amountPaid', 'amountDue', 'number', 'dueDate', 'draftedAt', 'postedAt', 'sentAt', 'openExceptions',
      ]) as Record<string, any>;
      for (const i of Object.values(wanted)) for (const t of ['draftedAt', 'postedAt', 'sentAt']) i[t] = instant(i[t]);
      assert.equal(invoices.totalCount, Object.keys(wanted).length);
      assert.deepEqual(Object.fromEntries(invoices.nodes.map((i: any) => [i.id, toFigures(i)])), wanted);

      const byKey = await entities(graphs.billing, 'Invoice', Object.keys(wanted), selection);
      assert.deepEqual(Object.fromEntries(byKey.map((i: any) => [i.id, toFigures(i)])), wanted);
      assert.ok(Object.values(expected.invoices).some((i) => i.accountId !== i.customerId), 'the firm has invoices of a merged account');
    });

    it('open exceptions say their age against the clock', async () => {
      const { invoices } = await query(graphs.billing, `{ invoices(first: 500, hasOpenException: true) {
        nodes { id openExceptions { id stage code raisedAt ageHours } } } }`);
      const withOpen = Object.values(expected.invoices).filter((i) => i.openExceptions.length > 0);
      assert.ok(withOpen.length > 0, 'the firm leaves an exception open');
      assert.deepEqual(invoices.nodes.map((i: any) => i.id).sort(), withOpen.map((i) => i.invoiceId).sort());
      for (const exception of invoices.nodes.flatMap((i: any) => i.openExceptions)) {
        const hours = (NOW.getTime() - new Date(exception.raisedAt).getTime()) / 3_600_000;
        assert.ok(Math.abs(exception.ageHours - hours) <= 0.005, `${exception.id}: ${exception.ageHours} h, expected ${hours}`);
      }
    });

    it('every customer: merged accounts answer with status merged and their survivor, balances count under the survivor', async () => {
      const ids = Object.keys(expected.customers);
      const owned = await entities<any>(graphs.customer, 'Customer', ids, 'id name legalEntityId billingCurrency status mergedInto { id }');
      const billing = byId<any>(await entities(graphs.billing, 'Customer', ids,
        'id outstandingBalance { amount currency } invoices(first: 500) { totalCount nodes { id } }'));
      const projects = byId<any>(await entities(graphs.project, 'Customer', ids, 'id projects(first: 500) { totalCount nodes { id } }'));
      const actual = Object.fromEntries(owned.map((c) => {
        const b = billing.get(c.id);
        const p = projects.get(c.id);
        assert.equal(b.invoices.totalCount, b.invoices.nodes.length);
        assert.equal(p.projects.totalCount, p.projects.nodes.length);
        return [c.id, {
          customerId: c.id, name: c.name, legalEntityId: c.legalEntityId, billingCurrency: c.billingCurrency, status: c.status,
          mergedInto: c.mergedInto?.id ?? null, projectIds: p.projects.nodes.map((n: { id: string }) => n.id),
          invoiceIds: b.invoices.nodes.map((n: { id: string }) => n.id).sort(), outstandingBalance: b.outstandingBalance,
        }];
      }));
      assert.deepEqual(actual, expectedOf(expected.customers, [
        'customerId', 'name', 'legalEntityId', 'billingCurrency', 'status', 'mergedInto', 'projectIds', 'invoiceIds', 'outstandingBalance',
      ]));

      const merged = Object.values(expected.customers).filter((c) => c.status === 'merged');
      assert.ok(merged.length > 0, 'the firm merges an account');
      for (const m of merged) {
        const { customer } = await query(graphs.customer, `query($id: ID!) { customer(id: $id) { id status mergedInto { id status } } }`, { id: m.customerId });
        assert.deepEqual(customer, { id: m.customerId, status: 'merged', mergedInto: { id: m.mergedInto, status: expected.customers[m.mergedInto!]!.status } });
      }
    });

    it('customers lists the survivors only, and projects/invoices filter by customer with merged accounts included', async () => {
      const { customers } = await query(graphs.customer, '{ customers(first: 500) { totalCount nodes { id status } } }');
      const survivors = Object.values(expected.customers).filter((c) => c.mergedInto === null);
      assert.deepEqual(customers.nodes.map((c: { id: string }) => c.id), survivors.map((c) => c.customerId));
      assert.equal(customers.totalCount, survivors.length);
      assert.ok(customers.nodes.every((c: { status: string }) => c.status !== 'merged'));

      const survivor = survivors.find((c) => Object.values(expected.customers).some((m) => m.mergedInto === c.customerId))!;
      const { projects } = await query(graphs.project, `query($c: ID!) { projects(first: 500, customerId: $c) { totalCount nodes { id } } }`,
        { c: survivor.customerId });
      assert.deepEqual(projects.nodes.map((p: { id: string }) => p.id), survivor.projectIds);
      const { invoices } = await query(graphs.billing, `query($c: ID!) { invoices(first: 500, customerId: $c) { totalCount nodes { id } } }`,
        { c: survivor.customerId });
      assert.deepEqual(invoices.nodes.map((i: { id: string }) => i.id).sort(), survivor.invoiceIds);
      assert.equal(invoices.totalCount, survivor.invoiceIds.length);
    });

    it('the portfolio per currency and per legal entity, each subgraph adding its sums to the same rows', async () => {
      const rowsOf = async (legalEntityId: string | null) => {
        const { portfolio } = await query(graphs.project, `query($le: String) { portfolio(legalEntityId: $le) {
          id currency legalEntityId projectCount approvedHours laborCost { amount } expenseCost { amount } } }`, { le: legalEntityId });
        const ids = portfolio.map((r: { id: string }) => r.id);
        const billing = byId<any>(await entities(graphs.billing, 'PortfolioFigures', ids,
          'id billedAmount { amount } unbilledApprovedAmount { amount } outstandingBalance { amount currency } openInvoiceExceptions'));
        const revenue = byId<any>(await entities(graphs.revenue, 'PortfolioFigures', ids, 'id recognizedRevenue { amount } margin { amount } marginPercent'));
        return portfolio.map((p: any) => {
          const b = billing.get(p.id);
          const r = revenue.get(p.id);
          assert.equal(b.outstandingBalance.currency, p.currency);
          return {
            currency: p.currency, legalEntityId: p.legalEntityId, projectCount: p.projectCount, approvedHours: p.approvedHours,
            laborCost: amount(p.laborCost), expenseCost: amount(p.expenseCost), billedAmount: amount(b.billedAmount),
            unbilledApprovedAmount: amount(b.unbilledApprovedAmount), recognizedRevenue: amount(r.recognizedRevenue), margin: amount(r.margin),
            marginPercent: r.marginPercent, outstandingBalance: amount(b.outstandingBalance), openInvoiceExceptions: b.openInvoiceExceptions,
          };
        });
      };
      assert.deepEqual(await rowsOf(null), JSON.parse(JSON.stringify(expected.portfolio)));
      const legalEntities = [...new Set(expected.portfolioByLegalEntity.map((r) => r.legalEntityId!))];
      const byEntity = [];
      for (const le of legalEntities) byEntity.push(...(await rowsOf(le)));
      assert.deepEqual(byEntity, JSON.parse(JSON.stringify(expected.portfolioByLegalEntity)));
      assert.deepEqual(await rowsOf('LE-NOWHERE'), []);
    });

    it('ingestStatus answers the ingest counts, stale included', async () => {
      const { ingestStatus } = await query(graphs.customer, '{ ingestStatus { received applied parked duplicates rejected exceptions pending stale } }');
      assert.deepEqual(ingestStatus, { ...(await readIngestStatus(db.pool)) });
      assert.equal(ingestStatus.received, expected.events.applied);
      assert.equal(ingestStatus.pending, 0);
    });

    it('a query needs a context object (the loaders of a request live on it)', async () => {
      const withContext = await execute(graphs.project, '{ project(id: "x") { id } }');
      assert.deepEqual(withContext, { data: { project: null } });
      const without = await graphql({ schema: graphs.project.schema, source: '{ project(id: "x") { id } }' });
      assert.match(String(without.errors?.[0]?.message), /need a context object per request/);
    });
  });
}
