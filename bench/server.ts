/** The Postgres server benchmarks run on: DATABASE_URL's server, else an embedded one in a temp directory. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../db/embeddedPostgres';
import { withDatabase } from '../db/url';
import pg from 'pg';
import { parentPid, trackPostgres } from './cpuUsage';
import { STATEMENT_STATS_SETTINGS } from './statementStats';

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
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'servicegraph-bench-'));
  // Statement statistics cost little and say where Postgres's time goes (bench/statementStats.ts).
  const server = await startEmbeddedPostgres({ dataDir, port: 0, database: 'postgres', settings: STATEMENT_STATS_SETTINGS });
  await trackServer(server.url);
  return {
    url: server.url,
    description: 'embedded Postgres',
    async stop() {
      await server.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
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
