/**
 * The event log's newest events as this process's ingest committed them,
 * kept in memory for the listeners, so that a batch of the log they read is
 * mostly one they need not ask Postgres for.
 *
 * Why: reading the log back (`SELECT … envelope::text … WHERE position > $1`)
 * cost Postgres ≈ 3.3 µs an event at 100,000 events and ≈ 4.6 µs at
 * 1,000,000 (`npm run bench -- ingest`, pg_stat_statements), one of the
 * largest statements after the log insert and the time-entry upsert, and the
 * listeners' thread parsed every row of it. Ingest already holds each
 * envelope's text (the canonical JSON it stored) and learns the positions
 * Postgres gave them, so it hands them over once committed.
 *
 * The log stays the truth: {@link LogTail.after} answers only with events
 * whose positions follow the asked one without a gap, which are then exactly
 * the log's rows at those positions (ingest writes each group under the
 * log's lock in one statement, and hands over only a group whose every event
 * was inserted, at consecutive positions). Whatever it does not hold (events
 * another process wrote, a group with duplicates, events older than what it
 * keeps, anything before the listeners' thread started) is read from the log
 * as before.
 */

import type { CommittedEvents, LogRow } from './eventLog';

interface Segment {
  readonly first: number;
  readonly envelopes: readonly string[];
}

/** Events kept by default: ≈ 5 s of ingest at 20,000 events/s, ≈ 40 MB of envelopes of the simulated firm. */
export const DEFAULT_TAIL_EVENTS = 100_000;

export class LogTail {
  private readonly segments: Segment[] = [];
  private held = 0;
  /** Events answered from memory, and reads it could not answer (the log was read instead). */
  served = 0;
  missed = 0;
  private added: (() => void) | undefined;

  constructor(private readonly maxEvents: number = DEFAULT_TAIL_EVENTS) {}

  /** Events held now. */
  get size(): number {
    return this.held;
  }

  /** Keeps a committed batch; the oldest batches go when more than the bound is held. */
  add(batch: CommittedEvents): void {
    const first = Number(batch.firstPosition);
    if (!Number.isSafeInteger(first) || first < 1 || batch.envelopes.length === 0) return;
    this.segments.push({ first, envelopes: batch.envelopes });
    this.held += batch.envelopes.length;
    while (this.held > this.maxEvents) this.dropOldest();
    this.added?.();
  }

  /** `listener` is called after each batch kept (the listener runner wakes on it). */
  onAdded(listener: () => void): void {
    this.added = listener;
  }

  /**
   * Up to `limit` events right after `position`, when the tail holds the
   * event at `position + 1`: the run of consecutive positions from there.
   * Undefined when it does not (read the log). Batches at or before `position`
   * are forgotten: the caller has what it asked for up to there.
   */
  after(position: string, limit: number): LogRow[] | undefined {
    const wanted = Number(position) + 1;
    while (this.segments.length > 0 && this.lastOf(this.segments[0]!) < wanted) this.dropOldest();
    const rows: LogRow[] = [];
    let next = wanted;
    for (const segment of this.segments) {
      if (rows.length >= limit || next < segment.first || next > this.lastOf(segment)) break;
      for (let i = next - segment.first; i < segment.envelopes.length && rows.length < limit; i++, next++) {
        rows.push({ position: String(next), envelope: segment.envelopes[i]! });
      }
    }
    if (rows.length === 0) {
      this.missed++;
      return undefined;
    }
    this.served += rows.length;
    return rows;
  }

  private dropOldest(): void {
    this.held -= this.segments.shift()!.envelopes.length;
  }

  private lastOf(segment: Segment): number {
    return segment.first + segment.envelopes.length - 1;
  }
}
