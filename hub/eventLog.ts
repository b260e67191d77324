/**
 * hub.event_log, the durable record of every accepted event, and the only
 * code that reads or appends to it by position: ingest appends (under the
 * log's lock), the listeners read what follows their checkpoint. Neither side
 * knows the other; both know this module.
 */
import type { Pool, PoolClient, QueryResult } from 'pg';

/**
 * Advisory lock key (`pg_advisory_xact_lock(bigint)`) held by every writer of
 * hub.event_log for the rest of its transaction; 0x53474556 is "SGEV".
 *
 * Why: `position` is a bigserial, and sequence values are handed out when a
 * row is inserted, not when it commits. Two concurrent writers could take
 * positions 10 and 11, with 11 committing first; a listener reading
 * `position > checkpoint` would then move past 10 and never see it when it
 * commits a moment later. Serializing the writers makes positions commit in
 * increasing order (the lock is released only after the commit is visible),
 * so the listeners may read by position and never skip a late commit. Any
 * future writer of the log (e.g. a NATS consumer) must take this lock too.
 */
export const EVENT_LOG_WRITE_LOCK_KEY = 0x53474556;

/** Takes the log's write lock for the rest of the transaction (a literal: it may close a multi-statement simple query). */
export const LOCK_EVENT_LOG = `SELECT pg_advisory_xact_lock(${EVENT_LOG_WRITE_LOCK_KEY})`;

/** One event of the log as the listeners read it: its position and its envelope's JSON text. */
export interface LogRow { position: string; envelope: string }

/**
 * Events one transaction inserted at consecutive positions, handed over once
 * committed to the listeners of this process (hub/logTail.ts).
 */
export interface CommittedEvents {
  /** The position of `envelopes[0]`; the others follow it one by one. */
  readonly firstPosition: string;
  /** Each event's envelope as stored: the canonical JSON sent to the log. */
  readonly envelopes: readonly string[];
}

/**
 * One statement for all events: the envelopes travel as one JSON
 * array (one parameter, parsed once by Postgres; each column is taken out of
 * the envelope, which validation left as received) beside an array of their
 * hashes, and pairs already in the log are skipped. Positions follow request
 * order. Only a count and the first and last positions come back: on the
 * usual path every event was new, and no row per event has to be sent,
 * parsed and matched.
 *
 * `NOT EXISTS` rather than `ON CONFLICT DO NOTHING` (8 % less Postgres CPU:
 * no speculative insertion): the lock keeps every other writer out until this
 * transaction ends, so a pair not in the log when the statement starts cannot
 * be inserted by anyone else before it commits. Should a writer ever skip the
 * lock, the unique constraint still refuses the pair and the request fails
 * whole (503, safe to send again): nothing is stored twice.
 *
 * Unnamed, so planned at every execution for the log as it is then: as a
 * named (prepared) statement, Postgres settled on a generic plan while the log
 * was a few thousand rows, whose cost grew with the log (on a 290,000-event
 * log 50 ms a batch of 500 against 6 ms planned afresh; a 1M-event ingest ran
 * at a third of its rate, the insert at ≈ 104 µs an event against ≈ 12).
 * Planning costs ≈ 0.5 ms a batch.
 */
const INSERT_EVENTS = {
  text: `WITH inserted AS (
           INSERT INTO hub.event_log (source, event_id, type, subject, sequence, event_time, content_hash, envelope)
           SELECT x.envelope->>'source', x.envelope->>'id', x.envelope->>'type', x.envelope->>'subject',
                  (x.envelope->>'sequence')::bigint, (x.envelope->>'time')::timestamptz, x.hash, x.envelope
             FROM ROWS FROM (jsonb_array_elements($1::jsonb), unnest($2::text[])) WITH ORDINALITY AS x(envelope, hash, ord)
            WHERE NOT EXISTS (SELECT FROM hub.event_log l WHERE l.source = x.envelope->>'source' AND l.event_id = x.envelope->>'id')
            ORDER BY x.ord
           RETURNING position
         )
         SELECT count(*)::int AS count, min(position)::text AS first_position, max(position)::text AS last_position FROM inserted`,
};

/** What one append inserted. */
export interface Appended {
  readonly count: number;
  /** Positions of the first and last event inserted; undefined when none was. */
  readonly firstPosition: string | undefined;
  readonly lastPosition: string | undefined;
}

/**
 * Runs `write` in a transaction that holds the log's write lock, on a
 * connection of its own: the one way events are appended (ingest, the
 * operator's dismissals). Opened in one round trip; accepted means durable,
 * so should the session or database run with synchronous_commit = off, this
 * transaction still waits for its WAL flush. `write` ends the transaction
 * with its own COMMIT (sent with its last statements, to save a round trip);
 * when it throws, the transaction is rolled back and a connection whose
 * transaction failed is discarded, not reused.
 */
export async function withLogWriteTransaction<T>(pool: Pool, write: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query(
      `BEGIN;
       SELECT set_config('synchronous_commit', 'on', true) WHERE current_setting('synchronous_commit') = 'off';
       ${LOCK_EVENT_LOG}`,
    );
    try {
      return await write(client);
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
      throw error;
    }
  } catch (error) {
    broken ??= error as Error;
    throw error;
  } finally {
    client.release(broken);
  }
}

/**
 * Appends the envelopes (a JSON array's text, in order) with their content
 * hashes, skipping each (source, id) the log already holds. The caller holds
 * {@link LOCK_EVENT_LOG} in the same transaction.
 */
export async function appendToLog(client: PoolClient, envelopes: string, hashes: readonly string[]): Promise<Appended> {
  if (hashes.length === 0) return { count: 0, firstPosition: undefined, lastPosition: undefined };
  const { rows } = await client.query<{ count: number; first_position: string | null; last_position: string | null }>({ ...INSERT_EVENTS, values: [envelopes, hashes] });
  const row = rows[0]!;
  return { count: row.count, firstPosition: row.first_position ?? undefined, lastPosition: row.last_position ?? undefined };
}

/** Whether the positions appended follow each other without a gap (one statement under the lock: always, unless someone else takes positions). */
export function isRun(appended: Appended): boolean {
  if (appended.count === 0 || appended.firstPosition === undefined || appended.lastPosition === undefined) return false;
  return BigInt(appended.lastPosition) - BigInt(appended.firstPosition) + 1n === BigInt(appended.count);
}

/** A (source, id) pair and the content hash the log holds for it. */
export interface StoredHash { source: string; event_id: string; content_hash: string }

/**
 * Content hashes of the events of these pairs that were in the log before
 * `before` (the first position this transaction appended; undefined: all):
 * writers hold the lock, so every earlier row has a smaller position.
 */
export async function readStoredHashes(client: PoolClient, sources: readonly string[], ids: readonly string[], before: string | undefined): Promise<StoredHash[]> {
  const { rows } = await client.query<StoredHash>(
    `SELECT l.source, l.event_id, l.content_hash
       FROM unnest($1::text[], $2::text[]) AS k(source, event_id)
       JOIN hub.event_log l ON l.source = k.source AND l.event_id = k.event_id
      WHERE $3::bigint IS NULL OR l.position < $3::bigint`,
    [sources, ids, before ?? null],
  );
  return rows;
}

/** The log after a position (`$1`), at most `$2` events, in order. */
export const READ_LOG_AFTER = `SELECT e.position::text AS position, e.envelope::text AS envelope FROM hub.event_log e WHERE e.position > $1 ORDER BY e.position LIMIT $2`;

/**
 * Reads the log after `position`: events never change, and positions become
 * visible in increasing order, so what it returns is exactly what follows
 * `position`, on any connection.
 */
export async function readLogAfter(db: LogReader, position: string, limit: number): Promise<LogRow[]> {
  return (await db.query(READ_LOG_AFTER, [position, limit])).rows as LogRow[];
}

/** A pool, a client, or a transaction's pipelined statements. */
export interface LogReader {
  query(text: string, params?: unknown[]): Promise<QueryResult>;
}
