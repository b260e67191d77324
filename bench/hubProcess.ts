/**
 * A hub of its own for one benchmark run: a fresh database on the benchmark's
 * Postgres server, and `servicegraph start` (ingest and listeners, and with
 * `gateway: true` the gateway with the four subgraphs in process,
 * subscriptions and /live, in the hub's process unless asked otherwise) as a child process on free ports, so the load
 * generator (this process) never shares an event loop with it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { freePort } from '../db/embeddedPostgres';
import { dropDatabase, ensureDatabase } from '../db/ensureDatabase';
import { withDatabase } from '../db/url';
import { startServicegraph } from './childProcess';

export interface BenchHub {
  readonly databaseUrl: string;
  readonly ingestUrl: string;
  /** `http://127.0.0.1:PORT/graphql` with `gateway: true`, else undefined. */
  readonly graphqlUrl: string | undefined;
  readonly pid: number;
  readonly inspectorUrl: string;
  /** Stops the hub process and keeps its database (its Postgres sessions have ended: their statistics are reported). */
  stopProcess(): Promise<void>;
  /** Stops the hub process, if still running, and drops its database. */
  stop(): Promise<void>;
}

export interface BenchHubOptions {
  /** Run the gateway (subgraphs in process, subscriptions, /live) too; default false (`--no-gateway`). */
  readonly gateway?: boolean;
  /**
   * Where the gateway runs: `'process'` (the default), in the hub's process,
   * so that a benchmark's CPU accounting and profile of `pid` take it in;
   * `'child'`, in the gateway process `servicegraph start` supervises.
   */
  readonly gatewayIn?: 'process' | 'child';
  /** Extra environment for the hub (e.g. LISTENER_BATCH_SIZE). */
  readonly env?: Record<string, string>;
  /** Name of the database (default a fresh `sg_bench_<time>_<pid>`). */
  readonly database?: string;
  /** Another build's dist/ to run the hub of (a baseline to compare with); default this build's. */
  readonly dist?: string;
}

let hubs = 0;

/**
 * `servicegraph start` with what `opts` asks for. A baseline build from
 * before the gateway process ran the gateway in the hub's process anyway
 * (and knows no --gateway-in-process).
 */
function startArguments(opts: BenchHubOptions): string[] {
  if (!opts.gateway) return ['start', '--no-gateway'];
  const supervises = fs.existsSync(path.join(opts.dist ?? path.join(__dirname, '..'), 'cli', 'gatewayProcess.js'));
  return opts.gatewayIn === 'child' || !supervises ? ['start'] : ['start', '--gateway-in-process'];
}

export async function startBenchHub(serverUrl: string, opts: BenchHubOptions = {}): Promise<BenchHub> {
  const databaseUrl = withDatabase(serverUrl, opts.database ?? `sg_bench_${Date.now()}_${process.pid}_${++hubs}`);
  await ensureDatabase(databaseUrl);
  const ingestPort = await freePort();
  const gatewayPort = await freePort();
  const child = await startServicegraph({
    name: 'hub', args: startArguments(opts), readyText: 'Ctrl-C', dist: opts.dist,
    env: {
      DATABASE_URL: databaseUrl, INGEST_PORT: String(ingestPort), GATEWAY_PORT: String(gatewayPort),
      // A benchmark's whole load comes from this one client address (up to 10,000 subscribers): not a client to bound.
      CONNECTIONS_PER_CLIENT: '1000000', CONNECTIONS_PER_PORT: '1000000',
      // What is measured is the benchmark's choice, not the shell's: without tokens and without a request budget,
      // unless `env` says otherwise (the ingest benchmark's `--auth jwt`). An AUTH=jwt inherited from the shell
      // would refuse the load generator's requests and subscriptions.
      AUTH: 'off', RATE_LIMIT_PER_MINUTE: '0',
      ...opts.env,
    },
  });
  return {
    databaseUrl,
    ingestUrl: `http://127.0.0.1:${ingestPort}`,
    graphqlUrl: opts.gateway ? `http://127.0.0.1:${gatewayPort}/graphql` : undefined,
    pid: child.pid,
    inspectorUrl: child.inspectorUrl,
    stopProcess: () => child.stop(),
    async stop() {
      await child.stop();
      await dropDatabase(databaseUrl).catch(() => undefined);
    },
  };
}
