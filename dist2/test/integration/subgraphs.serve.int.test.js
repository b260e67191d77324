"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const subgraphs_1 = require("../../subgraphs");
const testDatabase_1 = require("../support/testDatabase");
(0, node_test_1.describe)('serveSubgraph runs one subgraph over HTTP', () => {
    let db;
    let served;
    (0, node_test_1.before)(async () => {
        db = await (0, testDatabase_1.createTestDatabase)();
        served = await (0, subgraphs_1.serveSubgraph)(await (0, subgraphs_1.createSubgraphByName)('customer', { pool: db.pool }), { host: '127.0.0.1', port: 0 });
    });
    (0, node_test_1.after)(async () => {
        await served?.close();
        await db?.drop();
    });
    const json = async (response) => response.json();
    const post = (body, contentType = 'application/json') => fetch(served.url, { method: 'POST', headers: { 'content-type': contentType }, body: typeof body === 'string' ? body : JSON.stringify(body) });
    (0, node_test_1.it)('listens on the port it was given (0: a free one) and names its GraphQL URL', () => {
        strict_1.default.ok(served.port > 0);
        strict_1.default.equal(served.url, `http://127.0.0.1:${served.port}/graphql`);
    });
    (0, node_test_1.it)('answers queries over POST', async () => {
        const response = await post({ query: '{ customers { totalCount } ingestStatus { received pending } }' });
        strict_1.default.equal(response.status, 200);
        strict_1.default.deepEqual(await response.json(), { data: { customers: { totalCount: 0 }, ingestStatus: { received: 0, pending: 0 } } });
    });
    (0, node_test_1.it)('answers GET with a preflight header (Apollo CSRF prevention) and refuses it without', async () => {
        const url = `${served.url}?query=${encodeURIComponent('{ customers(first: 1) { totalCount } }')}`;
        const ok = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
        strict_1.default.equal(ok.status, 200);
        strict_1.default.deepEqual(await ok.json(), { data: { customers: { totalCount: 0 } } });
        strict_1.default.equal((await fetch(url)).status, 400);
    });
    (0, node_test_1.it)('serves its federation SDL and _entities, as the gateway asks for them', async () => {
        const sdl = await json(await post({ query: '{ _service { sdl } }' }));
        strict_1.default.match(sdl.data._service.sdl, /type Customer\s+@key\(fields: "id"\)/);
        const found = await (await post({
            query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id name } } }',
            variables: { r: [{ __typename: 'Customer', id: 'ACC-404' }] },
        })).json();
        strict_1.default.deepEqual(found, { data: { _entities: [null] } });
    });
    (0, node_test_1.it)('gives errors with a code: invalid query 400, BAD_USER_INPUT for first above 500', async () => {
        const invalid = await post({ query: '{ customers { nope } }' });
        strict_1.default.equal(invalid.status, 400);
        strict_1.default.equal((await json(invalid)).errors[0].extensions.code, 'GRAPHQL_VALIDATION_FAILED');
        const tooMany = await json(await post({ query: '{ customers(first: 501) { totalCount } }' }));
        strict_1.default.equal(tooMany.errors[0].extensions.code, 'BAD_USER_INPUT');
        strict_1.default.match(tooMany.errors[0].message, /first: expected an integer from 0 to 500 \(default 50\), got 501/);
        strict_1.default.equal(tooMany.errors[0].extensions.stacktrace, undefined);
    });
    (0, node_test_1.it)('answers 400 for a body that is not JSON and 404 off its paths; /health says it serves', async () => {
        const notJson = await post('{ not json');
        strict_1.default.equal(notJson.status, 400);
        strict_1.default.match((await json(notJson)).errors[0].message, /request body is not JSON/);
        strict_1.default.equal((await fetch(served.url.replace('/graphql', '/other'))).status, 404);
        const health = await fetch(served.url.replace('/graphql', '/health'));
        strict_1.default.equal(health.status, 200);
        strict_1.default.deepEqual(await health.json(), { status: 'ok', subgraph: 'customer' });
    });
    (0, node_test_1.it)('stops listening when closed', async () => {
        const other = await (0, subgraphs_1.serveSubgraph)(await (0, subgraphs_1.createSubgraphByName)('revenue', { pool: db.pool }), { host: '127.0.0.1', port: 0 });
        strict_1.default.equal((await fetch(other.url.replace('/graphql', '/health'))).status, 200);
        await other.close();
        await strict_1.default.rejects(fetch(other.url.replace('/graphql', '/health')));
    });
});
//# sourceMappingURL=subgraphs.serve.int.test.js.map