"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_http_1 = __importDefault(require("node:http"));
const node_test_1 = require("node:test");
const graphql_1 = require("../../cli/graphql");
const config_1 = require("../../config/config");
const compose_1 = require("../../gateway/compose");
const gateway_1 = require("../../gateway/gateway");
const remoteSubgraphs_1 = require("../../gateway/remoteSubgraphs");
const stubSubgraphs_1 = require("../support/stubSubgraphs");
const NAMES = ['customer', 'project', 'billing', 'revenue'];
(0, node_test_1.describe)('naming the subgraphs of the multi-process gateway', () => {
    (0, node_test_1.it)('parses name=url and says what was expected and what arrived', () => {
        strict_1.default.deepEqual((0, remoteSubgraphs_1.parseSubgraphAddress)('billing=http://127.0.0.1:4003/graphql', NAMES), { name: 'billing', url: 'http://127.0.0.1:4003/graphql' });
        strict_1.default.throws(() => (0, remoteSubgraphs_1.parseSubgraphAddress)('billing', NAMES), /--subgraph expects name=url .* got "billing"/);
        strict_1.default.throws(() => (0, remoteSubgraphs_1.parseSubgraphAddress)('ledger=http://x/graphql', NAMES), /expected one of customer, project, billing, revenue, got "ledger"/);
        strict_1.default.throws(() => (0, remoteSubgraphs_1.parseSubgraphAddress)('billing=ftp://x/graphql', NAMES), /expected an http\(s\) URL, got "ftp:\/\/x\/graphql"/);
    });
    (0, node_test_1.it)('takes the subgraphs not named on the command line from the configuration', () => {
        const config = (0, config_1.loadConfig)({ REVENUE_SUBGRAPH_URL: 'http://revenue:4004/graphql' });
        strict_1.default.deepEqual((0, graphql_1.subgraphAddresses)(['billing=http://10.0.0.3:4003/graphql'], config), [
            { name: 'customer', url: 'http://127.0.0.1:4001/graphql' },
            { name: 'project', url: 'http://127.0.0.1:4002/graphql' },
            { name: 'billing', url: 'http://10.0.0.3:4003/graphql' },
            { name: 'revenue', url: 'http://revenue:4004/graphql' },
        ]);
        strict_1.default.throws(() => (0, graphql_1.subgraphAddresses)(['billing=http://a/graphql', 'billing=http://b/graphql'], config), graphql_1.UsageError);
    });
});
(0, node_test_1.describe)('reading the SDL of running subgraphs', () => {
    (0, node_test_1.it)('reads each subgraph’s _service { sdl }, waiting for one that starts late', async () => {
        const stubs = (0, stubSubgraphs_1.stubSubgraphs)();
        const early = await (0, stubSubgraphs_1.serveStub)(stubs[0]);
        // Reserve a port, free it, and start the second subgraph there a little later.
        const probe = node_http_1.default.createServer();
        await new Promise((resolve) => probe.listen(0, '127.0.0.1', resolve));
        const latePort = probe.address().port;
        await new Promise((resolve) => probe.close(() => resolve()));
        let late;
        const timer = setTimeout(async () => { late = await (0, stubSubgraphs_1.serveStub)(stubs[1], latePort); }, 600);
        const retried = [];
        try {
            const loaded = await (0, remoteSubgraphs_1.loadRemoteSubgraphs)([
                { name: 'customer', url: early.url },
                { name: 'project', url: `http://127.0.0.1:${latePort}/graphql` },
            ], { waitMs: 10_000, retryMs: 100, onRetry: (address) => retried.push(address.name) });
            strict_1.default.deepEqual(loaded.map((s) => s.name), ['customer', 'project']);
            strict_1.default.match(loaded[0].sdl, /type Customer\s+@key\(fields: "id"\)/);
            strict_1.default.match(loaded[1].sdl, /type Project\s+@key\(fields: "id"\)/);
            strict_1.default.deepEqual(retried, ['project']);
        }
        finally {
            clearTimeout(timer);
            await early.close();
            await late?.close();
        }
    });
    (0, node_test_1.it)('gives up after the wait, naming every subgraph that did not answer and why', async () => {
        const notGraphQL = node_http_1.default.createServer((_req, res) => res.end('<html>hello</html>'));
        await new Promise((resolve) => notGraphQL.listen(0, '127.0.0.1', resolve));
        const port = notGraphQL.address().port;
        const closed = node_http_1.default.createServer();
        await new Promise((resolve) => closed.listen(0, '127.0.0.1', resolve));
        const closedPort = closed.address().port;
        await new Promise((resolve) => closed.close(() => resolve()));
        try {
            await strict_1.default.rejects((0, remoteSubgraphs_1.loadRemoteSubgraphs)([
                { name: 'billing', url: `http://127.0.0.1:${port}/graphql` },
                { name: 'revenue', url: `http://127.0.0.1:${closedPort}/graphql` },
            ], { waitMs: 300, retryMs: 100 }), (error) => {
                strict_1.default.match(error.message, /subgraph "billing" at http:\/\/127\.0\.0\.1:\d+\/graphql: expected a GraphQL JSON answer, got HTTP 200: <html>hello<\/html>/);
                strict_1.default.match(error.message, /subgraph "revenue" at http:\/\/127\.0\.0\.1:\d+\/graphql: ECONNREFUSED/);
                return true;
            });
        }
        finally {
            await new Promise((resolve) => notGraphQL.close(() => resolve()));
        }
    });
    (0, node_test_1.it)('does not start when the subgraphs do not compose, and says why in the composer’s words', async () => {
        const stubs = (0, stubSubgraphs_1.stubSubgraphs)();
        const broken = stubs.map((s) => (s.name === 'revenue' ? { ...s, sdl: s.sdl.replace('amount: String!', 'amount: Int!') } : s));
        await strict_1.default.rejects((0, gateway_1.startGateway)({ subgraphs: broken, host: '127.0.0.1', port: 0 }), (error) => error instanceof compose_1.CompositionError && error.messages.some((m) => m.startsWith('FIELD_TYPE_MISMATCH')));
    });
});
//# sourceMappingURL=gateway.remoteSubgraphs.int.test.js.map