"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const firm_1 = require("../../simulator/firm");
const subgraphs_1 = require("../../subgraphs");
const simulatedReadModel_1 = require("../support/simulatedReadModel");
const subgraphQuery_1 = require("../support/subgraphQuery");
const testDatabase_1 = require("../support/testDatabase");
/*
 * No N+1: the SQL statements a subgraph issues for a request do not grow
 * with the number of entities. Each subgraph gets its own pool wrapper that
 * counts `query` calls; the same requests for 50 and for 500 invoices must
 * cost the same, few statements.
 */
// About 520 invoices: enough for batches of 500.
const firm = (0, firm_1.simulateFirm)({ seed: 'subgraph-batching', scale: 18, months: 12 });
/**
 * A pool that records every statement sent through it: the resolvers' reads
 * go in batches on clients checked out of the pool (resolvers/shared/statementBatches.ts),
 * so `query` of every client it hands out is recorded, and `query` of the pool itself.
 */
function countingPool(pool) {
    const record = (text) => counter.statements.push(typeof text === 'string' ? text : String(text?.text));
    const counter = {
        statements: [],
        pool: new Proxy(pool, {
            get(target, property, receiver) {
                if (property === 'query') {
                    return (text, ...rest) => {
                        record(text);
                        return target.query.call(target, text, ...rest);
                    };
                }
                if (property === 'connect') {
                    return async () => {
                        const client = await target.connect();
                        return new Proxy(client, {
                            get(clientTarget, clientProperty, clientReceiver) {
                                if (clientProperty !== 'query')
                                    return Reflect.get(clientTarget, clientProperty, clientReceiver);
                                return (text, ...rest) => {
                                    record(text);
                                    return clientTarget.query.call(clientTarget, text, ...rest);
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
(0, node_test_1.describe)('subgraphs batch every list, nested field and reference (no N+1)', () => {
    let db;
    const graphs = {};
    const counters = {};
    let invoiceIds;
    let customerIds;
    let projectIds;
    (0, node_test_1.before)(async () => {
        db = await (0, testDatabase_1.createTestDatabase)();
        await (0, simulatedReadModel_1.fillReadModel)(db.pool, firm.events, 'in-order');
        for (const name of subgraphs_1.SUBGRAPH_NAMES) {
            counters[name] = countingPool(db.pool);
            graphs[name] = await (0, subgraphs_1.createSubgraphByName)(name, { pool: counters[name].pool });
        }
        const { rows } = await db.pool.query(`SELECT i.id, a.root_id AS customer_id, i.project_id FROM billing.invoice i JOIN customer.account a ON a.id = i.account_id
       ORDER BY i.drafted_at, i.id LIMIT 500`);
        strict_1.default.equal(rows.length, 500, 'the firm has at least 500 invoices');
        invoiceIds = rows.map((r) => r.id);
        customerIds = rows.map((r) => r.customer_id);
        projectIds = rows.map((r) => r.project_id);
    });
    (0, node_test_1.after)(async () => {
        await db?.drop();
    });
    /** Statements `name` issues for one request. */
    async function statementsOf(name, source, variables) {
        counters[name].statements = [];
        await (0, subgraphQuery_1.query)(graphs[name], source, variables);
        return counters[name].statements;
    }
    /** Statements of one `_entities` request of `count` representations, as the gateway sends them. */
    function entitiesStatements(name, typename, ids, count, selection) {
        return statementsOf(name, `query($r: [_Any!]!) { _entities(representations: $r) { ... on ${typename} { ${selection} } } }`, { r: ids.slice(0, count).map((id) => ({ __typename: typename, id })) });
    }
    (0, node_test_1.it)('invoices(first: n) with customer, project and their nested lists: the same few statements for 50 and 500', async () => {
        const source = (n) => `{ invoices(first: ${n}) { totalCount nodes {
      id number netTotal { amount } openExceptions { id ageHours }
      customer { id outstandingBalance { amount currency } invoices(first: 2) { totalCount nodes { id } } }
      project { id billedAmount { amount } unbilledApprovedHours invoices(first: 1) { totalCount edges { cursor } } } } } }`;
        const fifty = await statementsOf('billing', source(50));
        const fiveHundred = await statementsOf('billing', source(500));
        strict_1.default.equal(fiveHundred.length, fifty.length, fiveHundred.join('\n---\n'));
        // page, count, exceptions, balances, customer pages + counts, project rows, project pages + counts
        strict_1.default.ok(fiveHundred.length <= 9, `${fiveHundred.length} statements`);
    });
    (0, node_test_1.it)('_entities of 500 invoices (billing), their customers (customer) and projects (project, revenue, billing): a bounded number per subgraph', async () => {
        const requests = [
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
            strict_1.default.equal(fiveHundred.length, fifty.length, `${what}: ${fiveHundred.join('\n---\n')}`);
            strict_1.default.ok(fiveHundred.length <= 3, `${what}: ${fiveHundred.length} statements`);
        }
    });
    (0, node_test_1.it)('a first page of nested lists and its totalCount are one statement (the page query counts), a later page counts apart', async () => {
        const pages = await entitiesStatements('billing', 'Project', projectIds, 50, 'invoices(first: 3) { totalCount nodes { id } }');
        strict_1.default.equal(pages.length, 2, pages.join('\n---\n'));
        strict_1.default.ok(!pages.some((text) => /^\s*SELECT [^(]*count\(\*\)/i.test(text) && !/row_number/.test(text)), `the project rows and the pages, no count: ${pages.join('\n---\n')}`);
        const customerPages = await entitiesStatements('project', 'Customer', customerIds, 50, 'projects(first: 2) { totalCount nodes { id } }');
        strict_1.default.equal(customerPages.length, 1, customerPages.join('\n---\n'));
        const firstPage = await (0, subgraphQuery_1.query)(graphs.billing, `{ _entities(representations: [{ __typename: "Customer", id: "${customerIds[0]}" }]) { ... on Customer { invoices(first: 1) { totalCount pageInfo { endCursor } } } } }`);
        const { totalCount, pageInfo } = firstPage._entities[0].invoices;
        const later = await statementsOf('billing', `{ _entities(representations: [{ __typename: "Customer", id: "${customerIds[0]}" }]) { ... on Customer { invoices(first: 1, after: "${pageInfo.endCursor}") { totalCount } } } }`);
        strict_1.default.equal(later.length, 2, 'after a cursor the window counts only what follows it: totalCount is its own statement');
        const again = await (0, subgraphQuery_1.query)(graphs.billing, `{ _entities(representations: [{ __typename: "Customer", id: "${customerIds[0]}" }]) { ... on Customer { invoices(first: 1, after: "${pageInfo.endCursor}") { totalCount } } } }`);
        strict_1.default.equal(again._entities[0].invoices.totalCount, totalCount, 'totalCount counts every page');
    });
    (0, node_test_1.it)('customers and projects with nested connections: the same statements for 5 and 50 parents', async () => {
        const customers = (n) => `{ customers(first: ${n}) { nodes { id mergedInto { id } } } }`;
        strict_1.default.equal((await statementsOf('customer', customers(50))).length, (await statementsOf('customer', customers(5))).length);
        const projects = (n) => `{ projects(first: ${n}) { totalCount nodes { id customer { id projects(first: 2) { totalCount nodes { id } } } } } }`;
        const few = await statementsOf('project', projects(5));
        const many = await statementsOf('project', projects(50));
        strict_1.default.equal(many.length, few.length);
        strict_1.default.ok(many.length <= 4, `${many.length} statements`);
    });
    (0, node_test_1.it)('portfolio rows of every subgraph: one statement per request', async () => {
        const ids = ['EUR', 'USD', 'GBP', 'EUR|LE-DE', 'EUR|LE-NL', 'USD|LE-US', 'GBP|LE-UK'];
        strict_1.default.equal((await statementsOf('project', '{ portfolio { id projectCount } }')).length, 1);
        for (const name of ['project', 'billing', 'revenue']) {
            const selection = { project: 'projectCount', billing: 'outstandingBalance { amount } openInvoiceExceptions', revenue: 'marginPercent' }[name];
            strict_1.default.equal((await entitiesStatements(name, 'PortfolioFigures', ids, ids.length, selection)).length, 1, name);
        }
    });
});
//# sourceMappingURL=subgraphs.batching.int.test.js.map