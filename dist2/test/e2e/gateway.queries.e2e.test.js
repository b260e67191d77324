"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * Queries through the gateway as clients send them: a whole customer page in
 * one request, pagination across 1,200 invoices, the contract's example
 * queries, GET and POST, bad queries, and partial results when a subgraph
 * process is stopped.
 */
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const big_js_1 = __importDefault(require("big.js"));
const compose_1 = require("../../gateway/compose");
const exampleQueries_1 = require("../../gateway/exampleQueries");
const gateway_1 = require("../../gateway/gateway");
const dataSources_1 = require("../../gateway/dataSources");
const firm_1 = require("../../simulator/firm");
const oracle_1 = require("../../simulator/oracle");
const subgraphs_1 = require("../../subgraphs");
const graphqlFigures_1 = require("../support/graphqlFigures");
const multiProcessGraph_1 = require("../support/multiProcessGraph");
const simulatedDatabase_1 = require("../support/simulatedDatabase");
// 50 times the base firm: about 1,200 invoices.
const firm = (0, firm_1.simulateFirm)({ seed: 'gateway-queries', scale: 50 });
const expected = (0, oracle_1.expectedFigures)(firm.events);
const invoicesInTimeOrder = Object.values(expected.invoices)
    .sort((a, b) => Date.parse(a.draftedAt) - Date.parse(b.draftedAt) || (a.invoiceId < b.invoiceId ? -1 : 1))
    .map((i) => i.invoiceId);
/** The survivor with the most invoices. */
const customer = Object.values(expected.customers)
    .filter((c) => c.status !== 'merged')
    .sort((a, b) => b.invoiceIds.length - a.invoiceIds.length || a.customerId.localeCompare(b.customerId))[0];
const aProject = Object.values(expected.projects)[0];
const PAGE_QUERY = `query Customer($id: ID!) {
  customer(id: $id) {
    id name status
    outstandingBalance { amount currency }
    projects(first: 500) { totalCount nodes { id name margin { amount currency } marginPercent billedAmount { amount } customer { id name } } }
    invoices(first: 500) { totalCount nodes { id grossTotal { amount currency } amountDue { amount } project { id margin { amount } } } }
  }
}`;
const money = (m) => (m === null ? null : new big_js_1.default(m.amount).toFixed(2));
(0, node_test_1.describe)('queries through the gateway', () => {
    let db;
    let gateway;
    let graph;
    (0, node_test_1.before)(async () => {
        strict_1.default.ok(invoicesInTimeOrder.length >= 1_200, `the firm has ${invoicesInTimeOrder.length} invoices`);
        db = await (0, simulatedDatabase_1.simulatedDatabase)(firm.events, 'interleaved');
        gateway = await (0, gateway_1.startGateway)({ subgraphs: await (0, subgraphs_1.createSubgraphs)({ pool: db.pool }), host: '127.0.0.1', port: 0 });
        graph = await (0, multiProcessGraph_1.startMultiProcessGraph)(db.url);
    });
    (0, node_test_1.after)(async () => {
        await gateway?.close();
        await graph?.stop();
        await db?.drop();
    });
    const modes = () => [['one process', gateway.url], ['one process per subgraph', graph.gatewayUrl]];
    (0, node_test_1.it)('answers a customer with its projects’ margins, its invoices and its outstanding balance in one request, as the oracle has them', async () => {
        for (const [mode, url] of modes()) {
            const c = (await (0, graphqlFigures_1.data)(url, PAGE_QUERY, { id: customer.customerId })).customer;
            strict_1.default.equal(c.name, customer.name, mode);
            strict_1.default.deepEqual(c.outstandingBalance.map((m) => ({ amount: money(m), currency: m.currency })), customer.outstandingBalance);
            strict_1.default.deepEqual(c.projects.nodes.map((p) => p.id).sort(), [...customer.projectIds].sort());
            for (const p of c.projects.nodes) {
                const oracle = expected.projects[p.id];
                strict_1.default.equal(money(p.margin), oracle.margin, `${mode}: margin of ${p.id}`);
                strict_1.default.equal(p.margin.currency, oracle.currency);
                strict_1.default.equal(p.marginPercent === null ? null : new big_js_1.default(p.marginPercent).toFixed(2), oracle.marginPercent);
                strict_1.default.equal(money(p.billedAmount), oracle.billedAmount);
                strict_1.default.deepEqual(p.customer, { id: customer.customerId, name: customer.name });
            }
            strict_1.default.equal(c.invoices.totalCount, customer.invoiceIds.length);
            strict_1.default.deepEqual(c.invoices.nodes.map((i) => i.id).sort(), [...customer.invoiceIds].sort());
            for (const i of c.invoices.nodes) {
                const oracle = expected.invoices[i.id];
                strict_1.default.equal(money(i.grossTotal), oracle.grossTotal);
                strict_1.default.equal(money(i.amountDue), oracle.amountDue);
                strict_1.default.equal(money(i.project.margin), expected.projects[oracle.projectId].margin);
            }
        }
    });
    (0, node_test_1.it)('pages through 1,200 time-ordered invoices with stable cursors, no duplicates and no gaps', async () => {
        for (const [mode, url] of modes()) {
            const ids = [];
            const cursors = [];
            let after = null;
            for (let pages = 0; pages < 200; pages++) {
                const page = (await (0, graphqlFigures_1.data)(url, `query P($after: String) { invoices(first: 97, after: $after) {
            totalCount pageInfo { hasNextPage endCursor } nodes { id customer { id } } } }`, { after })).invoices;
                ids.push(...page.nodes.map((n) => n.id));
                for (const n of page.nodes)
                    strict_1.default.equal(n.customer.id, expected.invoices[n.id].customerId);
                if (!page.pageInfo.hasNextPage)
                    break;
                cursors.push(page.pageInfo.endCursor);
                after = page.pageInfo.endCursor;
            }
            strict_1.default.deepEqual(ids, invoicesInTimeOrder, `${mode}: every invoice once, in time order`);
            // The same cursor gives the same page again.
            const again = (await (0, graphqlFigures_1.data)(url, 'query P($after: String) { invoices(first: 97, after: $after) { nodes { id } } }', { after: cursors[3] })).invoices;
            strict_1.default.deepEqual(again.nodes.map((n) => n.id), invoicesInTimeOrder.slice(4 * 97, 5 * 97));
        }
    });
    (0, node_test_1.it)('runs every example query of the contract without an error', async () => {
        const variables = {
            [exampleQueries_1.CUSTOMER_PAGE.title]: { id: customer.customerId },
            'Project figures': { id: aProject.projectId },
        };
        for (const [mode, url] of modes()) {
            for (const example of exampleQueries_1.EXAMPLE_QUERIES) {
                const answer = await (0, graphqlFigures_1.data)(url, example.query, variables[example.title]);
                strict_1.default.ok(Object.values(answer).every((v) => v !== null), `${mode}: ${example.title} answers`);
                // As the explorer runs it: no variables, the ids' defaults (the firm's first customer and project).
                await (0, graphqlFigures_1.data)(url, example.query);
            }
        }
    });
    (0, node_test_1.it)('answers the same over GET and POST', async () => {
        for (const [, url] of modes()) {
            const post = await (0, graphqlFigures_1.graphql)(url, PAGE_QUERY, { id: customer.customerId }, 'POST');
            const get = await (0, graphqlFigures_1.graphql)(url, PAGE_QUERY, { id: customer.customerId }, 'GET');
            strict_1.default.equal(get.status, 200);
            strict_1.default.deepEqual(get.body, post.body);
        }
    });
    (0, node_test_1.it)('answers the same in both modes', async () => {
        const [inProcess, multiProcess] = await Promise.all(modes().map(([, url]) => (0, graphqlFigures_1.graphql)(url, PAGE_QUERY, { id: customer.customerId })));
        strict_1.default.deepEqual(multiProcess.body, inProcess.body);
    });
    (0, node_test_1.it)('turns bad queries into clear errors with a code, and keeps serving', async () => {
        for (const [mode, url] of modes()) {
            const unknown = await (0, graphqlFigures_1.graphql)(url, '{ customers { nodes { id revenue } } }');
            strict_1.default.equal(unknown.status, 400, mode);
            strict_1.default.equal(unknown.body.errors[0].extensions.code, 'GRAPHQL_VALIDATION_FAILED');
            strict_1.default.match(unknown.body.errors[0].message, /Cannot query field "revenue" on type "Customer"/);
            const wrongType = await (0, graphqlFigures_1.graphql)(url, '{ invoices(first: "ten") { totalCount } }');
            strict_1.default.equal(wrongType.status, 400);
            strict_1.default.equal(wrongType.body.errors[0].extensions.code, 'GRAPHQL_VALIDATION_FAILED');
            strict_1.default.match(wrongType.body.errors[0].message, /Int cannot represent non-integer value: "ten"/);
            const tooMany = await (0, graphqlFigures_1.graphql)(url, '{ invoices(first: 100000) { totalCount } ingestStatus { received } }');
            strict_1.default.equal(tooMany.status, 200);
            strict_1.default.equal(tooMany.body.data.invoices, null);
            strict_1.default.equal(tooMany.body.data.ingestStatus.received, firm.events.length, 'the rest of the request is answered');
            strict_1.default.equal(tooMany.body.errors.length, 1);
            strict_1.default.equal(tooMany.body.errors[0].extensions.code, 'BAD_USER_INPUT');
            strict_1.default.equal(tooMany.body.errors[0].extensions.serviceName, 'billing');
            strict_1.default.match(tooMany.body.errors[0].message, /first: expected an integer from 0 to 500.*got 100000/);
            const fine = await (0, graphqlFigures_1.data)(url, '{ invoices(first: 500) { totalCount } }');
            strict_1.default.equal(fine.invoices.totalCount, invoicesInTimeOrder.length, `${mode}: unharmed`);
        }
    });
    (0, node_test_1.it)('serves the contract’s names with nullable fields exactly at the subgraph boundaries', async () => {
        const { relaxed } = (0, compose_1.composeSupergraph)((await (0, subgraphs_1.createSubgraphs)({ pool: db.pool })).map((s) => ({ name: s.name, url: 'http://x', sdl: s.sdl })));
        const bySubgraph = {};
        for (const f of relaxed)
            (bySubgraph[f.subgraph] ??= []).push(`${f.type}.${f.field}`);
        // The table of docs/graphql.md, "Partial results and nullability".
        strict_1.default.deepEqual(bySubgraph, {
            billing: ['Customer.invoices', 'Customer.outstandingBalance', 'Invoice.customer', 'PortfolioFigures.billedAmount',
                'PortfolioFigures.openInvoiceExceptions', 'PortfolioFigures.outstandingBalance', 'PortfolioFigures.unbilledApprovedAmount',
                'Project.billedAmount', 'Project.invoices', 'Project.unbilledApprovedAmount', 'Project.unbilledApprovedHours',
                'Query.dso', 'Query.invoices', 'Query.receivablesAging', 'Query.unbilledAging', 'Query.unbilledFacts'],
            customer: ['Query.customers', 'Query.ingestStatus'],
            project: ['Customer.projects', 'Project.customer', 'Query.portfolio', 'Query.projects'],
            revenue: ['PortfolioFigures.margin', 'PortfolioFigures.recognizedRevenue', 'Project.margin', 'Project.months', 'Project.recognizedRevenue',
                'Query.portfolioMonths'],
        });
    });
    // Last: it stops the billing process.
    (0, node_test_1.it)('with the billing subgraph stopped, still answers the customer page from the others, with an error naming billing', async () => {
        const whole = await (0, graphqlFigures_1.graphql)(graph.gatewayUrl, PAGE_QUERY, { id: customer.customerId });
        await graph.subgraphs.billing.stop();
        // The read model has not moved: the answer kept in the response cache is still the whole, right one.
        const kept = await fetch(graph.gatewayUrl, {
            method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
            body: JSON.stringify({ query: PAGE_QUERY, variables: { id: customer.customerId } }),
        });
        strict_1.default.equal(kept.headers.get('x-servicegraph-cache'), 'hit');
        strict_1.default.deepEqual(await kept.json(), whole.body);
        // Executed afresh, the customer page needs billing.
        const fresh = await fetch(graph.gatewayUrl, {
            method: 'POST', headers: { 'content-type': 'application/json', 'cache-control': 'no-cache' },
            body: JSON.stringify({ query: PAGE_QUERY, variables: { id: customer.customerId } }),
        });
        const { status, body } = { status: fresh.status, body: await fresh.json() };
        strict_1.default.equal(status, 200);
        const c = body.data.customer;
        strict_1.default.equal(c.name, customer.name);
        strict_1.default.equal(c.outstandingBalance, null);
        strict_1.default.equal(c.invoices, null);
        strict_1.default.deepEqual(c.projects.nodes.map((p) => p.id).sort(), [...customer.projectIds].sort());
        for (const p of c.projects.nodes) {
            strict_1.default.equal(money(p.margin), expected.projects[p.id].margin, 'revenue still answers');
            strict_1.default.equal(p.billedAmount, null, 'billing’s field on a project is null');
            strict_1.default.equal(p.customer.name, customer.name);
        }
        strict_1.default.ok(body.errors.length >= 1);
        for (const error of body.errors) {
            strict_1.default.equal(error.extensions.code, dataSources_1.SUBGRAPH_UNAVAILABLE);
            strict_1.default.equal(error.extensions.serviceName, 'billing');
            strict_1.default.match(error.message, /^subgraph "billing" is unavailable at http:\/\/127\.0\.0\.1:\d+\/graphql: .*ECONNREFUSED/);
        }
        // A query billing has no part in is whole (a first request: no answer kept for it).
        const projects = await (0, graphqlFigures_1.graphql)(graph.gatewayUrl, 'query($id: ID!) { project(id: $id) { name margin { amount } customer { name } } }', { id: aProject.projectId });
        strict_1.default.equal(projects.body.errors, undefined);
        strict_1.default.equal(money(projects.body.data.project.margin), aProject.margin);
    });
});
//# sourceMappingURL=gateway.queries.e2e.test.js.map