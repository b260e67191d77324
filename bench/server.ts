/** The Postgres server benchmarks run on: DATABASE_URL's server, else an embedded one in a temp directory. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../db/embeddedPostgres';
import { withDatabase } from '../db/url';
import pg from 'pg';
import { parentPid, trackPostgres } from './cpuUsage';
import { STATEMENT_STATS_SETTINGS } from './statementStats';
import { stopOnInterrupt } from './interrupt';

export interface BenchServer {
  /** A URL on the server whose database may be used for CREATE/DROP DATABASE. */
  readonly url: string;
  readonly description: string;
  stop(): Promise<void>;
}

export async function benchServer(): Promise<BenchServer> {
  const external = process.env.DATABASE_URL;
  if (external) {
    const url = withDatabase(external, 'postgres');
    await trackServer(url);
    return { url, description: 'DATABASE_URL server', stop: async () => undefined };
  }
  const overrides = settingsFromEnvironment();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'servicegraph-bench-'));
  // Statement statistics cost little and say where Postgres's time goes (bench/statementStats.ts).
  const server = await startEmbeddedPostgres({ dataDir, port: 0, database: 'postgres', settings: { ...STATEMENT_STATS_SETTINGS, ...overrides } });
  const stop = async () => {
    forget();
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  const forget = stopOnInterrupt(stop);
  await trackServer(server.url);
  return {
    url: server.url,
    description: `embedded Postgres${Object.keys(overrides).length ? ` (${Object.entries(overrides).map(([name, value]) => `${name}=${value}`).join(', ')})` : ''}`,
    stop,
  };
}

/** CPU accounting counts this server's processes only (the machine may run other Postgres servers). */
async function trackServer(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT pg_backend_pid() AS pid');
    const postmaster = parentPid(rows[0].pid);
    if (postmaster !== undefined) trackPostgres(postmaster);
  } finally {
    await client.end();
  }
}

/**
 * `BENCH_POSTGRES_SETTINGS=name=value,name=value`: settings for the bench's
 * embedded server, over the hub's own (an A/B of a server setting).
 */
function settingsFromEnvironment(): Record<string, string> {
  const text = process.env.BENCH_POSTGRES_SETTINGS?.trim();
  if (!text) return {};
  return Object.fromEntries(text.split(',').map((pair) => {
    const match = /^\s*([a-z_.]+)\s*=\s*(\S+)\s*$/.exec(pair);
    if (!match) throw new Error(`BENCH_POSTGRES_SETTINGS: expected name=value pairs separated by commas, got ${JSON.stringify(pair)}`);
    return [match[1]!, match[2]!];
  }));
}
