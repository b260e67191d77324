import type { Pool, PoolClient } from 'pg';
import type { IngestResult } from './outcome';
import { pairKey, resolveOutcome, type LogAnswer, type PreparedEvent, type Rejection, type ValidEvent } from './prepare';

/**
 * Writes the events of one or more requests to the hub's tables in ONE
 * transaction (a group commit, see ingest/groupCommit.ts): new events into
 * hub.event_log, rejected ones (invalid or conflicting) into
 * hub.rejected_event, and the counters 'received', 'duplicates', 'rejected'.
 * Each request is answered exactly as if the requests had been stored one
 * after the other in the order given. The caller answers only after this
 * resolves: accepted means committed.
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

/** Channel notified (payload: the last position written) after a transaction accepted events. */
export const EVENTS_CHANNEL = 'servicegraph_events';

/**
 * Events one transaction inserted at consecutive positions, handed over once
 * committed to the listeners of this process (listeners/logTail.ts).
 */
export interface CommittedEvents {
  /** The position of `envelopes[0]`; the others follow it one by one. */
  readonly firstPosition: string;
  /** Each event's envelope as stored: the canonical JSON sent to the log. */
  readonly envelopes: readonly string[];
}

/** Validated, hashed events of one request in; the committed outcome out. Throws (and writes nothing) when the database fails. */
export async function storeEvents(pool: Pool, prepared: readonly PreparedEvent[]): Promise<IngestResult> {
  return (await storeEventGroup(pool, [prepared]))[0]!;
}

/**
 * The prepared events of several requests in arrival order; one outcome per
 * request, in the same order. Throws (and writes nothing of any of them)
 * when the database fails. `onCommitted` hears, after the COMMIT, of the
 * events inserted when they were all that was offered (no duplicate, no
 * conflict) and so sit at consecutive positions: the listeners of this
 * process take them from memory (listeners/logTail.ts).
 */
export async function storeEventGroup(pool: Pool, requests: readonly (readonly PreparedEvent[])[],
  onCommitted?: (events: CommittedEvents) => void): Promise<IngestResult[]> {
  // Everything that needs no database is done before the lock is taken.
  const offered = offeredToLog(requests);
  // The canonical JSON prepared for hashing is the envelope's JSON too: not printed a second time.
  const envelopes = `[${offered.events.map((item) => item.canonical).join(',')}]`;
  const hashes = offered.events.map((item) => item.hash);
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
      const written = await insertEvents(client, envelopes, hashes);
      const existing = written.count < offered.events.length ? await readExistingHashes(client, offered.events, written.firstPosition) : new Map<string, string>();
      if (written.count + existing.size !== offered.events.length) {
        throw new Error(`event log answered ${written.count} inserted and ${existing.size} existing for ${offered.events.length} events offered`);
      }
      const outcomes = requests.map((prepared, request) => resolveOutcome(prepared, logAnswerFor(request, prepared, offered, existing)));
      await insertRejections(client, outcomes.flatMap((outcome) => outcome.rejections));
      const results = outcomes.map((outcome) => outcome.result);
      await client.query(countAndCommit(results, written.lastPosition));
      if (onCommitted && written.count === offered.events.length && isRun(written)) {
        onCommitted({ firstPosition: written.firstPosition!, envelopes: offered.events.map((item) => item.canonical) });
      }
      return results;
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

interface Offered {
  /** The first valid occurrence of each (source, id) in the group, in arrival order: what is offered to the log. */
  readonly events: readonly ValidEvent[];
  /** For each offered pair, the index of the request that offered it (the earliest that has it). */
  readonly requestOf: ReadonlyMap<string, number>;
  /** The content hash offered for each pair. */
  readonly hashOf: ReadonlyMap<string, string>;
}

function offeredToLog(requests: readonly (readonly PreparedEvent[])[]): Offered {
  const events: ValidEvent[] = [];
  const requestOf = new Map<string, number>();
  const hashOf = new Map<string, string>();
  requests.forEach((prepared, request) => {
    for (const item of prepared) {
      if (item.kind !== 'valid' || !item.first || requestOf.has(item.key)) continue;
      events.push(item);
      requestOf.set(item.key, request);
      hashOf.set(item.key, item.hash);
    }
  });
  return { events, requestOf, hashOf };
}

/**
 * What the log says to one request of the group, as it would have said had
 * the earlier requests committed before it: a pair inserted by an earlier
 * request of the group is already in the log (with that request's content);
 * a pair this request offered first and the log did not have is inserted.
 */
function logAnswerFor(request: number, prepared: readonly PreparedEvent[], offered: Offered, existingBefore: ReadonlyMap<string, string>): LogAnswer {
  const inserted = new Set<string>();
  const existing = new Map<string, string>();
  for (const item of prepared) {
    if (item.kind !== 'valid' || !item.first) continue;
    const stored = existingBefore.get(item.key);
    if (stored !== undefined) existing.set(item.key, stored);
    else if (offered.requestOf.get(item.key) === request) inserted.add(item.key);
    else existing.set(item.key, offered.hashOf.get(item.key)!);
  }
  return { inserted, existing };
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

interface Written {
  readonly count: number;
  /** Positions of the first and last event inserted; undefined when none was. */
  readonly firstPosition: string | undefined;
  readonly lastPosition: string | undefined;
}

async function insertEvents(client: PoolClient, envelopes: string, hashes: readonly string[]): Promise<Written> {
  if (hashes.length === 0) return { count: 0, firstPosition: undefined, lastPosition: undefined };
  const { rows } = await client.query<{ count: number; first_position: string | null; last_position: string | null }>({ ...INSERT_EVENTS, values: [envelopes, hashes] });
  const row = rows[0]!;
  return { count: row.count, firstPosition: row.first_position ?? undefined, lastPosition: row.last_position ?? undefined };
}

/** Whether the positions inserted follow each other without a gap (one statement under the lock: always, unless someone else takes positions). */
function isRun(written: Written): boolean {
  if (written.count === 0 || written.firstPosition === undefined || written.lastPosition === undefined) return false;
  return BigInt(written.lastPosition) - BigInt(written.firstPosition) + 1n === BigInt(written.count);
}

/**
 * Content hashes of the events of these pairs that were in the log before
 * this transaction: those below the first position it inserted (writers hold the
 * lock, so every earlier row has a smaller position).
 */
async function readExistingHashes(client: PoolClient, events: readonly ValidEvent[], firstInserted: string | undefined): Promise<Map<string, string>> {
  const existing = new Map<string, string>();
  const { rows } = await client.query<{ source: string; event_id: string; content_hash: string }>(
    `SELECT l.source, l.event_id, l.content_hash
       FROM unnest($1::text[], $2::text[]) AS k(source, event_id)
       JOIN hub.event_log l ON l.source = k.source AND l.event_id = k.event_id
      WHERE $3::bigint IS NULL OR l.position < $3::bigint`,
    [events.map((item) => item.source), events.map((item) => item.id), firstInserted ?? null],
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

/**
 * The counters 'received', 'duplicates', 'rejected', the notification and the
 * COMMIT in one round trip, so the lock is held for one fewer wait. The
 * values are numbers this module computed (and a position Postgres gave it),
 * written as literals: a simple query with several statements takes no
 * parameters. The notification (the last position written, if anything was
 * accepted) is delivered only on commit; listeners wake at once instead of at
 * their next poll.
 */
function countAndCommit(results: readonly IngestResult[], lastPosition: string | undefined): string {
  const total = (count: (result: IngestResult) => number) => results.reduce((sum, result) => sum + count(result), 0);
  const deltas = [['received', total((r) => r.accepted)], ['duplicates', total((r) => r.duplicates)], ['rejected', total((r) => r.rejected)]] as const;
  const changed = deltas.filter(([, delta]) => delta !== 0).map(([name, delta]) => `('${name}', ${integer(delta)})`);
  const statements: string[] = [];
  if (changed.length > 0) {
    statements.push(`UPDATE hub.counter c SET value = c.value + d.delta FROM (VALUES ${changed.join(', ')}) AS d(name, delta) WHERE c.name = d.name`);
  }
  if (lastPosition !== undefined) statements.push(`SELECT pg_notify('${EVENTS_CHANNEL}', '${integer(lastPosition)}')`);
  statements.push('COMMIT');
  return statements.join(';\n');
}

/** The text of a non-negative integer; anything else would be a bug here, not something to write into SQL. */
function integer(value: number | string): string {
  const text = String(value);
  if (!/^\d+$/.test(text)) throw new Error(`expected a non-negative integer, got ${JSON.stringify(value)}`);
  return text;
}
