import type { Pool, PoolClient } from 'pg';
import type { IngestResult } from './outcome';
import { pairKey, resolveOutcome, type PreparedEvent, type Rejection, type ValidEvent } from './prepare';

/**
 * Writes one request's events to the hub's tables in ONE transaction:
 * new events into hub.event_log, rejected ones (invalid or conflicting) into
 * hub.rejected_event, and the counters 'received', 'duplicates', 'rejected'.
 * The caller answers only after this resolves: accepted means committed.
 */

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

/** Channel notified (payload: the last position written) after a request accepted events. */
export const EVENTS_CHANNEL = 'servicegraph_events';

/** Validated, hashed events in; the committed outcome out. Throws (and writes nothing) when the database fails. */
export async function storeEvents(pool: Pool, prepared: readonly PreparedEvent[]): Promise<IngestResult> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    // One round trip (the key is a numeric constant of this module). Accepted
    // means durable: should the session or database run with
    // synchronous_commit = off, this transaction still waits for its WAL flush.
    await client.query(
      `BEGIN;
       SELECT set_config('synchronous_commit', 'on', true) WHERE current_setting('synchronous_commit') = 'off';
       SELECT pg_advisory_xact_lock(${EVENT_LOG_WRITE_LOCK_KEY})`,
    );
    try {
      const offered = prepared.filter((item): item is ValidEvent => item.kind === 'valid' && item.first);
      const { inserted, lastPosition } = await insertEvents(client, offered);
      const existing = await readExistingHashes(client, offered.filter((item) => !inserted.has(item.key)));
      const { result, rejections } = resolveOutcome(prepared, { inserted, existing });
      await insertRejections(client, rejections);
      await addToCounters(client, result);
      if (lastPosition !== undefined) {
        // Delivered only on commit; listeners wake at once instead of at their next poll.
        await client.query('SELECT pg_notify($1, $2)', [EVENTS_CHANNEL, lastPosition]);
      }
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
      throw error;
    }
  } catch (error) {
    broken ??= error as Error;
    throw error;
  } finally {
    // A connection whose transaction failed is discarded, not reused.
    client.release(broken);
  }
}

/**
 * One statement for all events: the rows travel as one JSON array (one
 * parameter, parsed once by Postgres; the envelope is taken out as jsonb
 * without being printed and parsed again), and `ON CONFLICT DO NOTHING` skips
 * pairs already in the log. Positions follow request order. Returns the keys
 * inserted and the last position written.
 */
async function insertEvents(client: PoolClient, events: readonly ValidEvent[]): Promise<{ inserted: Set<string>; lastPosition: string | undefined }> {
  const inserted = new Set<string>();
  if (events.length === 0) return { inserted, lastPosition: undefined };
  const rows = events.map((item) => ({
    source: item.event.source,
    id: item.event.id,
    type: item.event.type,
    subject: item.event.subject,
    sequence: item.event.sequence ?? null,
    time: item.event.time,
    hash: item.hash,
    envelope: item.raw,
  }));
  const { rows: written } = await client.query<{ position: string; source: string; event_id: string }>(
    `INSERT INTO hub.event_log (source, event_id, type, subject, sequence, event_time, content_hash, envelope)
     SELECT r->>'source', r->>'id', r->>'type', r->>'subject', (r->>'sequence')::bigint, (r->>'time')::timestamptz, r->>'hash', r->'envelope'
       FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS x(r, ord)
      ORDER BY x.ord
     ON CONFLICT (source, event_id) DO NOTHING
     RETURNING position::text AS position, source, event_id`,
    [JSON.stringify(rows)],
  );
  let lastPosition: string | undefined;
  for (const row of written) {
    inserted.add(pairKey(row.source, row.event_id));
    if (lastPosition === undefined || BigInt(row.position) > BigInt(lastPosition)) lastPosition = row.position;
  }
  return { inserted, lastPosition };
}

/** Content hashes of the events of these pairs that were in the log before this request. */
async function readExistingHashes(client: PoolClient, events: readonly ValidEvent[]): Promise<Map<string, string>> {
  const existing = new Map<string, string>();
  if (events.length === 0) return existing;
  const { rows } = await client.query<{ source: string; event_id: string; content_hash: string }>(
    `SELECT l.source, l.event_id, l.content_hash
       FROM unnest($1::text[], $2::text[]) AS k(source, event_id)
       JOIN hub.event_log l ON l.source = k.source AND l.event_id = k.event_id`,
    [events.map((item) => item.event.source), events.map((item) => item.event.id)],
  );
  for (const row of rows) existing.set(pairKey(row.source, row.event_id), row.content_hash);
  return existing;
}

async function insertRejections(client: PoolClient, rejections: readonly Rejection[]): Promise<void> {
  if (rejections.length === 0) return;
  const rows = rejections.map((r, ord) => ({ ord, source: r.source, event_id: r.eventId, reason: r.reason, errors: r.errors, body: r.body }));
  await client.query(
    `INSERT INTO hub.rejected_event (source, event_id, reason, errors, body)
     SELECT r.source, r.event_id, r.reason, r.errors, r.body
       FROM jsonb_to_recordset($1::jsonb) AS r(ord int, source text, event_id text, reason text, errors jsonb, body jsonb)
      ORDER BY r.ord`,
    [JSON.stringify(rows)],
  );
}

async function addToCounters(client: PoolClient, result: IngestResult): Promise<void> {
  await client.query(
    `UPDATE hub.counter c SET value = c.value + d.delta
       FROM (VALUES ('received', $1::bigint), ('duplicates', $2::bigint), ('rejected', $3::bigint)) AS d(name, delta)
      WHERE c.name = d.name AND d.delta <> 0`,
    [result.accepted, result.duplicates, result.rejected],
  );
}
