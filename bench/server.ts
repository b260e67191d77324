/** The Postgres server benchmarks run on: DATABASE_URL's server, else an embedded one in a temp directory. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../db/embeddedPostgres';
import { withDatabase } from '../db/url';

export interface BenchServer {
  /** A URL on the server whose database may be used for CREATE/DROP DATABASE. */
  readonly url: string;
  readonly description: string;
  stop(): Promise<void>;
}

export async function benchServer(): Promise<BenchServer> {
  const external = process.env.DATABASE_URL;
  if (external) {
    return { url: withDatabase(external, 'postgres'), description: 'DATABASE_URL server', stop: async () => undefined };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'servicegraph-bench-'));
  const server = await startEmbeddedPostgres({ dataDir, port: 0, database: 'postgres' });
  return {
    url: server.url,
    description: 'embedded Postgres',
    async stop() {
      await server.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
