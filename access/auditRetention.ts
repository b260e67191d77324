/**
 * Retention of hub.audit_log: rows older than AUDIT_RETENTION_DAYS (default
 * 90) are deleted from the oldest end in bounded chunks (db/retention.ts), so
 * the log of a busy ingest (one row per request) stays bounded. Audit ids and
 * times grow together: rows are appended in batches, each in the order its
 * entries were recorded.
 */
import type { Pool } from 'pg';
import { pruneOldestRows, startRetention, type PruneResult, type Retention } from '../db/retention';

const AUDIT_LOG = { table: 'hub.audit_log', id: 'audit_id', time: 'at' } as const;

/** Deletes the audit rows older than `retentionDays` (may be fractional), oldest first. */
export function pruneAuditLog(pool: Pool, retentionDays: number, chunkSize = 10_000): Promise<PruneResult> {
  if (!(retentionDays >= 0)) throw new RangeError(`retentionDays: expected a number of days >= 0, got ${String(retentionDays)}`);
  return pruneOldestRows(pool, AUDIT_LOG, retentionDays * 86_400, chunkSize);
}

export interface AuditRetentionOptions {
  readonly pool: Pool;
  /** Days an audit row is kept; 0 = forever (nothing is started). */
  readonly retentionDays: number;
  /** Default: hourly; the first prune runs right at start. */
  readonly intervalMs?: number;
  readonly onPruned?: (result: PruneResult) => void;
  readonly onError?: (error: unknown) => void;
}

export function startAuditRetention(options: AuditRetentionOptions): Retention {
  if (!(options.retentionDays > 0)) return { stop: async () => undefined };
  return startRetention({
    prune: () => pruneAuditLog(options.pool, options.retentionDays),
    intervalMs: options.intervalMs ?? 60 * 60 * 1000, onPruned: options.onPruned, onError: options.onError,
  });
}
