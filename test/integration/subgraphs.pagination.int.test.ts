import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { simulateFirm } from '../../simulator/firm';
import { expectedFigures } from '../../simulator/oracle';
import { createSubgraphs, type Subgraph, type SubgraphName } from '../../subgraphs';
import { fillReadModel } from '../support/simulatedReadModel';
import { entities, execute, query } from '../support/subgraphQuery';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';

const firm = simulateFirm({ seed: 'subgraph-pagination', scale: 3 });
const expected = expectedFigures(firm.events);
/** Invoice ids in time order: drafted, then id. */
const invoicesInTimeOrder = Object.values(expected.invoices)
  .sort((a, b) => Date.parse(a.draftedAt) - Date.parse(b.draftedAt) || (a.invoiceId < b.invoiceId ? -1 : 1))
  .map((i) => i.invoiceId);

interface Page {
  totalCount: number;
  edges: { cursor: string; node: { id: string } }[];
  nodes: { id: string }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}
const PAGE = 'totalCount edges { cursor node { id } } nodes { id } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }';

/** Follows `endCursor` to the end; checks every page's shape on the way; answers the ids visited. */
async function walk(first: number, fetch: (after: string | null) => Promise<Page>): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (let pages = 0; ; pages++) {
    assert.ok(pages < 1000, 'pagination ends');
    const page: Page = await fetch(after);
    assert.ok(page.edges.length <= first);
    assert.deepEqual(page.nodes, page.edges.map((e) => e.node));
    assert.equal(page.pageInfo.hasPreviousPage, after !== null);
    assert.equal(page.pageInfo.startCursor, page.edges[0]?.cursor ?? null);
    assert.equal(page.pageInfo.endCursor, page.edges.at(-1)?.cursor ?? null);
    ids.push(...page.nodes.map((n) => n.id));
    if (!page.pageInfo.hasNextPage) {
      assert.equal(page.totalCount, ids.length, 'totalCount counts every page');
      return ids;
    }
    assert.equal(page.edges.length, first, 'a page before the last is full');
    after = page.pageInfo.endCursor;
  }
}

function assertBadUserInput(result: Awaited<ReturnType<typeof execute>>, message: RegExp): void {
  assert.equal(result.errors?.length, 1, JSON.stringify(result));
  assert.equal(result.errors![0]!.extensions?.code, 'BAD_USER_INPUT');
  assert.match(result.errors![0]!.message, message);
}

describe('subgraph connections page with stable cursors', () => {
  let db: TestDatabase;
  let graphs: Record<SubgraphName, Subgraph>;

  before(async () => {
    db = await createTestDatabase();
    await fillReadModel(db.pool, firm.events, 'interleaved');
    graphs = Object.fromEntries((await createSubgraphs({ pool: db.pool })).map((s) => [s.name, s])) as Record<SubgraphName, Subgraph>;
  });
  after(async () => {
    await db?.drop();
  });

  it('visits every invoice exactly once, in time order, 7 at a time', async () => {
    assert.ok(invoicesInTimeOrder.length > 50, `${invoicesInTimeOrder.length} invoices`);
    const ids = await walk(7, async (after) =>
      (await query(graphs.billing, `query($after: String) { invoices(first: 7, after: $after) { ${PAGE} } }`, { after })).invoices);
    assert.deepEqual(ids, invoicesInTimeOrder);
  });

  it('gives the same page for the same cursor, every time', async () => {
    const { invoices: first } = await query(graphs.billing, `{ invoices(first: 10) { ${PAGE} } }`);
    const cursor = first.edges[4].cursor;
    const again = async () => (await query(graphs.billing, `query($c: String) { invoices(first: 5, after: $c) { ${PAGE} } }`, { c: cursor })).invoices;
    const [a, b] = [await again(), await again()];
    assert.deepEqual(a, b);
    assert.deepEqual(a.nodes, first.nodes.slice(5, 10));
  });

  it('pages filtered invoices, and counts them', async () => {
    const posted = Object.values(expected.invoices).filter((i) => i.status === 'posted');
    const ids = await walk(9, async (after) =>
      (await query(graphs.billing, `query($after: String) { invoices(first: 9, after: $after, status: POSTED) { ${PAGE} } }`, { after })).invoices);
    assert.deepEqual(ids.slice().sort(), posted.map((i) => i.invoiceId).sort());
    const paid = Object.values(expected.invoices).filter((i) => i.paymentState === 'paid' && i.status === 'posted').length;
    const { invoices } = await query(graphs.billing, '{ invoices(first: 0, status: POSTED, paymentState: PAID) { totalCount nodes { id } pageInfo { hasNextPage } } }');
    assert.deepEqual(invoices, { totalCount: paid, nodes: [], pageInfo: { hasNextPage: paid > 0 } });
  });

  it("pages a survivor's invoices (merged accounts' included) and a project's, through _entities", async () => {
    const survivor = Object.values(expected.customers).find((c) => Object.values(expected.customers).some((m) => m.mergedInto === c.customerId))!;
    const ids = await walk(3, async (after) => {
      const [customer] = await entities(graphs.billing, 'Customer', [survivor.customerId], `invoices(first: 3, after: ${JSON.stringify(after)}) { ${PAGE} }`);
      return customer.invoices;
    });
    assert.deepEqual(ids, invoicesInTimeOrder.filter((id) => survivor.invoiceIds.includes(id)));

    const project = Object.values(expected.projects).find((p) => Object.values(expected.invoices).filter((i) => i.projectId === p.projectId).length > 3)!;
    const projectIds = await walk(2, async (after) => {
      const [p] = await entities(graphs.billing, 'Project', [project.projectId], `invoices(first: 2, after: ${JSON.stringify(after)}) { ${PAGE} }`);
      return p.invoices;
    });
    assert.deepEqual(projectIds, invoicesInTimeOrder.filter((id) => expected.invoices[id]!.projectId === project.projectId));
  });

  it('pages projects, customers and a customer\'s projects by id', async () => {
    const projectIds = await walk(4, async (after) =>
      (await query(graphs.project, `query($after: String) { projects(first: 4, after: $after) { ${PAGE} } }`, { after })).projects);
    assert.deepEqual(projectIds, Object.keys(expected.projects));
    const customerIds = await walk(3, async (after) =>
      (await query(graphs.customer, `query($after: String) { customers(first: 3, after: $after) { ${PAGE} } }`, { after })).customers);
    assert.deepEqual(customerIds, Object.values(expected.customers).filter((c) => c.mergedInto === null).map((c) => c.customerId));
    const busiest = Object.values(expected.customers).sort((a, b) => b.projectIds.length - a.projectIds.length)[0]!;
    const ofCustomer = await walk(2, async (after) => {
      const [c] = await entities(graphs.project, 'Customer', [busiest.customerId], `projects(first: 2, after: ${JSON.stringify(after)}) { ${PAGE} }`);
      return c.projects;
    });
    assert.deepEqual(ofCustomer, busiest.projectIds);
  });

  it('defaults first to 50', async () => {
    const { invoices } = await query(graphs.billing, '{ invoices { nodes { id } pageInfo { hasNextPage } } }');
    assert.equal(invoices.nodes.length, Math.min(50, invoicesInTimeOrder.length));
    assert.equal(invoices.pageInfo.hasNextPage, invoicesInTimeOrder.length > 50);
  });

  it('refuses first above 500 or below 0 with BAD_USER_INPUT, saying what was expected and what arrived', async () => {
    assertBadUserInput(await execute(graphs.billing, '{ invoices(first: 501) { totalCount } }'),
      /^first: expected an integer from 0 to 500 \(default 50\), got 501$/);
    assertBadUserInput(await execute(graphs.billing, '{ invoices(first: 100000) { totalCount } }'), /got 100000/);
    assertBadUserInput(await execute(graphs.project, '{ projects(first: -1) { totalCount } }'), /got -1/);
    assertBadUserInput(await execute(graphs.customer, '{ customers(first: 501) { totalCount } }'), /got 501/);
    const nested = await execute(graphs.billing, `{ _entities(representations: [{__typename: "Customer", id: "ACC-0001"}]) {
      ... on Customer { invoices(first: 501) { totalCount } } } }`);
    assertBadUserInput(nested, /got 501/);
  });

  it('refuses a cursor it did not make, or of another connection, with BAD_USER_INPUT', async () => {
    assertBadUserInput(await execute(graphs.billing, '{ invoices(after: "bm90IGEgY3Vyc29y") { totalCount } }'),
      /^after: expected a cursor returned by this connection \(endCursor or an edge's cursor\), got "bm90IGEgY3Vyc29y"$/);
    assertBadUserInput(await execute(graphs.billing, '{ invoices(after: "not a cursor") { totalCount } }'), /got "not a cursor"/);
    const { projects } = await query(graphs.project, '{ projects(first: 1) { pageInfo { endCursor } } }');
    assertBadUserInput(await execute(graphs.billing, `{ invoices(after: ${JSON.stringify(projects.pageInfo.endCursor)}) { totalCount } }`),
      /expected a cursor returned by this connection/);
  });
});
