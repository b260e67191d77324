/**
 * Bounded retention of an append-only hub table (the change feed, the audit
 * log): rows older than the retention are deleted from the oldest end, a
 * bounded chunk per short transaction, so pruning a large backlog neither
 * holds locks for long nor builds one huge transaction. Age is read against
 * Postgres's own `now()`, so no host clock is involved.
 */
import type { Pool } from 'pg';

/** An append-only table whose ids and times grow together. */
export interface RetainedTable {
  /** Schema-qualified name, a constant of the code (never user input). */
  readonly table: string;
  /** The bigserial id column: rows are appended in its order. */
  readonly id: string;
  /** The timestamptz column the age is read from. */
  readonly time: string;
}

export interface PruneResult {
  /** Rows deleted. */
  readonly deleted: number;
  /** Transactions used (one per chunk). */
  readonly chunks: number;
}

/**
 * Deletes the rows of `target` older than `retentionSeconds`, oldest first.
 * Each chunk looks at the next `chunkSize` ids from the oldest row, so it
 * never scans the young part of the table; a chunk that deletes nothing means
 * the oldest row left is young enough.
 */
export async function pruneOldestRows(pool: Pool, target: RetainedTable, retentionSeconds: number, chunkSize = 10_000): Promise<PruneResult> {
  if (!Number.isSafeInteger(chunkSize) || chunkSize < 1) throw new RangeError(`chunkSize: expected an integer >= 1, got ${String(chunkSize)}`);
  const { table, id, time } = target;
  let deleted = 0;
  let chunks = 0;
  for (;;) {
    const result = await pool.query(
      `WITH oldest AS (SELECT ${id} FROM ${table} ORDER BY ${id} LIMIT 1)
       DELETE FROM ${table}
       WHERE ${id} >= (SELECT ${id} FROM oldest)
         AND ${id} < (SELECT ${id} FROM oldest) + $2::bigint
         AND ${time} < now() - make_interval(secs => $1::double precision)`,
      [retentionSeconds, chunkSize],
    );
    chunks += 1;
    const count = result.rowCount ?? 0;
    deleted += count;
    if (count === 0) return { deleted, chunks };
  }
}

export interface RetentionOptions {
  /** Prunes once; resolves with what it deleted. */
  readonly prune: () => Promise<PruneResult>;
  /** Time between two prunes; the first prune runs right at start. */
  readonly intervalMs: number;
  readonly onPruned?: (result: PruneResult) => void;
  readonly onError?: (error: unknown) => void;
}

export interface Retention {
  /** Stops the timer and waits for a prune under way. */
  stop(): Promise<void>;
}

/** Prunes now and then every `intervalMs`; a failed prune is reported and retried at the next tick. */
export function startRetention(options: RetentionOptions): Retention {
  let running: Promise<void> | undefined;
  let stopped = false;
  const prune = (): void => {
    if (running || stopped) return;
    running = options.prune()
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
  const timer = setInterval(prune, options.intervalMs);
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
