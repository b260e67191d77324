import type { Pool, PoolClient } from 'pg';

/**
 * The ingest counts of docs/api.md#ingest-over-http (`GET /status`), also served as
 * GraphQL `ingestStatus`. Read in one statement, so one snapshot.
 */
export interface IngestStatus {
  /** Distinct events accepted. */
  readonly received: number;
  /** Accepted events applied to the read model (exceptions included). */
  readonly applied: number;
  /** Accepted events waiting for an aggregate or a predecessor. */
  readonly parked: number;
  /** Duplicate answers given. */
  readonly duplicates: number;
  /** Rejected answers given (schema errors and conflicts). */
  readonly rejected: number;
  /** Applied events that became exceptions (ILLEGAL_TRANSITION and the like). */
  readonly exceptions: number;
  /** Accepted, not yet applied, parked or found stale: received − applied − parked − stale. */
  readonly pending: number;
  /** Accepted events the listeners found at or below an already-applied sequence (not applied again). */
  readonly stale: number;
}

export async function readIngestStatus(db: Pool | PoolClient): Promise<IngestStatus> {
  const { rows } = await db.query<{ counters: Record<string, number> | null; parked: string }>(
    `SELECT (SELECT jsonb_object_agg(name, value) FROM hub.counter) AS counters,
            (SELECT count(*) FROM hub.parked_event)::text AS parked`,
  );
  const counters = rows[0]?.counters ?? {};
  const count = (name: string): number => Number(counters[name] ?? 0);
  const received = count('received');
  const applied = count('applied');
  const stale = count('stale');
  const parked = Number(rows[0]?.parked ?? 0);
  return {
    received,
    applied,
    parked,
    duplicates: count('duplicates'),
    rejected: count('rejected'),
    exceptions: count('exceptions'),
    // Not clamped at 0: a negative value would reveal a counting bug, not hide it.
    pending: received - applied - parked - stale,
    stale,
  };
}
