/**
 * Retention of hub.rejected_event: rows first received more than
 * REJECTED_RETENTION_DAYS ago are deleted from the oldest end, and beyond
 * REJECTED_MAX_ROWS the oldest rows go too, so a flood of junk — each event
 * different, so not merely counted (ingest/eventStore.ts) — cannot grow the
 * table without bound. Both in bounded chunks (db/retention.ts).
 */
import type { Pool } from 'pg';
import { pruneOldestRows, startRetention, type PruneResult, type Retention } from '../db/retention';

const REJECTED = { table: 'hub.rejected_event', id: 'rejection_id', time: 'received_at' } as const;

/** Deletes the rejected events older than `retentionDays`, then the oldest beyond the newest `maxRows`. */
export async function pruneRejectedEvents(pool: Pool, retentionDays: number, maxRows: number, chunkSize = 10_000): Promise<PruneResult> {
  const aged = retentionDays > 0 ? await pruneOldestRows(pool, REJECTED, retentionDays * 86_400, chunkSize) : { deleted: 0, chunks: 0 };
  let deleted = aged.deleted;
  let chunks = aged.chunks;
  for (;;) {
    // The id of the newest row past the cap: it and every older row go, a chunk at a time.
    const result = await pool.query(
      `WITH bound AS (SELECT rejection_id FROM hub.rejected_event ORDER BY rejection_id DESC OFFSET $1 LIMIT 1)
       DELETE FROM hub.rejected_event WHERE rejection_id IN (
         SELECT rejection_id FROM hub.rejected_event WHERE rejection_id <= (SELECT rejection_id FROM bound)
          ORDER BY rejection_id LIMIT $2)`,
      [maxRows, chunkSize],
    );
    chunks++;
    const count = result.rowCount ?? 0;
    deleted += count;
    if (count < chunkSize) return { deleted, chunks };
  }
}

export interface RejectedRetentionOptions {
  readonly pool: Pool;
  /** Days a rejected event is kept; 0 = no age limit (the cap still holds). */
  readonly retentionDays: number;
  readonly maxRows: number;
  /** Default: every minute (the cap is held to within a minute of ingest); the first prune runs right at start. */
  readonly intervalMs?: number;
  readonly onPruned?: (result: PruneResult) => void;
  readonly onError?: (error: unknown) => void;
}

export function startRejectedRetention(options: RejectedRetentionOptions): Retention {
  return startRetention({
    prune: () => pruneRejectedEvents(options.pool, options.retentionDays, options.maxRows),
    intervalMs: options.intervalMs ?? 60_000, onPruned: options.onPruned, onError: options.onError,
  });
}
