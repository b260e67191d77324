"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const gateway_1 = require("../../gateway/gateway");
const exampleQueries_1 = require("../../gateway/exampleQueries");
const operationCache_1 = require("../../gateway/operationCache");
const stubSubgraphs_1 = require("../support/stubSubgraphs");
const GRAPHQL_RESPONSE = 'application/graphql-response+json';
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = (response) => response.json();
(0, node_test_1.describe)('the gateway over HTTP (GraphQL over HTTP)', () => {
    let gateway;
    const plans = [];
    (0, node_test_1.before)(async () => {
        gateway = await (0, gateway_1.startGateway)({ subgraphs: (0, stubSubgraphs_1.stubSubgraphs)(), host: '127.0.0.1', port: 0, onQueryPlan: (plan) => plans.push(plan) });
    });
    (0, node_test_1.after)(() => gateway?.close());
    const post = (body, headers = {}) => fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
    const get = (params, headers = {}) => fetch(`${gateway.url}?${new URLSearchParams(params)}`, { headers });
    (0, node_test_1.it)('answers a query over POST, in the media type the client asks for', async () => {
        const query = '{ customer(id: "C1") { name projects { name margin { amount } } } }';
        const expected = { data: { customer: { name: 'Globex', projects: [{ name: 'Portal', margin: { amount: '40.00' } }, { name: 'Audit', margin: { amount: '-5.00' } }] } } };
        const modern = await post({ query }, { accept: GRAPHQL_RESPONSE });
        strict_1.default.equal(modern.status, 200);
        strict_1.default.match(modern.headers.get('content-type') ?? '', /^application\/graphql-response\+json/);
        strict_1.default.deepEqual(await json(modern), expected);
        const legacy = await post({ query }, { accept: 'application/json' });
        strict_1.default.match(legacy.headers.get('content-type') ?? '', /^application\/json/);
        strict_1.default.deepEqual(await json(legacy), expected);
    });
    (0, node_test_1.it)('answers a query over GET, with variables and operation name', async () => {
        const response = await get({ query: 'query One($id: ID!) { invoice(id: $id) { id customer { name } } }', variables: JSON.stringify({ id: 'I2' }), operationName: 'One' });
        strict_1.default.equal(response.status, 200);
        strict_1.default.deepEqual(await json(response), { data: { invoice: { id: 'I2', customer: { name: 'Globex' } } } });
    });
    (0, node_test_1.it)('answers 400 when the operation to run cannot be chosen', async () => {
        const two = 'query A { customer(id: "C1") { name } } query B { customer(id: "C1") { id } }';
        for (const [body, pattern] of [
            [{ query: two }, /expected an operationName to choose one of the document's 2 operations, got none/],
            [{ query: two, operationName: 'C' }, /expected an operation named "C" in the document/],
        ]) {
            const response = await post(body);
            strict_1.default.equal(response.status, 400);
            const answer = await json(response);
            strict_1.default.equal(answer.errors[0].extensions.code, 'OPERATION_RESOLUTION_FAILURE');
            strict_1.default.match(answer.errors[0].message, pattern);
        }
        strict_1.default.equal((await post({ query: two, operationName: 'B' })).status, 200);
    });
    (0, node_test_1.it)('refuses a mutation or subscription over GET with 405', async () => {
        for (const query of ['mutation { x }', 'subscription { x }']) {
            const response = await get({ query });
            strict_1.default.equal(response.status, 405);
            const body = await json(response);
            strict_1.default.equal(body.errors[0].extensions.code, 'BAD_REQUEST');
            strict_1.default.match(body.errors[0].message, /GET requests only support query operations/);
        }
    });
    (0, node_test_1.it)('answers 400 with a code for a document that does not parse or validate, and for bad variables', async () => {
        const cases = [
            [{ query: '{ customers { ' }, 'GRAPHQL_PARSE_FAILED', /Syntax Error/],
            [{ query: '{ customers { nope } }' }, 'GRAPHQL_VALIDATION_FAILED', /Cannot query field "nope" on type "Customer"/],
            [{ query: '{ customer(id: {a: 1}) { name } }' }, 'GRAPHQL_VALIDATION_FAILED', /ID cannot represent/],
            [{ query: 'query($id: ID!) { customer(id: $id) { name } }', variables: { id: [1] } }, 'BAD_USER_INPUT', /Variable "\$id" got invalid value/],
            [{ query: 'query($id: ID!) { customer(id: $id) { name } }' }, 'BAD_USER_INPUT', /Variable "\$id" of required type "ID!" was not provided/],
            [{ variables: {} }, 'BAD_REQUEST', /must contain a non-empty `query`/],
            ['{"query": ', 'BAD_REQUEST', /not JSON/],
        ];
        for (const [body, code, message] of cases) {
            const response = await post(body, { accept: GRAPHQL_RESPONSE });
            strict_1.default.equal(response.status, 400, JSON.stringify(body));
            const answer = await json(response);
            strict_1.default.equal(answer.data, undefined);
            strict_1.default.equal(answer.errors[0].extensions.code, code, JSON.stringify(answer));
            strict_1.default.match(answer.errors[0].message, message);
        }
    });
    (0, node_test_1.it)('answers 415 for a POST that is not JSON, 406 for an Accept it cannot meet, 405 for other methods, 404 elsewhere', async () => {
        const text = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{ customers { id } }' });
        strict_1.default.equal(text.status, 415);
        strict_1.default.equal((await json(text)).errors[0].extensions.code, 'UNSUPPORTED_MEDIA_TYPE');
        const xml = await get({ query: '{ customers { id } }' }, { accept: 'application/xml' });
        strict_1.default.equal(xml.status, 406);
        const put = await fetch(gateway.url, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{}' });
        strict_1.default.equal(put.status, 405);
        strict_1.default.match(put.headers.get('allow') ?? '', /GET, POST/);
        const elsewhere = await fetch(gateway.url.replace('/graphql', '/nothing'));
        strict_1.default.equal(elsewhere.status, 404);
        strict_1.default.equal((await json(elsewhere)).errors[0].extensions.code, 'NOT_FOUND');
    });
    (0, node_test_1.it)('answers 413 for a body over the limit, and keeps serving', async () => {
        const big = JSON.stringify({ query: `{ customers { id } } # ${'x'.repeat(2 * 1024 * 1024)}` });
        const response = await post(big);
        strict_1.default.equal(response.status, 413);
        strict_1.default.equal((await json(response)).errors[0].extensions.code, 'PAYLOAD_TOO_LARGE');
        strict_1.default.equal((await post({ query: '{ customers { id } }' })).status, 200);
    });
    (0, node_test_1.it)('keeps query plans in its cache: the same operation is planned once', async () => {
        plans.length = 0;
        const query = '{ invoices { id project { name margin { amount } } } }';
        for (let i = 0; i < 3; i++)
            strict_1.default.equal((await post({ query })).status, 200);
        strict_1.default.equal(plans.length, 3);
        strict_1.default.ok(plans[1] === plans[0] && plans[2] === plans[0], 'the second and third requests reuse the first plan');
    });
    (0, node_test_1.it)('builds the operation of a document once: later requests with other variables reuse it and answer for their own variables', async () => {
        const query = 'query One($id: ID!) { customer(id: $id) { id name } }';
        const { data: first } = await json(await post({ query, variables: { id: 'C1' } }));
        const before = { ...operationCache_1.operationCacheStats };
        const { data: second } = await json(await post({ query, variables: { id: 'C2' } }));
        const { data: third } = await json(await post({ query, variables: { id: 'C1' } }));
        strict_1.default.deepEqual({ hits: operationCache_1.operationCacheStats.hits - before.hits, misses: operationCache_1.operationCacheStats.misses - before.misses }, { hits: 2, misses: 0 });
        strict_1.default.deepEqual(third, first);
        strict_1.default.equal(first.customer.name, 'Globex');
        strict_1.default.equal(second.customer.name, 'Initech');
    });
    (0, node_test_1.it)('answers health checks', async () => {
        const response = await fetch(gateway.url.replace('/graphql', '/health'));
        strict_1.default.equal(response.status, 200);
        strict_1.default.deepEqual(await json(response), { status: 'ok' });
    });
});
(0, node_test_1.describe)('the explorer', () => {
    let gateway;
    (0, node_test_1.before)(async () => {
        gateway = await (0, gateway_1.startGateway)({ subgraphs: (0, stubSubgraphs_1.stubSubgraphs)(), host: '127.0.0.1', port: 0 });
    });
    (0, node_test_1.after)(() => gateway?.close());
    (0, node_test_1.it)('serves GraphiQL to a browser from the project’s own files, with the contract’s example queries as tabs', async () => {
        const page = await fetch(gateway.url, { headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' } });
        strict_1.default.equal(page.status, 200);
        strict_1.default.match(page.headers.get('content-type') ?? '', /^text\/html/);
        const html = await page.text();
        strict_1.default.doesNotMatch(html, /https?:\/\//, 'no file comes from another origin');
        const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
        strict_1.default.deepEqual(assets.sort(), ['/explorer/graphiql.min.css', '/explorer/graphiql.min.js', '/explorer/react-dom.production.min.js', '/explorer/react.production.min.js']);
        for (const asset of assets) {
            const response = await fetch(new URL(asset, gateway.url));
            strict_1.default.equal(response.status, 200, asset);
            strict_1.default.match(response.headers.get('content-type') ?? '', asset.endsWith('.css') ? /^text\/css/ : /^text\/javascript/);
            strict_1.default.ok((await response.arrayBuffer()).byteLength > 10_000, `${asset} is the real file`);
        }
        const config = JSON.parse(/<script id="servicegraph-explorer" type="application\/json">(.*?)<\/script>/s.exec(html)[1]);
        strict_1.default.equal(config.endpoint, '/graphql');
        strict_1.default.deepEqual(config.tabs.map((t) => t.query), exampleQueries_1.EXAMPLE_QUERIES.map((q) => q.query));
    });
    (0, node_test_1.it)('still answers GraphQL to a GET with a query, and JSON clients get no page', async () => {
        const query = await fetch(`${gateway.url}?query=${encodeURIComponent('{ customers { id } }')}`, { headers: { accept: 'text/html,*/*;q=0.8' } });
        strict_1.default.equal(query.status, 200);
        strict_1.default.deepEqual(await json(query), { data: { customers: [{ id: 'C1' }, { id: 'C2' }] } });
        const plain = await fetch(gateway.url, { headers: { accept: 'application/json' } });
        strict_1.default.equal(plain.status, 400);
    });
    (0, node_test_1.it)('serves nothing that is not one of its files', async () => {
        for (const name of ['../package.json', 'graphiql.js', '%2e%2e%2fpackage.json']) {
            strict_1.default.equal((await fetch(new URL(`/explorer/${name}`, gateway.url))).status, 404, name);
        }
    });
});
(0, node_test_1.describe)('extensions of the gateway', () => {
    (0, node_test_1.it)('serve their own routes on the gateway’s port, run operations through the gateway, and close with it', async () => {
        let closed = false;
        const gateway = await (0, gateway_1.startGateway)({
            subgraphs: (0, stubSubgraphs_1.stubSubgraphs)(), host: '127.0.0.1', port: 0,
            extensions: [(core) => ({
                    async handleRequest(req, res) {
                        if (req.url !== '/names')
                            return false;
                        const result = await core.execute('query Names($id: ID!) { customer(id: $id) { name projects { name } } }', { id: 'C1' }, 'Names');
                        res.writeHead(200, { 'content-type': 'application/json' });
                        res.end(JSON.stringify({ result, hasInvoice: core.schema.getType('Invoice') !== undefined }));
                        return true;
                    },
                    close: async () => { closed = true; },
                })],
        });
        try {
            const response = await fetch(gateway.url.replace('/graphql', '/names'));
            strict_1.default.deepEqual(await json(response), {
                result: { data: { customer: { name: 'Globex', projects: [{ name: 'Portal' }, { name: 'Audit' }] } } },
                hasInvoice: true,
            });
            strict_1.default.equal((await fetch(`${gateway.url}?query=${encodeURIComponent('{ customers { id } }')}`)).status, 200, 'GraphQL still answers');
        }
        finally {
            await gateway.close();
        }
        strict_1.default.ok(closed);
    });
});
(0, node_test_1.describe)('contexts in one-process mode', () => {
    (0, node_test_1.it)('gives each request one fresh context object per subgraph, shared by that request’s fetches to it', async () => {
        const seen = [];
        const record = (subgraph) => (context) => seen.push({ subgraph, context });
        const stubs = (0, stubSubgraphs_1.stubSubgraphs)({ onContext: { customer: record('customer'), billing: record('billing') } });
        const gateway = await (0, gateway_1.startGateway)({ subgraphs: stubs, host: '127.0.0.1', port: 0 });
        try {
            // customer is fetched twice in this request: for the root field, and for the invoices' customers.
            const query = '{ customer(id: "C1") { name } invoices { id customer { name } } }';
            for (let i = 0; i < 2; i++) {
                const response = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
                strict_1.default.equal((await json(response)).errors, undefined);
            }
            const contexts = (subgraph) => [...new Set(seen.filter((s) => s.subgraph === subgraph).map((s) => s.context))];
            // Per request: the root field, and one reference per invoice (two) in the entities fetch.
            strict_1.default.equal(seen.filter((s) => s.subgraph === 'customer').length, 6);
            strict_1.default.equal(contexts('customer').length, 2, 'one customer context per request');
            strict_1.default.equal(contexts('billing').length, 2, 'one billing context per request');
            strict_1.default.ok(!contexts('customer').some((c) => contexts('billing').includes(c)), 'subgraphs never share a context');
        }
        finally {
            await gateway.close();
        }
    });
});
//# sourceMappingURL=gateway.http.int.test.js.map