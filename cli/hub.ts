/**
 * The running hub: Postgres (embedded or DATABASE_URL), migrations, ingest and
 * listeners, started in order and stopped in reverse.
 */
import type { Pool } from 'pg';
import type { Config } from '../config/config';
import { openDatabase, type Database } from '../db/database';
import { createPool, migrate } from '../db/dataSource';
import { redact } from '../db/url';
import { startIngestServer } from '../ingest/server';
import { startListeners, type ListenerRunner } from '../listeners/runner';
import type { Logger } from './logger';

export interface RunningHub {
  readonly databaseUrl: string;
  readonly ingestUrl: string;
  readonly pool: Pool;
  readonly listeners: ListenerRunner;
  stop(): Promise<void>;
}

export async function startHub(config: Config, log: Logger): Promise<RunningHub> {
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch((error) => log.error(`while stopping: ${String(error)}`));
  };
  try {
    const database: Database = await openDatabase(config, { onLog: (message) => log.debug(`postgres: ${message}`) });
    stops.push(() => database.stop());
    log.info(`postgres ${database.embedded ? `embedded under ${config.dataDir}` : 'from DATABASE_URL'}: ${redact(database.url)}`);

    const applied = await migrate(database.url);
    if (applied.length > 0) log.info(`migrations applied: ${applied.join(', ')}`);

    const pool = createPool(database.url, { max: 10 });
    stops.push(() => pool.end());

    const listeners = await startListeners({
      pool, databaseUrl: database.url, batchSize: config.listener.batchSize, pollMs: config.listener.pollMs,
      onBatch: (batch) => log.debug(`listeners: applied ${batch.applied}, exceptions ${batch.exceptions}, stale ${batch.stale} up to position ${batch.checkpoint}`),
      onError: (error) => log.error(`listeners: ${error instanceof Error ? error.stack ?? error.message : String(error)}`),
    });
    stops.push(() => listeners.stop());

    const ingest = await startIngestServer({ pool, host: config.host, port: config.ports.ingest });
    stops.push(() => ingest.close());
    const ingestUrl = `http://${config.host}:${ingest.port}`;

    return { databaseUrl: database.url, ingestUrl, pool, listeners, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
