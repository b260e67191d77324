/**
 * Retention of hub.change_feed. The feed is the truth behind subscriptions:
 * each gateway reads it from where it started (its current end) onwards, so a
 * row is needed only until every running gateway has read it — seconds in
 * normal operation. Without retention the table grows by about one row per
 * event for as long as the hub runs.
 *
 * Rows older than the retention (by `changed_at`, the projector's commit
 * clock) are deleted from the oldest end in bounded chunks (db/retention.ts).
 * A gateway that falls further behind than the retention skips what was
 * pruned (docs/live.md says so); the default is a day.
 */
import type { Pool } from 'pg';
import { pruneOldestRows, startRetention, type PruneResult, type Retention } from '../db/retention';

export type ChangeFeedPruneResult = PruneResult;

const CHANGE_FEED = { table: 'hub.change_feed', id: 'change_id', time: 'changed_at' } as const;

/**
 * Deletes the feed's rows older than `retentionHours` (may be fractional), oldest first.
 * Change ids and `changed_at` grow together (one projector commits at a time).
 */
export async function pruneChangeFeed(pool: Pool, retentionHours: number, chunkSize = 10_000): Promise<ChangeFeedPruneResult> {
  if (!(retentionHours >= 0)) throw new RangeError(`retentionHours: expected a number of hours >= 0, got ${String(retentionHours)}`);
  return pruneOldestRows(pool, CHANGE_FEED, retentionHours * 3600, chunkSize);
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

export type ChangeFeedRetention = Retention;

export const DEFAULT_PRUNE_INTERVAL_MS = 10 * 60 * 1000;

/** Prunes now and then every `intervalMs`; a failed prune is reported and retried at the next tick. */
export function startChangeFeedRetention(options: ChangeFeedRetentionOptions): ChangeFeedRetention {
  if (!(options.retentionHours > 0)) return { stop: async () => undefined };
  return startRetention({
    prune: () => pruneChangeFeed(options.pool, options.retentionHours),
    intervalMs: options.intervalMs ?? DEFAULT_PRUNE_INTERVAL_MS, onPruned: options.onPruned, onError: options.onError,
  });
}
