/**
 * Everything a batch decided besides read-model rows: parked events (new,
 * re-parked and released), exceptions, counters and change-feed entries. All
 * of it is written in the batch's transaction, with the rows and the checkpoint.
 */
import type { BusinessEvent } from '../events/types';
import { ADD_TO_LISTENER_COUNTERS } from '../hub/status';
import type { HubExceptionDismissed } from '../events/operatorEvents';
import { MAX_LINKS } from '../observability/tracing';
import type { Key } from './keys';
import type { ParkedKeys } from './parkedKeys';
import { RunningTotals } from './runningTotals';
import type { Queryable } from './statements';

export interface LoggedEvent {
  position: string;
  event: BusinessEvent;
}

export interface Change {
  eventPosition: string;
  entityKind: 'invoice' | 'project';
  entityId: string;
  eventType: string;
  eventId: string;
  eventSource: string;
}

type ParkState =
  | { state: 'parked'; entry: LoggedEvent; waitingFor: Key; reason: string }
  | { state: 'released'; entry: LoggedEvent };

export class BatchOutcome {
  applied = 0;
  exceptions = 0;
  stale = 0;
  /** How the batch's facts move project figures and account balances. */
  readonly totals = new RunningTotals();
  /** Keys written or sequence steps applied since the last release round (only while {@link releasesMatter}). */
  released = new Set<Key>();
  /** Whether an event of this batch has parked (it stays true: a conservative answer). */
  private parkedAny = false;
  private readonly parking = new Map<string, ParkState>();
  /** Positions that had a parked row before this batch started, with the key it waited on. */
  private readonly parkedInDatabase = new Map<string, Key>();
  private readonly exceptionRows: { position: string; code: string; message: string }[] = [];
  private readonly changes = new Map<string, Change>();
  /** The CloudEvents `traceparent` of the batch's events (while tracing, up to MAX_LINKS): the batch's span links to them. */
  readonly traceparents: string[] = [];
  /** Hub exceptions dismissed by this batch's operator events, by exception id: the first dismissal stands. */
  private readonly dismissals = new Map<string, HubExceptionDismissed>();

  constructor(private readonly stored: ParkedKeys) {}

  /**
   * Whether a key released now could release an event: some event waits, in
   * this batch or in the table. A key released while none waits releases
   * nothing (an event parking later finds the row, or the sequence step, there).
   */
  get releasesMatter(): boolean {
    return this.parkedAny || !this.stored.empty;
  }

  park(entry: LoggedEvent, waitingFor: Key, reason: string): void {
    this.parkedAny = true;
    this.parking.set(entry.position, { state: 'parked', entry, waitingFor, reason });
  }

  exception(entry: LoggedEvent, code: string, message: string): void {
    this.exceptions++;
    this.exceptionRows.push({ position: entry.position, code, message });
  }

  /**
   * An operator dismissed a hub exception: applied (it changes no read-model
   * row). The first dismissal of an exception stands, here and across batches
   * (the write only touches one not yet dismissed), so live and rebuild agree.
   */
  dismiss(event: HubExceptionDismissed): void {
    this.applied++;
    if (!this.dismissals.has(event.data.exceptionId)) this.dismissals.set(event.data.exceptionId, event);
  }

  /** Remembers an event's trace, for the batch's span. */
  traced(traceparent: unknown): void {
    if (typeof traceparent === 'string' && this.traceparents.length < MAX_LINKS) this.traceparents.push(traceparent);
  }

  change(change: Change): void {
    this.changes.set(`${change.eventPosition}/${change.entityKind}/${change.entityId}`, change);
  }

  /** Whether this batch has already decided the event at `position`. */
  knows(position: string): boolean {
    return this.parking.has(position);
  }

  /** Takes out the events of this batch parked on one of `keys`, to try them again. */
  releaseFromBatch(keys: ReadonlySet<Key>): LoggedEvent[] {
    const out: LoggedEvent[] = [];
    for (const [position, state] of this.parking) {
      if (state.state === 'parked' && keys.has(state.waitingFor)) {
        this.parking.set(position, { state: 'released', entry: state.entry });
        out.push(state.entry);
      }
    }
    return out;
  }

  /** Records an event parked by an earlier batch, now taken out to be tried again. */
  releaseFromDatabase(entry: LoggedEvent, waitingFor: Key): void {
    this.parkedInDatabase.set(entry.position, waitingFor);
    this.parking.set(entry.position, { state: 'released', entry });
  }

  /** Moves `keys` from the parked table as it was before this batch to the table as this batch leaves it. */
  updateParkedKeys(keys: ParkedKeys): void {
    for (const waitingFor of this.parkedInDatabase.values()) keys.remove(waitingFor);
    for (const state of this.parking.values()) if (state.state === 'parked') keys.add(state.waitingFor);
  }

  get changeCount(): number {
    return this.changes.size;
  }

  /** Sends every write without waiting for each; the caller waits once for all of them. */
  flush(client: Queryable): Promise<unknown> {
    const statements: Promise<unknown>[] = [];
    const parked = [...this.parking.values()].filter((s) => s.state === 'parked');
    const releasedStored = [...this.parking.values()]
      .filter((s) => s.state === 'released' && this.parkedInDatabase.has(s.entry.position))
      .map((s) => s.entry.position);
    if (releasedStored.length > 0) {
      statements.push(client.query(`DELETE FROM hub.parked_event WHERE position = ANY($1::bigint[])`, [releasedStored]));
    }
    if (parked.length > 0) {
      statements.push(client.query(
        `INSERT INTO hub.parked_event (position, waiting_for, reason)
         SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[])
         ON CONFLICT (position) DO UPDATE SET waiting_for = EXCLUDED.waiting_for, reason = EXCLUDED.reason`,
        [parked.map((p) => p.entry.position), parked.map((p) => p.state === 'parked' ? p.waitingFor : ''),
          parked.map((p) => p.state === 'parked' ? p.reason : '')],
      ));
    }
    if (this.exceptionRows.length > 0) {
      statements.push(client.query(
        `INSERT INTO hub.exception (position, code, message)
         SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[])
         ON CONFLICT (position) DO UPDATE SET code = EXCLUDED.code, message = EXCLUDED.message`,
        [this.exceptionRows.map((e) => e.position), this.exceptionRows.map((e) => e.code), this.exceptionRows.map((e) => e.message)],
      ));
    }
    if (this.dismissals.size > 0) {
      // After the exceptions' INSERT, on the same connection: an exception and its dismissal may share a batch.
      const dismissals = [...this.dismissals.values()];
      statements.push(client.query(
        `UPDATE hub.exception x SET dismissed_at = d.at, dismissed_by = d.by, dismissed_reason = d.reason
         FROM unnest($1::bigint[], $2::timestamptz[], $3::text[], $4::text[]) AS d(position, at, by, reason)
         WHERE x.position = d.position AND x.dismissed_at IS NULL`,
        [dismissals.map((d) => d.data.exceptionId), dismissals.map((d) => d.time), dismissals.map((d) => d.data.dismissedBy), dismissals.map((d) => d.data.reason)],
      ));
    }
    if (this.applied + this.exceptions + this.stale > 0) {
      // `applied` counts exceptions too (docs/api.md#status).
      statements.push(client.query(ADD_TO_LISTENER_COUNTERS,
        [this.applied + this.exceptions, this.exceptions, this.stale],
      ));
    }
    if (this.changes.size > 0) {
      const changes = [...this.changes.values()];
      statements.push(client.query(
        // clock_timestamp(), not the transaction's start: sent with the COMMIT, it is when the change committed (push latency).
        `INSERT INTO hub.change_feed (event_position, entity_kind, entity_id, event_type, event_id, event_source, changed_at)
         SELECT *, clock_timestamp() FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])`,
        [changes.map((c) => c.eventPosition), changes.map((c) => c.entityKind), changes.map((c) => c.entityId),
          changes.map((c) => c.eventType), changes.map((c) => c.eventId), changes.map((c) => c.eventSource)],
      ));
    }
    return Promise.all(statements);
  }
}
