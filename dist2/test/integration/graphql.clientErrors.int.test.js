"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * A client's mistake is a 4xx with a code that says what was wrong, never a
 * 500 and never Postgres's own text: a mutation over POST (the API has none),
 * a NUL character in an id (Postgres cannot store one, and its error said so
 * in its own words). A subgraph in its own process, asked directly, keeps
 * Postgres's text to itself too. Normal queries are answered all along.
 */
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const gateway_1 = require("../../gateway/gateway");
const subgraphs_1 = require("../../subgraphs");
const testDatabase_1 = require("../support/testDatabase");
const POSTGRES_TEXT = /invalid byte sequence|0x00|UTF8|syntax error|relation|postgres/i;
(0, node_test_1.describe)('client mistakes on the GraphQL side', () => {
    let db;
    let gateway;
    let customer;
    async function post(url, body) {
        const response = await fetch(url, {
            method: 'POST', headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'yes' }, body: JSON.stringify(body),
            signal: AbortSignal.timeout(30_000),
        });
        return { status: response.status, body: await response.json() };
    }
    (0, node_test_1.before)(async () => {
        db = await (0, testDatabase_1.createTestDatabase)();
        gateway = await (0, gateway_1.startGateway)({ subgraphs: await (0, subgraphs_1.createSubgraphs)({ pool: db.pool }), host: '127.0.0.1', port: 0 });
        customer = await (0, subgraphs_1.serveSubgraph)(await (0, subgraphs_1.createSubgraphByName)('customer', { pool: db.pool }), { host: '127.0.0.1', port: 0 });
    });
    (0, node_test_1.after)(async () => {
        await gateway?.close();
        await customer?.close();
        await db?.drop();
    });
    (0, node_test_1.it)('answers a mutation over POST with 400 GRAPHQL_VALIDATION_FAILED, not 500', async () => {
        const answer = await post(gateway.url, { query: 'mutation { customers { totalCount } }' });
        strict_1.default.equal(answer.status, 400, JSON.stringify(answer.body));
        strict_1.default.equal(answer.body.errors[0].extensions.code, 'GRAPHQL_VALIDATION_FAILED');
        strict_1.default.match(answer.body.errors[0].message, /expected a query: this API takes no mutations, it only reads \(got a mutation\)/);
        strict_1.default.equal((await post(gateway.url, { query: '{ customers(first: 1) { totalCount } }' })).status, 200);
    });
    (0, node_test_1.it)('answers a NUL character in an id, as a literal or a variable, with 400 BAD_USER_INPUT and no Postgres text', async () => {
        for (const body of [
            { query: '{ customer(id: "ACC\\u0000-1") { name } }' },
            { query: 'query($id: ID!) { project(id: $id) { name } }', variables: { id: 'PRJ\u0000' } },
        ]) {
            const answer = await post(gateway.url, body);
            strict_1.default.equal(answer.status, 400, JSON.stringify(answer.body));
            strict_1.default.equal(answer.body.errors[0].extensions.code, 'BAD_USER_INPUT');
            strict_1.default.match(answer.body.errors[0].message, /expected text without NUL characters \(\\u0000\), got one in (argument id|variable \$id)/);
            strict_1.default.doesNotMatch(JSON.stringify(answer.body), POSTGRES_TEXT);
        }
        const normal = await post(gateway.url, { query: '{ customer(id: "ACC-1") { name } }' });
        strict_1.default.equal(normal.status, 200);
        strict_1.default.deepEqual(normal.body, { data: { customer: null } });
    });
    (0, node_test_1.it)('keeps Postgres\'s text to a subgraph asked directly: BAD_USER_INPUT for the value it refused', async () => {
        const answer = await post(customer.url, { query: '{ customer(id: "ACC\\u0000-1") { name } }' });
        strict_1.default.equal(answer.body.errors[0].extensions.code, 'BAD_USER_INPUT', JSON.stringify(answer.body));
        strict_1.default.match(answer.body.errors[0].message, /a NUL byte/);
        strict_1.default.doesNotMatch(JSON.stringify(answer.body), POSTGRES_TEXT);
    });
});
//# sourceMappingURL=graphql.clientErrors.int.test.js.map