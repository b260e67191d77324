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
import http from 'node:http';
import { parseArgs } from 'node:util';
import { composeSupergraph } from '../gateway/compose';
import { loadRemoteSubgraphs, parseSubgraphAddress } from '../gateway/remoteSubgraphs';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ options: { port: { type: 'string', default: '0' } }, allowPositionals: true });
  const addresses = positionals.map((p) => parseSubgraphAddress(p, ['customer', 'project', 'billing', 'revenue']));
  const remote = await loadRemoteSubgraphs(addresses, { waitMs: 30_000 });
  const { supergraphSdl } = composeSupergraph(remote);
  // ESM-friendly package; loaded at run time so the rest of the project never pulls it in.
  const { createGatewayRuntime } = await import('@graphql-hive/gateway');
  const gateway = createGatewayRuntime({ supergraph: supergraphSdl, logging: 'error', graphqlEndpoint: '/graphql' });
  const server = http.createServer(gateway);
  await new Promise<void>((resolve) => server.listen(Number(values.port), '127.0.0.1', resolve));
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
