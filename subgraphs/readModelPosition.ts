/**
 * The read model's position: the event-log position up to which the projector
 * has applied events (`hub.checkpoint`, written in the same transaction as
 * every batch's rows). Two reads that return the same position saw the same
 * read model; the gateway's response cache keys its answers by it.
 */
import type { Pool } from 'pg';
import { READ_MODEL_PROJECTOR } from '../listeners/projector';

/** A reader of the read model's position on `pool` ('0' before the first batch). */
export function readModelPosition(pool: Pool): () => Promise<string> {
  // Named: pg prepares it once per connection, every read after that is Bind/Execute only.
  const statement = {
    name: 'servicegraph-read-model-position',
    text: 'SELECT position::text AS position FROM hub.checkpoint WHERE projector = $1',
    values: [READ_MODEL_PROJECTOR],
  };
  return async () => {
    const { rows } = await pool.query<{ position: string }>(statement);
    return rows[0]?.position ?? '0';
  };
}
