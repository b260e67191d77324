import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Pool } from 'pg';
import { simulateFirm } from '../../simulator/firm';
import { createSubgraphByName, SUBGRAPH_NAMES, type Subgraph, type SubgraphName } from '../../subgraphs';
import { fillReadModel } from '../support/simulatedReadModel';
import { query } from '../support/subgraphQuery';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';

/*
 * No N+1: the SQL statements a subgraph issues for a request do not grow
 * with the number of entities. Each subgraph gets its own pool wrapper that
 * counts `query` calls; the same requests for 50 and for 500 invoices must
 * cost the same, few statements.
 */

// About 520 invoices: enough for batches of 500.
const firm = simulateFirm({ seed: 'subgraph-batching', scale: 18, months: 12 });

interface CountingPool {
  readonly pool: Pool;
  statements: string[];
}

/**
 * A pool that records every statement sent through it: the resolvers' reads
 * go in batches on clients checked out of the pool (resolvers/shared/statementBatches.ts),
 * so `query` of every client it hands out is recorded, and `query` of the pool itself.
 */
function countingPool(pool: Pool): CountingPool {
  const record = (text: unknown) => counter.statements.push(typeof text === 'string' ? text : String((text as { text?: string })?.text));
  const counter: CountingPool = {
    statements: [],
    pool: new Proxy(pool, {
      get(target, property, receiver) {
        if (property === 'query') {
          return (text: unknown, ...rest: unknown[]) => {
            record(text);
            return (target.query as (...args: unknown[]) => unknown).call(target, text, ...rest);
          };
        }
        if (property === 'connect') {
          return async () => {
            const client = await target.connect();
            return new Proxy(client, {
              get(clientTarget, clientProperty, clientReceiver) {
                if (clientProperty !== 'query') return Reflect.get(clientTarget, clientProperty, clientReceiver);
                return (text: unknown, ...rest: unknown[]) => {
                  record(text);
                  return (clientTarget.query as (...args: unknown[]) => unknown).call(clientTarget, text, ...rest);
                };
              },
            });
          };
        }
        return Reflect.get(target, property, receiver);
      },
    }),
  };
  return counter;
}

describe('subgraphs batch every list, nested field and reference (no N+1)', () => {
  let db: TestDatabase;
  const graphs = {} as Record<SubgraphName, Subgraph>;
  const counters = {} as Record<SubgraphName, CountingPool>;
  let invoiceIds: string[];
  let customerIds: string[];
  let projectIds: string[];

  before(async () => {
    db = await createTestDatabase();
    await fillReadModel(db.pool, firm.events, 'in-order');
    for (const name of SUBGRAPH_NAMES) {
      counters[name] = countingPool(db.pool);
      graphs[name] = await createSubgraphByName(name, { pool: counters[name].pool });
    }
    const { rows } = await db.pool.query<{ id: string; customer_id: string; project_id: string }>(
      `SELECT i.id, a.root_id AS customer_id, i.project_id FROM billing.invoice i JOIN customer.account a ON a.id = i.account_id
       ORDER BY i.drafted_at, i.id LIMIT 500`,
    );
    assert.equal(rows.length, 500, 'the firm has at least 500 invoices');
    invoiceIds = rows.map((r) => r.id);
    customerIds = rows.map((r) => r.customer_id);
    projectIds = rows.map((r) => r.project_id);
  });
  after(async () => {
    await db?.drop();
  });

  /** Statements `name` issues for one request. */
  async function statementsOf(name: SubgraphName, source: string, variables?: Record<string, unknown>): Promise<string[]> {
    counters[name].statements = [];
    await query(graphs[name], source, variables);
    return counters[name].statements;
  }

  /** Statements of one `_entities` request of `count` representations, as the gateway sends them. */
  function entitiesStatements(name: SubgraphName, typename: string, ids: readonly string[], count: number, selection: string) {
    return statementsOf(
      name,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on ${typename} { ${selection} } } }`,
      { r: ids.slice(0, count).map((id) => ({ __typename: typename, id })) },
    );
  }

  it('invoices(first: n) with customer, project and their nested lists: the same few statements for 50 and 500', async () => {
    const source = (n: number) => `{ invoices(first: ${n}) { totalCount nodes {
      id number netTotal { amount } openExceptions { id ageHours }
      customer { id outstandingBalance { amount currency } invoices(first: 2) { totalCount nodes { id } } }
      project { id billedAmount { amount } unbilledApprovedHours invoices(first: 1) { totalCount edges { cursor } } } } } }`;
    const fifty = await statementsOf('billing', source(50));
    const fiveHundred = await statementsOf('billing', source(500));
    assert.equal(fiveHundred.length, fifty.length, fiveHundred.join('\n---\n'));
    // page, count, exceptions, balances, customer pages + counts, project rows, project pages + counts
    assert.ok(fiveHundred.length <= 9, `${fiveHundred.length} statements`);
  });

  it('_entities of 500 invoices (billing), their customers (customer) and projects (project, revenue, billing): a bounded number per subgraph', async () => {
    const requests: [SubgraphName, string, string[], string][] = [
      ['billing', 'Invoice', invoiceIds, 'id number status paymentState netTotal { amount } amountDue { amount } openExceptions { id } customer { id } project { id }'],
      ['customer', 'Customer', customerIds, 'id name status legalEntityId mergedInto { id name }'],
      ['project', 'Project', projectIds, 'id name currency approvedHours laborCost { amount } customer { id }'],
      ['revenue', 'Project', projectIds, 'recognizedRevenue { amount } margin { amount } marginPercent revenueBacklog { amount }'],
      ['billing', 'Project', projectIds, 'billedAmount { amount } unbilledApprovedAmount { amount } invoices(first: 3) { totalCount nodes { id } }'],
      ['billing', 'Customer', customerIds, 'outstandingBalance { amount currency } invoices(first: 3) { totalCount nodes { id } }'],
      ['project', 'Customer', customerIds, 'projects(first: 3) { totalCount nodes { id name } }'],
    ];
    for (const [name, typename, ids, selection] of requests) {
      const fifty = await entitiesStatements(name, typename, ids, 50, selection);
      const fiveHundred = await entitiesStatements(name, typename, ids, 500, selection);
      const what = `${name} _entities(${typename})`;
      assert.equal(fiveHundred.length, fifty.length, `${what}: ${fiveHundred.join('\n---\n')}`);
      assert.ok(fiveHundred.length <= 3, `${what}: ${fiveHundred.length} statements`);
    }
  });

  it('a first page of nested lists and its totalCount are one statement (the page query counts), a later page counts apart', async () => {
    const pages = await entitiesStatements('billing', 'Project', projectIds, 50, 'invoices(first: 3) { totalCount nodes { id } }');
    assert.equal(pages.length, 2, pages.join('\n---\n'));
    assert.ok(!pages.some((text) => /^\s*SELECT [^(]*count\(\*\)/i.test(text) && !/row_number/.test(text)), `the project rows and the pages, no count: ${pages.join('\n---\n')}`);
    const customerPages = await entitiesStatements('project', 'Customer', customerIds, 50, 'projects(first: 2) { totalCount nodes { id } }');
    assert.equal(customerPages.length, 1, customerPages.join('\n---\n'));
    const firstPage = await query(graphs.billing, `{ _entities(representations: [{ __typename: "Customer", id: "${customerIds[0]}" }]) { ... on Customer { invoices(first: 1) { totalCount pageInfo { endCursor } } } } }`);
    const { totalCount, pageInfo } = (firstPage as any)._entities[0].invoices;
    const later = await statementsOf('billing', `{ _entities(representations: [{ __typename: "Customer", id: "${customerIds[0]}" }]) { ... on Customer { invoices(first: 1, after: "${pageInfo.endCursor}") { totalCount } } } }`);
    assert.equal(later.length, 2, 'after a cursor the window counts only what follows it: totalCount is its own statement');
    const again = await query(graphs.billing, `{ _entities(representations: [{ __typename: "Customer", id: "${customerIds[0]}" }]) { ... on Customer { invoices(first: 1, after: "${pageInfo.endCursor}") { totalCount } } } }`);
    assert.equal((again as any)._entities[0].invoices.totalCount, totalCount, 'totalCount counts every page');
  });

  it('customers and projects with nested connections: the same statements for 5 and 50 parents', async () => {
    const customers = (n: number) => `{ customers(first: ${n}) { nodes { id mergedInto { id } } } }`;
    assert.equal((await statementsOf('customer', customers(50))).length, (await statementsOf('customer', customers(5))).length);
    const projects = (n: number) => `{ projects(first: ${n}) { totalCount nodes { id customer { id projects(first: 2) { totalCount nodes { id } } } } } }`;
    const few = await statementsOf('project', projects(5));
    const many = await statementsOf('project', projects(50));
    assert.equal(many.length, few.length);
    assert.ok(many.length <= 4, `${many.length} statements`);
  });

  it('portfolio rows of every subgraph: one statement per request', async () => {
    const ids = ['EUR', 'USD', 'GBP', 'EUR|LE-DE', 'EUR|LE-NL', 'USD|LE-US', 'GBP|LE-UK'];
    assert.equal((await statementsOf('project', '{ portfolio { id projectCount } }')).length, 1);
    for (const name of ['project', 'billing', 'revenue'] as const) {
      const selection = { project: 'projectCount', billing: 'outstandingBalance { amount } openInvoiceExceptions', revenue: 'marginPercent' }[name];
      assert.equal((await entitiesStatements(name, 'PortfolioFigures', ids, ids.length, selection)).length, 1, name);
    }
  });
});
