import type { Pool } from 'pg';
import { storeEvents } from './eventStore';
import type { IngestResult } from './outcome';
import { prepareEvents } from './prepare';

/**
 * Ingest of a list of received events, whatever carried them (a NATS consumer
 * later; the HTTP server, on the ingest thread, prepares its bodies and
 * stores them through the group commit the same way): validate, then store in
 * one transaction. Resolves
 * after COMMIT with one result per event in order; rejects when the database
 * failed, in which case nothing of the list was stored.
 */
export async function ingestEvents(pool: Pool, raws: readonly unknown[]): Promise<IngestResult> {
  return storeEvents(pool, prepareEvents(raws));
}
