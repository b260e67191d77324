import { mayUseSource, OPEN_PRINCIPAL, type Principal } from '../access/principal';
import { canonicalJson, hashOfCanonical } from '../events/canonical';
import { parseExact } from '../events/jsonNumbers';
import { measureExactNumbers, toStorable } from '../events/storable';
import { MAX_ERRORS_PER_EVENT, validateEvent, type ValidationError } from '../events/validate';
import { MAX_ID_BYTES } from '../events/values';
import type { EventResult, IngestResult } from './outcome';

/**
 * The part of ingest that needs no database: validation, content hashes and
 * the grouping of events that share a (source, id) within one request. It runs
 * before the write transaction, so the event log's lock is held only for the
 * writes themselves. Its result is plain data (strings, numbers, plain
 * objects), so it could be handed between threads without losing anything.
 */

export interface InvalidEvent {
  readonly kind: 'invalid';
  /** `invalid`: it fails the schema; `forbidden`: its `source` is not one the sender's token may send (FORBIDDEN_SOURCE). */
  readonly reason: 'invalid' | 'forbidden';
  readonly source: string | null;
  readonly id: string | null;
  readonly errors: readonly ValidationError[];
  /** The event as received, made storable (see events/storable.ts), for hub.rejected_event. */
  readonly body: unknown;
}

export interface ValidEvent {
  readonly kind: 'valid';
  /** `source` and `id` joined by U+0000, which a valid id cannot contain. */
  readonly key: string;
  readonly source: string;
  readonly id: string;
  /** The event as received, as canonical JSON (events/canonical.ts): what is hashed, what the event log is sent, and a conflict's body. */
  readonly canonical: string;
  readonly hash: string;
  /** True for the first valid occurrence of its (source, id) in the request: the one offered to the log. */
  readonly first: boolean;
}

export type PreparedEvent = InvalidEvent | ValidEvent;

export function pairKey(source: string, id: string): string {
  return `${source}\u0000${id}`;
}

function stringField(raw: unknown, field: string): string | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const value = (raw as Record<string, unknown>)[field];
  return typeof value === 'string' ? value : null;
}

/** The error code of an event whose `source` the sender's token may not send. */
export const FORBIDDEN_SOURCE = 'FORBIDDEN_SOURCE';

/**
 * The largest event accepted, as JSON (its canonical text: unknown fields
 * included, exact numbers written out in full). The catalogue's events are
 * well under 4 KiB; a sender's own fields may add to that, but not without
 * bound: every event is kept in the log, read by the listeners and copied
 * into the rejected events' record.
 */
export const MAX_EVENT_BYTES = 64 * 1024;

/**
 * Validates and hashes every event of a request, in order. An event whose
 * `source` is outside the `sources` of the sender's principal is rejected
 * alone, before validation, with FORBIDDEN_SOURCE.
 *
 * `raws` are the events as JSON.parse reads them, which validation reads:
 * typed fields are checked on those doubles. `exact`, when given, are the
 * same events with the numbers a double would change kept exactly
 * (events/jsonNumbers.ts): those are hashed, logged and kept.
 */
export function prepareEvents(raws: readonly unknown[], sender: Principal = OPEN_PRINCIPAL, exact?: readonly unknown[]): PreparedEvent[] {
  const seen = new Set<string>();
  return raws.map((raw, index): PreparedEvent => {
    const received = exact === undefined ? raw : exact[index];
    const claimed = sender.sources === null ? null : stringField(raw, 'source');
    if (claimed !== null && !mayUseSource(sender, claimed)) {
      return { kind: 'invalid', reason: 'forbidden', source: claimed, id: stringField(raw, 'id'), errors: [forbiddenSource(sender, claimed)], body: rejectedCopy(received) };
    }
    const result = validateEvent(raw);
    const numbers = received === raw ? undefined : measureExactNumbers(received);
    if (!result.ok || (numbers !== undefined && numbers.errors.length > 0)) {
      const errors = [...(result.ok ? [] : result.errors), ...(numbers?.errors ?? [])].slice(0, MAX_ERRORS_PER_EVENT);
      return { kind: 'invalid', reason: 'invalid', source: stringField(raw, 'source'), id: stringField(raw, 'id'), errors, body: rejectedCopy(received) };
    }
    const { source, id } = result.event;
    const key = pairKey(source, id);
    const first = !seen.has(key);
    // Exact numbers are written out in full: ones that alone pass the limit are not written out at all.
    if (numbers !== undefined && numbers.writtenOut > MAX_EVENT_BYTES) {
      return { kind: 'invalid', reason: 'invalid', source, id, errors: [oversize(numbers.writtenOut, 'more than ')], body: summaryOf(received, numbers.writtenOut) };
    }
    const canonical = canonicalJson(received);
    // Characters first: a string of n UTF-16 units has at most 3n bytes, so most events need no byte count.
    const bytes = canonical.length * 3 <= MAX_EVENT_BYTES ? canonical.length : Buffer.byteLength(canonical);
    if (bytes > MAX_EVENT_BYTES) {
      return {
        kind: 'invalid', reason: 'invalid', source, id, errors: [oversize(bytes)],
        body: summaryOf(received, bytes),
      };
    }
    seen.add(key);
    return { kind: 'valid', key, source, id, canonical, hash: hashOfCanonical(canonical), first };
  });
}

/**
 * The copy of a rejected event that is kept: the event as received (exact
 * numbers included), or a summary of one over MAX_EVENT_BYTES.
 */
function rejectedCopy(raw: unknown): unknown {
  const body = toStorable(raw);
  const numbers = measureExactNumbers(body).writtenOut;
  if (numbers > MAX_EVENT_BYTES) return summaryOf(body, numbers);
  const text = canonicalJson(body);
  if (text.length * 3 <= MAX_EVENT_BYTES) return body;
  const bytes = Buffer.byteLength(text);
  return bytes <= MAX_EVENT_BYTES ? body : summaryOf(body, bytes);
}

/** Not the whole event: what it was (its envelope's ids, when they are short text) and how large. */
function summaryOf(raw: unknown, bytes: number): Record<string, unknown> {
  const summary: Record<string, unknown> = { oversize: true, bytes };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return summary;
  for (const field of ['specversion', 'id', 'source', 'type', 'subject', 'time']) {
    const value = (raw as Record<string, unknown>)[field];
    if (typeof value === 'string' && value.length <= 1000) summary[field] = value;
  }
  return summary;
}

function oversize(bytes: number, atLeast = ''): ValidationError {
  return { path: '', message: `expected an event of at most ${MAX_EVENT_BYTES} bytes of JSON (unknown fields included), got ${atLeast}${bytes} bytes` };
}

function forbiddenSource(sender: Principal, source: string): ValidationError {
  return {
    path: 'source', code: FORBIDDEN_SOURCE,
    message: `expected a source starting with ${sender.sources!.map((prefix) => JSON.stringify(prefix)).join(' or ')} (the token's sources), got ${JSON.stringify(source)}`,
  };
}

/** What the event log said about the first occurrences offered to it. */
export interface LogAnswer {
  /** Keys of the events this request inserted. */
  readonly inserted: ReadonlySet<string>;
  /** Content hash of the events that were in the log before this request, by key. */
  readonly existing: ReadonlyMap<string, string>;
}

export interface Rejection {
  readonly source: string | null;
  readonly eventId: string | null;
  readonly reason: 'invalid' | 'forbidden' | 'conflict';
  readonly errors: readonly ValidationError[];
  /** The event as received, made storable (see events/storable.ts). */
  readonly body: unknown;
}

/**
 * Decides each event's status once the log has answered. The reference
 * content of a (source, id) is the event already in the log, or else the
 * first occurrence in this request (which this request inserted); every other
 * occurrence with the same hash is a duplicate, with another hash a conflict.
 */
export function resolveOutcome(prepared: readonly PreparedEvent[], log: LogAnswer): { result: IngestResult; rejections: Rejection[] } {
  const reference = new Map<string, { hash: string; earlierInRequest: boolean }>();
  for (const item of prepared) {
    if (item.kind !== 'valid' || !item.first) continue;
    const stored = log.existing.get(item.key);
    if (stored !== undefined) reference.set(item.key, { hash: stored, earlierInRequest: false });
    else if (log.inserted.has(item.key)) reference.set(item.key, { hash: item.hash, earlierInRequest: true });
    else throw new Error(`event log answered neither inserted nor existing for ${JSON.stringify(item.key.split('\u0000'))}`);
  }

  let accepted = 0;
  let duplicates = 0;
  const rejections: Rejection[] = [];
  const results = prepared.map((item): EventResult => {
    if (item.kind === 'invalid') {
      rejections.push({ source: storableId(item.source), eventId: storableId(item.id), reason: item.reason, errors: item.errors, body: item.body });
      return { source: item.source, id: item.id, status: 'rejected', errors: item.errors };
    }
    const { source, id } = item;
    const ref = reference.get(item.key)!;
    if (item.first && ref.earlierInRequest) {
      accepted++;
      return { source, id, status: 'accepted' };
    }
    if (item.hash === ref.hash) {
      duplicates++;
      return { source, id, status: 'duplicate' };
    }
    const errors: ValidationError[] = [{ path: '', message: conflictMessage(ref.earlierInRequest) }];
    // Canonical JSON is JSON of the event as received: parsed with its numbers exact, it is that event.
    rejections.push({ source, eventId: id, reason: 'conflict', errors, body: parseExact(item.canonical) });
    return { source, id, status: 'rejected', errors };
  });
  return { result: { accepted, duplicates, rejected: rejections.length, results }, rejections };
}

function conflictMessage(earlierInRequest: boolean): string {
  const where = earlierInRequest ? 'accepted earlier in this request' : 'already accepted';
  return `expected the same content as the event ${where} with this source and id, got different content: a conflict (kept for review; an id cannot be reused for other content)`;
}

/** Ids go to indexed text columns of hub.rejected_event: only when Postgres can store and index them. */
function storableId(value: string | null): string | null {
  if (value === null) return null;
  const text = toStorable(value) as string;
  return Buffer.byteLength(text, 'utf8') <= MAX_ID_BYTES ? text : null;
}
