import type { Pool, PoolClient } from 'pg';

/**
 * The hub's counts (`GET /status` of the ingest port, see
 * docs/api.md#ingest-over-http, and GraphQL `ingestStatus`): hub.counter,
 * which ingest and the listeners add to in the transactions that do what
 * they count, and the parked events. Read in one statement, so one snapshot.
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

/** The rows of hub.counter: ingest adds to the first three, the listeners to the others. */
export type CounterName = 'received' | 'duplicates' | 'rejected' | 'applied' | 'exceptions' | 'stale';

/**
 * A statement adding each delta to its counter, the numbers written as
 * literals (it travels in a multi-statement simple query, which takes no
 * parameters); undefined when every delta is 0.
 */
export function addToCounters(deltas: ReadonlyArray<readonly [CounterName, number]>): string | undefined {
  const changed = deltas.filter(([, delta]) => delta !== 0).map(([name, delta]) => `('${name}', ${integerLiteral(delta)})`);
  if (changed.length === 0) return undefined;
  return `UPDATE hub.counter c SET value = c.value + d.delta FROM (VALUES ${changed.join(', ')}) AS d(name, delta) WHERE c.name = d.name`;
}

/**
 * What a listeners' batch adds to 'applied' ($1), 'exceptions' ($2) and
 * 'stale' ($3); `applied` counts the events that became exceptions too.
 */
export const ADD_TO_LISTENER_COUNTERS =
  `UPDATE hub.counter SET value = value + CASE name WHEN 'applied' THEN $1::bigint WHEN 'exceptions' THEN $2::bigint ELSE $3::bigint END
         WHERE name IN ('applied', 'exceptions', 'stale')`;

/** The text of a non-negative integer; anything else would be a bug here, not something to write into SQL. */
export function integerLiteral(value: number | string): string {
  const text = String(value);
  if (!/^\d+$/.test(text)) throw new Error(`expected a non-negative integer, got ${JSON.stringify(value)}`);
  return text;
}
