/**
 * A hub of its own for one benchmark run: a fresh database on the benchmark's
 * Postgres server, and `servicegraph start --no-gateway` (ingest and listeners) as a child process on free ports,
 * so the load generator (this process) never shares an event loop with it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort } from '../db/embeddedPostgres';
import { dropDatabase, ensureDatabase } from '../db/ensureDatabase';
import { withDatabase } from '../db/url';

export interface BenchHub {
  readonly databaseUrl: string;
  readonly ingestUrl: string;
  stop(): Promise<void>;
}

export async function startBenchHub(serverUrl: string, env: Record<string, string> = {}): Promise<BenchHub> {
  const databaseUrl = withDatabase(serverUrl, `sg_bench_${Date.now()}_${process.pid}`);
  await ensureDatabase(databaseUrl);
  const ingestPort = await freePort();
  const child: ChildProcess = spawn(process.execPath, [path.join(__dirname, '..', 'cli', 'main.js'), 'start', '--no-gateway'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, INGEST_PORT: String(ingestPort), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('Ctrl-C')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`hub exited with ${code} before it was ready: ${out}`)));
  });
  return {
    databaseUrl,
    ingestUrl: `http://127.0.0.1:${ingestPort}`,
    async stop() {
      child.removeAllListeners('exit');
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
      await dropDatabase(databaseUrl).catch(() => undefined);
    },
  };
}
