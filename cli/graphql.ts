/**
 * The multi-process mode's commands: one subgraph per process, and a gateway
 * in front of subgraphs reached over HTTP.
 *
 *   servicegraph subgraph <name> [--port N]
 *   servicegraph gateway [--subgraph name=url]... [--port N] [--wait SECONDS]
 */
import { parseArgs } from 'node:util';
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
import { openDoors } from './doors';
import { createLogger, type Logger } from './logger';
import { createRegistry } from '../observability/metrics';
import { databaseCheck } from '../observability/readinessChecks';
import { operationsEndpoints } from '../observability/probes';

/** A command-line mistake: printed with the usage, exit code 2. */
export class UsageError extends Error {
  readonly code = 'USAGE';
}

/** Why a subgraph process needs DATABASE_URL; printed when it is missing. */
export const SUBGRAPH_NEEDS_DATABASE_URL = `servicegraph subgraph: DATABASE_URL is not set.
A subgraph in its own process reads the hub's Postgres, and only one process can
own the embedded Postgres (the hub started by \`servicegraph start\`). Set
DATABASE_URL to the hub's database, e.g. for the embedded one of this directory:
  DATABASE_URL=postgres://postgres:$(cat .servicegraph/pg.password)@127.0.0.1:54329/servicegraph
or run everything in one process with \`servicegraph start\` (the default of npm start).`;

/** `servicegraph subgraph <name> [--port N]`: serves one subgraph until SIGINT/SIGTERM. */
export async function runSubgraphCommand(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parse(argv, { port: { type: 'string' } });
  const [name, ...extra] = positionals;
  if (!name || !isSubgraphName(name) || extra.length > 0) {
    throw new UsageError(`servicegraph subgraph expects one subgraph name, one of ${SUBGRAPH_NAMES.join(', ')}; got ${positionals.length ? positionals.map((p) => JSON.stringify(p)).join(' ') : 'none'}`);
  }
  const config = loadConfig();
  const port = values.port === undefined ? config.ports[name] : portOption(values.port);
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
    const pool = createPool(database.url, { max: 10 });
    stops.push(() => pool.end());
    const subgraph = await createSubgraphByName(name, { pool });
    const served = await serveSubgraph(subgraph, { host: config.host, port, operations: config.metrics ? operationsEndpoints(createRegistry(), [databaseCheck(pool)]) : { readiness: [databaseCheck(pool)] } });
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
export async function runGatewayCommand(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    subgraph: { type: 'string', multiple: true },
    port: { type: 'string' },
    wait: { type: 'string' },
  });
  if (positionals.length > 0) throw new UsageError(`servicegraph gateway takes no arguments but options, got ${positionals.map((p) => JSON.stringify(p)).join(' ')}`);
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
  const pool = config.databaseUrl === undefined ? undefined : createPool(config.databaseUrl, { max: 4 });
  if (!pool) log.warn('gateway: DATABASE_URL is not set: serving queries only, without subscriptions, the live page, the response cache and the audit log');
  const opened = await openDoors(config, pool, log);
  const gateway = await startGateway({
    subgraphs: remote, host: config.host, port, log, doors: opened.doors, registry: config.metrics ? createRegistry() : undefined, readiness: pool ? [databaseCheck(pool)] : [],
    // The response cache needs the read model's position, which only the database knows.
    responseCache: pool && config.responseCacheMb > 0
      ? { position: readModelPosition(pool), maxBytes: config.responseCacheMb * 1024 * 1024, volatileFields: VOLATILE_FIELDS }
      : undefined,
    extensions: [
      ...(pool && config.databaseUrl ? [liveExtension({ pool, databaseUrl: config.databaseUrl, pollMs: config.listener.pollMs, log })] : []),
      reportsExtension({ position: pool ? readModelPosition(pool) : undefined }),
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

function parse<T extends Parameters<typeof parseArgs>[0] extends infer C ? C extends { options?: infer O } ? O : never : never>(argv: readonly string[], options: T) {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
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
