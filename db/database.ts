import type { Config } from '../config/config';
import { startEmbeddedPostgres } from './embeddedPostgres';
import { ensureDatabase } from './ensureDatabase';

/** The Postgres that servicegraph runs on, whichever way it was obtained. */
export interface Database {
  /** Connection URL of servicegraph's database. */
  readonly url: string;
  /** True when we started the server (embedded) and `stop()` stops it. */
  readonly embedded: boolean;
  /** Stops the embedded server; nothing for an external one. Idempotent. */
  stop(): Promise<void>;
}

/**
 * DATABASE_URL set: that server, creating the database named in the URL when
 * it does not exist. Unset: the embedded Postgres under `config.dataDir`, with
 * a database `servicegraph`. Migrations are not run here (see `migrate`).
 */
export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir' | 'embeddedPgPort'>,
  options: { onLog?: (message: string) => void } = {},
): Promise<Database> {
  if (config.databaseUrl !== undefined) {
    await ensureDatabase(config.databaseUrl);
    return { url: config.databaseUrl, embedded: false, stop: async () => undefined };
  }
  const server = await startEmbeddedPostgres({
    dataDir: config.dataDir,
    port: config.embeddedPgPort,
    database: 'servicegraph',
    onLog: options.onLog,
  });
  return { url: server.url, embedded: true, stop: () => server.stop() };
}
