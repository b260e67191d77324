/**
 * The multi-process mode's commands: one subgraph per process, and a gateway
 * in front of subgraphs reached over HTTP.
 *
 *   servicegraph subgraph <name> [--port N]
 *   servicegraph gateway [--subgraph name=url]... [--port N] [--wait SECONDS]
 */
import { createAuthenticator } from '../access/authenticator';
import { loadConfig, type Config, type SubgraphKey } from '../config/config';
import { openDatabase } from '../db/database';
import { createPool, migrate } from '../db/dataSource';
import { redact } from '../db/url';
import { startGateway } from '../gateway/gateway';
import { loadRemoteSubgraphs, parseSubgraphAddress, type SubgraphAddress } from '../gateway/remoteSubgraphs';
import { liveExtension } from '../live/liveExtension';
import { reportsExtension } from '../reporting/reportsExtension';
import { readModelPosition } from '../hub/checkpoint';
import { createSubgraphByName, isSubgraphName, serveSubgraph, SUBGRAPH_NAMES, VOLATILE_FIELDS } from '../subgraphs';
import { defineCommand, UsageError } from './command';
import { openDoors } from './doors';
import { createLogger, type Logger } from './logger';
import { createRegistry } from '../observability/metrics';
import { databaseCheck } from '../observability/readinessChecks';
import { operationsEndpoints } from '../observability/probes';

export { UsageError } from './command';

/** Why a subgraph process needs DATABASE_URL; printed when it is missing. */
export const SUBGRAPH_NEEDS_DATABASE_URL = `servicegraph subgraph: DATABASE_URL is not set.
A subgraph in its own process reads the hub's Postgres, and only one process can
own the embedded Postgres (the hub started by \`servicegraph start\`). Set
DATABASE_URL to the hub's database, e.g. for the embedded one of this directory:
  DATABASE_URL=postgres://postgres:$(cat .servicegraph/pg.password)@127.0.0.1:54329/servicegraph
or run everything in one process with \`servicegraph start\` (the default of npm start).`;

/** `servicegraph subgraph <name> [--port N]`: serves one subgraph until SIGINT/SIGTERM. */
export const subgraphCommand = defineCommand({
  name: 'subgraph',
  summary: 'serve one subgraph in its own process (multi-process mode; needs DATABASE_URL)',
  description: `Serves one subgraph in its own process until Ctrl-C. It needs DATABASE_URL: the
embedded Postgres belongs to the hub's process (servicegraph start).`,
  arguments: [{ name: 'name', description: SUBGRAPH_NAMES.join(' | ') }],
  options: {
    port: { type: 'string', value: 'N', description: "port to listen on (default its CUSTOMER_PORT, PROJECT_PORT, BILLING_PORT or REVENUE_PORT)" },
  },
  run: (values, [name]) => runSubgraph(name!, values.port),
});

async function runSubgraph(name: string, portValue: string | undefined): Promise<number> {
  if (!isSubgraphName(name)) throw new UsageError(`expected a subgraph name, one of ${SUBGRAPH_NAMES.join(', ')}; got ${JSON.stringify(name)}`);
  const config = loadConfig();
  const port = portValue === undefined ? config.ports[name] : portOption(portValue);
  if (config.databaseUrl === undefined) {
    process.stderr.write(`${SUBGRAPH_NEEDS_DATABASE_URL}\n`);
    return 1;
  }
  const log = createLogger(config.logLevel);
  const database = await openDatabase(config);
  const stops: Array<() => Promise<void>> = [];
  try {
    // Migrations run under an advisory lock: whichever process starts first applies them, once.
    await migrate(database.url);
    // A read Postgres cannot finish in time is cancelled by Postgres itself (docs/limits.md).
    const pool = createPool(database.url, { max: 10, statement_timeout: config.limits.readTimeoutMs });
    stops.push(() => pool.end());
    const subgraph = await createSubgraphByName(name, { pool });
    // The same token the gateway admitted, verified again here: the subgraph's port is no way around its scoping.
    const authenticator = await createAuthenticator(config.access.auth);
    const served = await serveSubgraph(subgraph, {
      host: config.host, port, serverLimits: config.limits, authenticator, errorLog: (message) => log.error(`subgraph ${name}: ${message}`),
      operations: config.metrics ? operationsEndpoints(createRegistry(), [databaseCheck(pool)]) : { readiness: [databaseCheck(pool)] },
    });
    stops.push(() => served.close());
    process.stdout.write(`servicegraph subgraph ${name} is running
  graphql  ${served.url}
  database ${redact(database.url)}
Ctrl-C stops it.
`);
    await untilSignal(log);
    return 0;
  } finally {
    for (const stop of stops.reverse()) await stop().catch((error) => log.error(`while stopping: ${String(error)}`));
    await database.stop();
  }
}

/**
 * `servicegraph gateway [--subgraph name=url]...`: composes the supergraph from
 * the running subgraphs' SDL and serves it until SIGINT/SIGTERM. A subgraph
 * not named with --subgraph is looked for at its `*_SUBGRAPH_URL`.
 */
export const gatewayCommand = defineCommand({
  name: 'gateway',
  summary: 'serve the gateway in front of subgraphs in their own processes',
  description: `Composes the supergraph from running subgraphs' SDL and serves it until Ctrl-C.
A subgraph not named with --subgraph is looked for at its *_SUBGRAPH_URL
(default http://HOST:<its port>/graphql). With DATABASE_URL it also serves
subscriptions, the live page and the response cache.`,
  options: {
    subgraph: { type: 'string', multiple: true, value: 'NAME=URL', description: `where a subgraph (${SUBGRAPH_NAMES.join(', ')}) answers; repeatable` },
    port: { type: 'string', value: 'N', description: 'port to listen on (default GATEWAY_PORT, 4000)' },
    wait: { type: 'string', value: 'SECONDS', description: 'how long to wait for the subgraphs to answer (default 30)' },
  },
  run: (values) => runGateway(values),
});

async function runGateway(values: { subgraph?: string[]; port?: string; wait?: string }): Promise<number> {
  const config = loadConfig();
  const port = values.port === undefined ? config.ports.gateway : portOption(values.port);
  const waitSeconds = values.wait === undefined ? 30 : Number(values.wait);
  if (!Number.isFinite(waitSeconds) || waitSeconds < 0) throw new UsageError(`--wait expects a number of seconds, got ${JSON.stringify(values.wait)}`);
  const addresses = subgraphAddresses(values.subgraph ?? [], config);
  const log = createLogger(config.logLevel);

  const remote = await loadRemoteSubgraphs(addresses, {
    waitMs: waitSeconds * 1000,
    onRetry: (address, reason) => log.info(`waiting for subgraph ${address.name} at ${address.url} (${reason})`),
  });
  // Subscriptions and the live page read the change feed: they need the hub's database.
  const pool = config.databaseUrl === undefined ? undefined : createPool(config.databaseUrl, { max: 4, statement_timeout: config.limits.readTimeoutMs });
  if (!pool) log.warn('gateway: DATABASE_URL is not set: serving queries only, without subscriptions, the live page, the response cache and the audit log');
  const opened = await openDoors(config, pool, log);
  const gateway = await startGateway({
    subgraphs: remote, host: config.host, port, log, maxBodyBytes: config.limits.graphqlBodyBytes,
    executionTimeoutMs: config.limits.executionTimeoutMs, serverLimits: config.limits, operationLimits: config.limits, doors: opened.doors, registry: config.metrics ? createRegistry() : undefined, readiness: pool ? [databaseCheck(pool)] : [],
    // The response cache needs the read model's position, which only the database knows.
    responseCache: pool && config.responseCacheMb > 0
      ? { position: readModelPosition(pool), maxBytes: config.responseCacheMb * 1024 * 1024, volatileFields: VOLATILE_FIELDS }
      : undefined,
    extensions: [
      ...(pool && config.databaseUrl ? [liveExtension({ pool, databaseUrl: config.databaseUrl, pollMs: config.listener.pollMs, log, limits: config.limits })] : []),
      reportsExtension({ position: pool ? readModelPosition(pool) : undefined, pool, reportStreams: config.limits.reportStreams }),
    ],
  }).catch(async (error: unknown) => {
    await opened.close();
    await pool?.end();
    throw error;
  });
  try {
    process.stdout.write(`servicegraph gateway is running (one process per subgraph)
  graphql  ${gateway.url}   (open it in a browser for the explorer)
${gateway.subgraphs.map((s) => `  ${s.name.padEnd(8)} ${s.via}`).join('\n')}
Ctrl-C stops it.
`);
    await untilSignal(log);
    return 0;
  } finally {
    await gateway.close();
    await opened.close();
    await pool?.end();
  }
}

/** The subgraphs to reach: those named on the command line, the others at their configured URLs. */
export function subgraphAddresses(values: readonly string[], config: Pick<Config, 'subgraphUrls'>): SubgraphAddress[] {
  const given = new Map<string, SubgraphAddress>();
  for (const value of values) {
    let address: SubgraphAddress;
    try {
      address = parseSubgraphAddress(value, SUBGRAPH_NAMES);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    if (given.has(address.name)) throw new UsageError(`--subgraph ${address.name} is given twice`);
    given.set(address.name, address);
  }
  return SUBGRAPH_NAMES.map((name) => given.get(name) ?? { name, url: config.subgraphUrls[name as SubgraphKey] });
}

function portOption(value: string): number {
  const port = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(port >= 0 && port <= 65535)) throw new UsageError(`--port expects an integer port 0..65535, got ${JSON.stringify(value)}`);
  return port;
}

/** Resolves on the first SIGINT or SIGTERM. */
export function untilSignal(log: Logger): Promise<void> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      log.info(`${signal}: stopping`);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
