/**
 * hub.checkpoint: for each projector, the event-log position up to which it
 * has applied events, written in the same transaction as every batch's rows.
 * The read model's position is the checkpoint of {@link READ_MODEL_PROJECTOR}:
 * two reads that return the same position saw the same read model; the
 * gateway's response cache keys its answers by it.
 */
import type { Pool } from 'pg';

/** The projector that maintains the read model the subgraphs serve. */
export const READ_MODEL_PROJECTOR = 'read-model';

/** The statements a projector's batch runs on its checkpoint row (`$1`: the projector's name). */
export const CHECKPOINT_SQL = {
  /** Creates the row at position 0 the first time. */
  ensure: `INSERT INTO hub.checkpoint (projector) VALUES ($1) ON CONFLICT DO NOTHING`,
  /** Reads the position and locks the row until the transaction ends: concurrent projectors take turns. */
  lock: `SELECT position::text AS position FROM hub.checkpoint WHERE projector = $1 FOR UPDATE`,
  /** Moves it to `$2`, in the batch's transaction. */
  advance: `UPDATE hub.checkpoint SET position = $2, updated_at = now() WHERE projector = $1`,
  /** Reads the position without locking. */
  read: `SELECT position::text AS position FROM hub.checkpoint WHERE projector = $1`,
} as const;

/** A reader of the read model's position on `pool` ('0' before the first batch). */
export function readModelPosition(pool: Pool): () => Promise<string> {
  // Named: pg prepares it once per connection, every read after that is Bind/Execute only.
  const statement = {
    name: 'servicegraph-read-model-position',
    text: CHECKPOINT_SQL.read,
    values: [READ_MODEL_PROJECTOR],
  };
  return async () => {
    const { rows } = await pool.query<{ position: string }>(statement);
    return rows[0]?.position ?? '0';
  };
}
