import type { Pool, PoolClient } from 'pg';
import { EVENTS_CHANNEL } from '../hub/channels';
import { appendToLog, isRun, readStoredHashes, withLogWriteTransaction, type CommittedEvents } from '../hub/eventLog';
import { canonicalJson, hashOfCanonical } from '../events/canonical';
import { addToCounters, integerLiteral } from '../hub/status';
import type { IngestResult } from './outcome';
import { pairKey, resolveOutcome, type LogAnswer, type PreparedEvent, type Rejection, type ValidEvent } from './prepare';

/**
 * Writes the events of one or more requests to the hub's tables in ONE
 * transaction (a group commit, see ingest/groupCommit.ts): new events appended
 * to hub.event_log (hub/eventLog.ts), rejected ones (invalid or conflicting) into
 * hub.rejected_event, and the counters 'received', 'duplicates', 'rejected'.
 * Each request is answered exactly as if the requests had been stored one
 * after the other in the order given. The caller answers only after this
 * resolves: accepted means committed.
 */

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
 * process take them from memory (hub/logTail.ts).
 */
export async function storeEventGroup(pool: Pool, requests: readonly (readonly PreparedEvent[])[],
  onCommitted?: (events: CommittedEvents) => void): Promise<IngestResult[]> {
  // Everything that needs no database is done before the lock is taken.
  const offered = offeredToLog(requests);
  // The canonical JSON prepared for hashing is the envelope's JSON too: not printed a second time.
  const envelopes = `[${offered.events.map((item) => item.canonical).join(',')}]`;
  const hashes = offered.events.map((item) => item.hash);
  return withLogWriteTransaction(pool, async (client) => {
    const written = await appendToLog(client, envelopes, hashes);
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
  });
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

/** Content hashes of the offered pairs that were in the log before this transaction appended `firstInserted`. */
async function readExistingHashes(client: PoolClient, events: readonly ValidEvent[], firstInserted: string | undefined): Promise<Map<string, string>> {
  const existing = new Map<string, string>();
  const rows = await readStoredHashes(client, events.map((item) => item.source), events.map((item) => item.id), firstInserted);
  for (const row of rows) existing.set(pairKey(row.source, row.event_id), row.content_hash);
  return existing;
}

/**
 * Keeps each rejection once: an identical one (same fingerprint) already kept,
 * or repeated within the request, only counts (`times`). A junk batch sent
 * again and again adds nothing but counts.
 */
async function insertRejections(client: PoolClient, rejections: readonly Rejection[]): Promise<void> {
  if (rejections.length === 0) return;
  const byFingerprint = new Map<string, { ord: number; source: string | null; event_id: string | null; reason: string; errors: unknown; body: unknown; fingerprint: string; times: number }>();
  rejections.forEach((r, ord) => {
    const fingerprint = hashOfCanonical(canonicalJson([r.reason, r.source, r.eventId, r.errors, r.body ?? null]));
    const kept = byFingerprint.get(fingerprint);
    if (kept) kept.times++;
    else byFingerprint.set(fingerprint, { ord, source: r.source, event_id: r.eventId, reason: r.reason, errors: r.errors, body: r.body, fingerprint, times: 1 });
  });
  await client.query(
    `INSERT INTO hub.rejected_event (source, event_id, reason, errors, body, fingerprint, times)
     SELECT r.source, r.event_id, r.reason, r.errors, r.body, r.fingerprint, r.times
       FROM jsonb_to_recordset($1::jsonb) AS r(ord int, source text, event_id text, reason text, errors jsonb, body jsonb, fingerprint text, times int)
      ORDER BY r.ord
     ON CONFLICT (fingerprint) DO UPDATE
       SET times = hub.rejected_event.times + EXCLUDED.times, last_received_at = now()`,
    // Canonical JSON rather than JSON.stringify: a body's exact numbers (events/jsonNumbers.ts) are written with every digit.
    [canonicalJson([...byFingerprint.values()])],
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
  const statements: string[] = [];
  const counted = addToCounters([['received', total((r) => r.accepted)], ['duplicates', total((r) => r.duplicates)], ['rejected', total((r) => r.rejected)]]);
  if (counted !== undefined) statements.push(counted);
  if (lastPosition !== undefined) statements.push(`SELECT pg_notify('${EVENTS_CHANNEL}', '${integerLiteral(lastPosition)}')`);
  statements.push('COMMIT');
  return statements.join(';\n');
}
