"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const firm_1 = require("../../simulator/firm");
const oracle_1 = require("../../simulator/oracle");
const subgraphs_1 = require("../../subgraphs");
const simulatedReadModel_1 = require("../support/simulatedReadModel");
const subgraphQuery_1 = require("../support/subgraphQuery");
const testDatabase_1 = require("../support/testDatabase");
const firm = (0, firm_1.simulateFirm)({ seed: 'subgraph-pagination', scale: 3 });
const expected = (0, oracle_1.expectedFigures)(firm.events);
/** Invoice ids in time order: drafted, then id. */
const invoicesInTimeOrder = Object.values(expected.invoices)
    .sort((a, b) => Date.parse(a.draftedAt) - Date.parse(b.draftedAt) || (a.invoiceId < b.invoiceId ? -1 : 1))
    .map((i) => i.invoiceId);
const PAGE = 'totalCount edges { cursor node { id } } nodes { id } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }';
/** Follows `endCursor` to the end; checks every page's shape on the way; answers the ids visited. */
async function walk(first, fetch) {
    const ids = [];
    let after = null;
    for (let pages = 0;; pages++) {
        strict_1.default.ok(pages < 1000, 'pagination ends');
        const page = await fetch(after);
        strict_1.default.ok(page.edges.length <= first);
        strict_1.default.deepEqual(page.nodes, page.edges.map((e) => e.node));
        strict_1.default.equal(page.pageInfo.hasPreviousPage, after !== null);
        strict_1.default.equal(page.pageInfo.startCursor, page.edges[0]?.cursor ?? null);
        strict_1.default.equal(page.pageInfo.endCursor, page.edges.at(-1)?.cursor ?? null);
        ids.push(...page.nodes.map((n) => n.id));
        if (!page.pageInfo.hasNextPage) {
            strict_1.default.equal(page.totalCount, ids.length, 'totalCount counts every page');
            return ids;
        }
        strict_1.default.equal(page.edges.length, first, 'a page before the last is full');
        after = page.pageInfo.endCursor;
    }
}
function assertBadUserInput(result, message) {
    strict_1.default.equal(result.errors?.length, 1, JSON.stringify(result));
    strict_1.default.equal(result.errors[0].extensions?.code, 'BAD_USER_INPUT');
    strict_1.default.match(result.errors[0].message, message);
}
(0, node_test_1.describe)('subgraph connections page with stable cursors', () => {
    let db;
    let graphs;
    (0, node_test_1.before)(async () => {
        db = await (0, testDatabase_1.createTestDatabase)();
        await (0, simulatedReadModel_1.fillReadModel)(db.pool, firm.events, 'interleaved');
        graphs = Object.fromEntries((await (0, subgraphs_1.createSubgraphs)({ pool: db.pool })).map((s) => [s.name, s]));
    });
    (0, node_test_1.after)(async () => {
        await db?.drop();
    });
    (0, node_test_1.it)('visits every invoice exactly once, in time order, 7 at a time', async () => {
        strict_1.default.ok(invoicesInTimeOrder.length > 50, `${invoicesInTimeOrder.length} invoices`);
        const ids = await walk(7, async (after) => (await (0, subgraphQuery_1.query)(graphs.billing, `query($after: String) { invoices(first: 7, after: $after) { ${PAGE} } }`, { after })).invoices);
        strict_1.default.deepEqual(ids, invoicesInTimeOrder);
    });
    (0, node_test_1.it)('gives the same page for the same cursor, every time', async () => {
        const { invoices: first } = await (0, subgraphQuery_1.query)(graphs.billing, `{ invoices(first: 10) { ${PAGE} } }`);
        const cursor = first.edges[4].cursor;
        const again = async () => (await (0, subgraphQuery_1.query)(graphs.billing, `query($c: String) { invoices(first: 5, after: $c) { ${PAGE} } }`, { c: cursor })).invoices;
        const [a, b] = [await again(), await again()];
        strict_1.default.deepEqual(a, b);
        strict_1.default.deepEqual(a.nodes, first.nodes.slice(5, 10));
    });
    (0, node_test_1.it)('pages filtered invoices, and counts them', async () => {
        const posted = Object.values(expected.invoices).filter((i) => i.status === 'posted');
        const ids = await walk(9, async (after) => (await (0, subgraphQuery_1.query)(graphs.billing, `query($after: String) { invoices(first: 9, after: $after, status: POSTED) { ${PAGE} } }`, { after })).invoices);
        strict_1.default.deepEqual(ids.slice().sort(), posted.map((i) => i.invoiceId).sort());
        const paid = Object.values(expected.invoices).filter((i) => i.paymentState === 'paid' && i.status === 'posted').length;
        const { invoices } = await (0, subgraphQuery_1.query)(graphs.billing, '{ invoices(first: 0, status: POSTED, paymentState: PAID) { totalCount nodes { id } pageInfo { hasNextPage } } }');
        strict_1.default.deepEqual(invoices, { totalCount: paid, nodes: [], pageInfo: { hasNextPage: paid > 0 } });
    });
    (0, node_test_1.it)("pages a survivor's invoices (merged accounts' included) and a project's, through _entities", async () => {
        const survivor = Object.values(expected.customers).find((c) => Object.values(expected.customers).some((m) => m.mergedInto === c.customerId));
        const ids = await walk(3, async (after) => {
            const [customer] = await (0, subgraphQuery_1.entities)(graphs.billing, 'Customer', [survivor.customerId], `invoices(first: 3, after: ${JSON.stringify(after)}) { ${PAGE} }`);
            return customer.invoices;
        });
        strict_1.default.deepEqual(ids, invoicesInTimeOrder.filter((id) => survivor.invoiceIds.includes(id)));
        const project = Object.values(expected.projects).find((p) => Object.values(expected.invoices).filter((i) => i.projectId === p.projectId).length > 3);
        const projectIds = await walk(2, async (after) => {
            const [p] = await (0, subgraphQuery_1.entities)(graphs.billing, 'Project', [project.projectId], `invoices(first: 2, after: ${JSON.stringify(after)}) { ${PAGE} }`);
            return p.invoices;
        });
        strict_1.default.deepEqual(projectIds, invoicesInTimeOrder.filter((id) => expected.invoices[id].projectId === project.projectId));
    });
    (0, node_test_1.it)('pages projects, customers and a customer\'s projects by id', async () => {
        const projectIds = await walk(4, async (after) => (await (0, subgraphQuery_1.query)(graphs.project, `query($after: String) { projects(first: 4, after: $after) { ${PAGE} } }`, { after })).projects);
        strict_1.default.deepEqual(projectIds, Object.keys(expected.projects));
        const customerIds = await walk(3, async (after) => (await (0, subgraphQuery_1.query)(graphs.customer, `query($after: String) { customers(first: 3, after: $after) { ${PAGE} } }`, { after })).customers);
        strict_1.default.deepEqual(customerIds, Object.values(expected.customers).filter((c) => c.mergedInto === null).map((c) => c.customerId));
        const busiest = Object.values(expected.customers).sort((a, b) => b.projectIds.length - a.projectIds.length)[0];
        const ofCustomer = await walk(2, async (after) => {
            const [c] = await (0, subgraphQuery_1.entities)(graphs.project, 'Customer', [busiest.customerId], `projects(first: 2, after: ${JSON.stringify(after)}) { ${PAGE} }`);
            return c.projects;
        });
        strict_1.default.deepEqual(ofCustomer, busiest.projectIds);
    });
    (0, node_test_1.it)('defaults first to 50', async () => {
        const { invoices } = await (0, subgraphQuery_1.query)(graphs.billing, '{ invoices { nodes { id } pageInfo { hasNextPage } } }');
        strict_1.default.equal(invoices.nodes.length, Math.min(50, invoicesInTimeOrder.length));
        strict_1.default.equal(invoices.pageInfo.hasNextPage, invoicesInTimeOrder.length > 50);
    });
    (0, node_test_1.it)('refuses first above 500 or below 0 with BAD_USER_INPUT, saying what was expected and what arrived', async () => {
        assertBadUserInput(await (0, subgraphQuery_1.execute)(graphs.billing, '{ invoices(first: 501) { totalCount } }'), /^first: expected an integer from 0 to 500 \(default 50\), got 501$/);
        assertBadUserInput(await (0, subgraphQuery_1.execute)(graphs.billing, '{ invoices(first: 100000) { totalCount } }'), /got 100000/);
        assertBadUserInput(await (0, subgraphQuery_1.execute)(graphs.project, '{ projects(first: -1) { totalCount } }'), /got -1/);
        assertBadUserInput(await (0, subgraphQuery_1.execute)(graphs.customer, '{ customers(first: 501) { totalCount } }'), /got 501/);
        const nested = await (0, subgraphQuery_1.execute)(graphs.billing, `{ _entities(representations: [{__typename: "Customer", id: "ACC-0001"}]) {
      ... on Customer { invoices(first: 501) { totalCount } } } }`);
        assertBadUserInput(nested, /got 501/);
    });
    (0, node_test_1.it)('refuses a cursor it did not make, or of another connection, with BAD_USER_INPUT', async () => {
        assertBadUserInput(await (0, subgraphQuery_1.execute)(graphs.billing, '{ invoices(after: "bm90IGEgY3Vyc29y") { totalCount } }'), /^after: expected a cursor returned by this connection \(endCursor or an edge's cursor\), got "bm90IGEgY3Vyc29y"$/);
        assertBadUserInput(await (0, subgraphQuery_1.execute)(graphs.billing, '{ invoices(after: "not a cursor") { totalCount } }'), /got "not a cursor"/);
        const { projects } = await (0, subgraphQuery_1.query)(graphs.project, '{ projects(first: 1) { pageInfo { endCursor } } }');
        assertBadUserInput(await (0, subgraphQuery_1.execute)(graphs.billing, `{ invoices(after: ${JSON.stringify(projects.pageInfo.endCursor)}) { totalCount } }`), /expected a cursor returned by this connection/);
    });
});
//# sourceMappingURL=subgraphs.pagination.int.test.js.map