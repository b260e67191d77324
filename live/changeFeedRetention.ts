/**
 * Retention of hub.change_feed. The feed is the truth behind subscriptions:
 * each gateway reads it from where it started (its current end) onwards, so a
 * row is needed only until every running gateway has read it — seconds in
 * normal operation. Without retention the table grows by about one row per
 * event for as long as the hub runs.
 *
 * Rows older than the retention (by `changed_at`, the projector's commit
 * clock, compared with Postgres's own `now()` so no host clock is involved)
 * are deleted from the oldest end, a bounded chunk per short transaction, so
 * pruning a large backlog neither holds locks for long nor builds one huge
 * transaction. A gateway that falls further behind than the retention skips
 * what was pruned (docs/live.md says so); the default is a day.
 */
import type { Pool } from 'pg';

export interface ChangeFeedPruneResult {
  /** Rows deleted. */
  readonly deleted: number;
  /** Transactions used (one per chunk). */
  readonly chunks: number;
}

/**
 * Deletes the feed's rows older than `retentionHours` (may be fractional), oldest first.
 * Each chunk looks at the next `chunkSize` change ids from the oldest row, so
 * it never scans the young part of the table: change ids and `changed_at`
 * grow together (one projector commits at a time), and a chunk that deletes
 * nothing means the oldest row left is young enough.
 */
export async function pruneChangeFeed(pool: Pool, retentionHours: number, chunkSize = 10_000): Promise<ChangeFeedPruneResult> {
  if (!(retentionHours >= 0)) throw new RangeError(`retentionHours: expected a number of hours >= 0, got ${String(retentionHours)}`);
  if (!Number.isSafeInteger(chunkSize) || chunkSize < 1) throw new RangeError(`chunkSize: expected an integer >= 1, got ${String(chunkSize)}`);
  let deleted = 0;
  let chunks = 0;
  for (;;) {
    const result = await pool.query(
      `WITH oldest AS (SELECT change_id FROM hub.change_feed ORDER BY change_id LIMIT 1)
       DELETE FROM hub.change_feed
       WHERE change_id >= (SELECT change_id FROM oldest)
         AND change_id < (SELECT change_id FROM oldest) + $2::bigint
         AND changed_at < now() - make_interval(secs => $1::double precision)`,
      [retentionHours * 3600, chunkSize],
    );
    chunks += 1;
    const count = result.rowCount ?? 0;
    deleted += count;
    if (count === 0) return { deleted, chunks };
  }
}

export interface ChangeFeedRetentionOptions {
  readonly pool: Pool;
  /** Hours a change is kept; 0 or less means the retention is off (nothing is started). */
  readonly retentionHours: number;
  /** Time between two prunes; default 10 minutes. The first prune runs right at start. */
  readonly intervalMs?: number;
  readonly onPruned?: (result: ChangeFeedPruneResult) => void;
  readonly onError?: (error: unknown) => void;
}

export interface ChangeFeedRetention {
  /** Stops the timer and waits for a prune under way. */
  stop(): Promise<void>;
}

export const DEFAULT_PRUNE_INTERVAL_MS = 10 * 60 * 1000;

/** Prunes now and then every `intervalMs`; a failed prune is reported and retried at the next tick. */
export function startChangeFeedRetention(options: ChangeFeedRetentionOptions): ChangeFeedRetention {
  if (!(options.retentionHours > 0)) return { stop: async () => undefined };
  let running: Promise<void> | undefined;
  let stopped = false;
  const prune = (): void => {
    if (running || stopped) return;
    running = pruneChangeFeed(options.pool, options.retentionHours)
      .then((result) => {
        if (result.deleted > 0) options.onPruned?.(result);
      })
      .catch((error) => {
        if (!stopped) options.onError?.(error);
      })
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(prune, options.intervalMs ?? DEFAULT_PRUNE_INTERVAL_MS);
  // Pruning must not keep a process alive that has nothing else to do.
  timer.unref();
  prune();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
