import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createPool, migrate } from '../../db/dataSource';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../db/embeddedPostgres';
import { dropDatabase } from '../../db/ensureDatabase';
import { quoteIdent, withDatabase } from '../../db/url';

/** A fresh, migrated database of its own for one test (or one test file). */
export interface TestDatabase {
  /** Connection URL of the new database. */
  readonly url: string;
  /** A pool on it (`numeric` and `date` as strings, like the application's). */
  readonly pool: pg.Pool;
  /** Closes the pool and drops the database (ending any session still on it). Idempotent. */
  drop(): Promise<void>;
}

/**
 * Creates a uniquely named database, runs the migrations on it and opens a
 * pool. The server is, in order of preference: TEST_DATABASE_SERVER_URL (set
 * by scripts/run-tests.js for the whole run), the server of DATABASE_URL, or
 * an embedded Postgres started by this process in a temp directory (so one
 * compiled test file also runs with plain `node --test`). The database named
 * in the server URL is used for CREATE/DROP DATABASE.
 */
export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const server = await acquireServer();
  // scripts/run-tests.js gives each run its own prefix, to drop what a crashed test left behind.
  const prefix = process.env.TEST_DATABASE_PREFIX || 'sg_test';
  const name = `${prefix}_${process.pid}_${++created}_${randomBytes(3).toString('hex')}`;
  const url = withDatabase(server.url, name);
  try {
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${quoteIdent(name)}`);
    } finally {
      await admin.end();
    }
    if (options.migrate !== false) await migrate(url);
  } catch (err) {
    await dropDatabase(url, server.url).catch(() => undefined);
    await server.release();
    throw err;
  }
  const pool = createPool(url, { max: 5 });
  let dropping: Promise<void> | undefined;
  return {
    url,
    pool,
    drop: () =>
      (dropping ??= (async () => {
        try {
          await pool.end();
          await dropDatabase(url, server.url);
        } finally {
          await server.release();
        }
      })()),
  };
}

let created = 0;

interface ServerLease {
  readonly url: string;
  release(): Promise<void>;
}

// ── the fallback embedded server, shared by the test databases of this process ──

let embedded: { server: Promise<EmbeddedPostgres>; users: number } | undefined;
let embeddedDir: string | undefined;

async function acquireServer(): Promise<ServerLease> {
  const configured = process.env.TEST_DATABASE_SERVER_URL || process.env.DATABASE_URL;
  if (configured) return { url: configured, release: async () => undefined };

  if (!embedded) {
    embeddedDir ??= makeTempDir();
    const server = startEmbeddedPostgres({ dataDir: embeddedDir, port: 0, database: 'postgres' });
    embedded = { server, users: 0 };
    server.catch(() => (embedded = undefined));
  }
  const lease = embedded;
  lease.users++;
  const { url } = await lease.server;
  let released = false;
  return {
    url,
    release: async () => {
      if (released) return;
      released = true;
      // Stopped when its last database is dropped; the cluster stays in the
      // temp directory, so a later test restarts it in a fraction of a second.
      if (--lease.users === 0 && embedded === lease) {
        embedded = undefined;
        await (await lease.server).stop();
      }
    },
  };
}

function makeTempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'servicegraph-test-'));
  process.on('exit', () => {
    // Only when the server has stopped; one still running (a test that never
    // dropped its database) keeps its files until it is gone.
    if (!embedded) fs.rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}
