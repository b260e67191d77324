"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * Hive Gateway (@graphql-hive/gateway, MIT) as a peer of servicegraph's
 * gateway, for the query benchmark: a process of its own serving the same
 * supergraph (composed by gateway/compose.ts from the same running subgraphs'
 * SDL) on node:http, with Hive Gateway's defaults.
 *
 *   node dist/bench/hiveGateway.js --port N name=url...
 *
 * Prints `hive gateway ready at URL` when it serves.
 */
const node_http_1 = __importDefault(require("node:http"));
const node_util_1 = require("node:util");
const compose_1 = require("../gateway/compose");
const remoteSubgraphs_1 = require("../gateway/remoteSubgraphs");
async function main() {
    const { values, positionals } = (0, node_util_1.parseArgs)({ options: { port: { type: 'string', default: '0' } }, allowPositionals: true });
    const addresses = positionals.map((p) => (0, remoteSubgraphs_1.parseSubgraphAddress)(p, ['customer', 'project', 'billing', 'revenue']));
    const remote = await (0, remoteSubgraphs_1.loadRemoteSubgraphs)(addresses, { waitMs: 30_000 });
    const { supergraphSdl } = (0, compose_1.composeSupergraph)(remote);
    // ESM-friendly package; loaded at run time so the rest of the project never pulls it in.
    const { createGatewayRuntime } = await import('@graphql-hive/gateway');
    const gateway = createGatewayRuntime({ supergraph: supergraphSdl, logging: 'error', graphqlEndpoint: '/graphql' });
    const server = node_http_1.default.createServer(gateway);
    await new Promise((resolve) => server.listen(Number(values.port), '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    process.stdout.write(`hive gateway ready at http://127.0.0.1:${port}/graphql\n`);
    const stop = () => {
        server.closeAllConnections();
        server.close(() => { void Promise.resolve(gateway.dispose()).finally(() => process.exit(0)); });
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
}
main().catch((error) => {
    process.stderr.write(`hive gateway: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
});
//# sourceMappingURL=hiveGateway.js.map