import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import type { Pool } from 'pg';
import { createSubgraphByName, createSubgraphs, SUBGRAPH_NAMES, type Subgraph } from '../../subgraphs';

// Building a schema reads nothing: a pool that fails on use proves it.
const pool = { query: () => Promise.reject(new Error('no database in a unit test')) } as unknown as Pool;

function compose(subgraphs: readonly Subgraph[]) {
  return composeServices(subgraphs.map((s) => ({ name: s.name, typeDefs: parse(s.sdl), url: `http://127.0.0.1/${s.name}` })));
}

/** The fields of a type in a composed supergraph SDL, `name: Type` without arguments or directives. */
function fieldsOf(sdl: string, type: string): Map<string, string> {
  const body = new RegExp(`\\ntype ${type}\\b[^{]*\\{([^}]*)\\}`).exec(sdl)?.[1] ?? '';
  const fields = new Map<string, string>();
  const flat = body.replace(/"""[^]*?"""/g, '').replace(/\([^)]*\)/g, '').replace(/@\w+(\([^)]*\))?/g, '');
  for (const line of flat.split('\n')) {
    const m = /^\s*(\w+)\s*:\s*(\S+)\s*$/.exec(line);
    if (m) fields.set(m[1]!, m[2]!);
  }
  return fields;
}

describe('the four subgraphs', () => {
  it('are built in SUBGRAPH_NAMES order, each with its federation SDL', async () => {
    const subgraphs = await createSubgraphs({ pool });
    assert.deepEqual(subgraphs.map((s) => s.name), [...SUBGRAPH_NAMES]);
    for (const s of subgraphs) {
      assert.match(s.sdl, /^extend schema @link\(url: "https:\/\/specs\.apollo\.dev\/federation\/v2\.7"/);
      assert.ok(s.schema.getQueryType()?.getFields()._entities, `${s.name} answers _entities`);
    }
  });

  it('compose into a supergraph without errors', async () => {
    const result = compose(await createSubgraphs({ pool }));
    assert.equal(result.errors, undefined, result.errors?.map((e) => e.message).join('\n'));
  });

  it('give the supergraph every type and field of docs/api.md#graphql, with its exact type', async () => {
    const result = compose(await createSubgraphs({ pool }));
    const sdl = result.supergraphSdl!;
    const contract: Record<string, Record<string, string>> = {
      Money: { amount: 'Decimal!', currency: 'String!' },
      Customer: {
        id: 'ID!', name: 'String!', legalEntityId: 'String!', billingCurrency: 'String!', status: 'String!', mergedInto: 'Customer',
        projects: 'ProjectConnection!', invoices: 'InvoiceConnection!', outstandingBalance: '[Money!]!',
      },
      Project: {
        // Nullable: a customer in a legal entity the token does not see is null there (docs/api.md, "Legal-entity scoping").
        id: 'ID!', name: 'String!', customer: 'Customer', billingModel: 'BillingModel!', status: 'ProjectStatus!', currency: 'String!',
        legalEntityId: 'String!', approvedHours: 'Decimal!', billableApprovedHours: 'Decimal!', laborCost: 'Money!', expenseCost: 'Money!',
        billedAmount: 'Money!', unbilledApprovedAmount: 'Money!', unbilledApprovedHours: 'Decimal!', recognizedRevenue: 'Money!',
        margin: 'Money!', marginPercent: 'Decimal', revenueBacklog: 'Money', invoices: 'InvoiceConnection!',
      },
      Invoice: {
        id: 'ID!', number: 'String', customer: 'Customer', project: 'Project', status: 'InvoiceStatus!', taxStatus: 'TaxStatus!',
        paymentState: 'PaymentState!', netTotal: 'Money!', taxTotal: 'Money', grossTotal: 'Money!', amountPaid: 'Money!', amountDue: 'Money',
        draftedAt: 'DateTime', postedAt: 'DateTime', sentAt: 'DateTime', dueDate: 'Date', openExceptions: '[InvoiceException!]!',
      },
      InvoiceException: { id: 'ID!', stage: 'String!', code: 'String!', message: 'String', raisedAt: 'DateTime!', ageHours: 'Float!' },
      Query: {
        customer: 'Customer', customers: 'CustomerConnection!', project: 'Project', projects: 'ProjectConnection!', invoice: 'Invoice',
        invoices: 'InvoiceConnection!', portfolio: '[PortfolioFigures!]!', ingestStatus: 'IngestStatus!',
      },
      PortfolioFigures: {
        currency: 'String!', legalEntityId: 'String', projectCount: 'Int!', approvedHours: 'Decimal!', laborCost: 'Money!',
        expenseCost: 'Money!', billedAmount: 'Money!', unbilledApprovedAmount: 'Money!', recognizedRevenue: 'Money!', margin: 'Money!',
        marginPercent: 'Decimal', outstandingBalance: 'Money!', openInvoiceExceptions: 'Int!',
      },
      IngestStatus: {
        received: 'Int!', applied: 'Int!', parked: 'Int!', duplicates: 'Int!', rejected: 'Int!', exceptions: 'Int!', pending: 'Int!',
      },
      PageInfo: { hasNextPage: 'Boolean!', endCursor: 'String' },
      InvoiceConnection: { edges: '[InvoiceEdge!]!', nodes: '[Invoice]!', pageInfo: 'PageInfo!', totalCount: 'Int!' },
      InvoiceEdge: { cursor: 'String!', node: 'Invoice' },
    };
    for (const [type, fields] of Object.entries(contract)) {
      const actual = fieldsOf(sdl, type);
      for (const [field, fieldType] of Object.entries(fields)) {
        assert.equal(actual.get(field), fieldType, `${type}.${field}`);
      }
    }
    for (const [name, values] of Object.entries({
      BillingModel: 'TIME_AND_MATERIALS FIXED_FEE MILESTONE RETAINER',
      ProjectStatus: 'SETUP ACTIVE ON_HOLD COMPLETED CLOSED CANCELLED',
      InvoiceStatus: 'DRAFT POSTED VOIDED',
      TaxStatus: 'PENDING SUCCEEDED FAILED',
      PaymentState: 'NOT_PAID PARTIAL PAID',
    })) {
      const body = new RegExp(`\\nenum ${name}[^{]*\\{([^}]*)\\}`).exec(sdl)?.[1] ?? '';
      assert.deepEqual(body.replace(/@\w+(\([^)]*\))?/g, '').split(/\s+/).filter(Boolean), values.split(' '), name);
    }
    for (const scalar of ['DateTime', 'Date', 'Decimal']) assert.match(sdl, new RegExp(`\\nscalar ${scalar}\\b`));
  });

  it('each own their root fields, so no two subgraphs answer the same one', async () => {
    const owners = new Map<string, string>();
    for (const s of await createSubgraphs({ pool })) {
      for (const field of Object.keys(s.schema.getQueryType()!.getFields())) {
        if (field.startsWith('_')) continue;
        assert.equal(owners.get(field), undefined, `Query.${field} in ${owners.get(field)} and ${s.name}`);
        owners.set(field, s.name);
      }
    }
    assert.deepEqual(Object.fromEntries([...owners].sort()), {
      customer: 'customer', customers: 'customer', ingestStatus: 'customer', hubExceptions: 'customer', parkedEvents: 'customer',
      project: 'project', projects: 'project', portfolio: 'project',
      invoice: 'billing', invoices: 'billing',
      receivablesAging: 'billing', unbilledAging: 'billing', dso: 'billing', unbilledFacts: 'billing',
      portfolioMonths: 'revenue',
    });
  });

  it('are built by name, and an unknown name is refused with the names expected', async () => {
    assert.equal((await createSubgraphByName('revenue', { pool })).name, 'revenue');
    await assert.rejects(createSubgraphByName('payments' as never, { pool }), /unknown subgraph "payments": expected one of customer, project, billing, revenue/);
  });

  it('can be built twice in one process (tests and the one-process gateway do)', async () => {
    const [a, b] = [await createSubgraphByName('billing', { pool }), await createSubgraphByName('billing', { pool })];
    assert.equal(a.sdl, b.sdl);
    assert.notEqual(a.schema, b.schema);
  });
});
