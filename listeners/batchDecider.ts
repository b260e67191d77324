/**
 * Deciding a batch: each event of the log, parsed and validated again, is
 * given to the pure listeners (listeners/evolve.ts) with the rows it reads at
 * hand; what they decide goes into the batch's unit of work (rows), its
 * outcome (parked events, exceptions, counters, changes) and the running
 * totals; events parked on what the batch released are tried again. Nothing
 * here reads the log or commits: the projector (listeners/projector.ts) does.
 */
import type { BusinessEvent } from '../events/types';
import { readOperatorEvent } from '../events/operatorEvents';
import { validateEvent } from '../events/validate';
import type { LogRow } from '../hub/eventLog';
import type { BatchOutcome, LoggedEvent } from './batchOutcome';
import type { Decision, Write } from './decision';
import { evolve } from './evolve';
import { keyOf, rowKey, sequenceKey, type Key } from './keys';
import type { ParkedKeys } from './parkedKeys';
import { prefetchKeys } from './prefetch';
import type { RowCache } from './rowCache';
import type { StreamPositionRow, TableName } from './rows';
import { RunningTotals } from './runningTotals';
import { sequenceStep } from './sequenceStep';
import type { Queryable } from './statements';
import type { UnitOfWork } from './unitOfWork';
import { NeedsLoad } from './view';

const FACT_TABLES: ReadonlySet<TableName> = new Set(['time_entry', 'expense', 'milestone', 'invoice', 'revenue_event']);

/** Events decided between two turns of the event loop, so a commit under way (and ingest beside it) keeps moving. */
const EVENTS_PER_TURN = 256;

export class BatchDecider {
  /**
   * @param cache the projector's rows kept between batches (complete: every row is at hand, nothing to load)
   * @param changeFeed whether to record, per event, the invoices and projects it changed
   */
  constructor(private readonly cache: RowCache, private readonly changeFeed: boolean) {}

  /** Whether the batch being decided is traced (its events' traceparents are collected); set by the projector per batch. */
  tracing = false;

  /** Decides the events of `rows` (one read of the log) into the batch, then the events they released. */
  async decideChunk(statements: Queryable, uow: UnitOfWork, outcome: BatchOutcome, rows: LogRow[], parkedKeys: ParkedKeys) {
    if (this.cache.complete) {
      // Nothing to name ahead (every row is at hand): each event is parsed as it is decided, so
      // its objects are garbage before the next collection of young objects instead of being copied by it.
      await this.processAll(uow, outcome, rows.length, (i) => this.parse(rows[i]!.position, rows[i]!.envelope, outcome));
    } else {
      const valid: LoggedEvent[] = [];
      for (const row of rows) {
        const entry = this.parse(row.position, row.envelope, outcome);
        if (entry) valid.push(entry);
      }
      await uow.load(valid.flatMap((entry) => prefetchKeys(entry.event)));
      await this.processAll(uow, outcome, valid.length, (i) => valid[i]);
    }
    await this.retryReleased(statements, uow, outcome, parkedKeys);
  }

  /** Decides the `count` events `entryAt` gives (undefined: an invalid one, already an exception), in order. */
  private async processAll(uow: UnitOfWork, outcome: BatchOutcome, count: number, entryAt: (i: number) => LoggedEvent | undefined): Promise<void> {
    for (let i = 0; i < count; i++) {
      if (i > 0 && i % EVENTS_PER_TURN === 0) await nextTurn();
      const entry = entryAt(i);
      if (!entry) continue;
      // Mostly every row the event reads is at hand (prefetched, or a complete cache): no promise then.
      let missing = this.process(uow, outcome, entry);
      for (let attempt = 0; missing !== undefined; attempt++) {
        if (attempt > 20) throw new NeedsLoad(missing);
        await uow.load(missing);
        missing = this.process(uow, outcome, entry);
      }
    }
  }

  /**
   * Events in the log passed validation at ingest; one that no longer does
   * (a stricter release of the catalogue) is an exception, never a crash. The
   * envelope arrives as JSON text, whatever the column's type, and is parsed
   * here: cheaper than pg's type parser, and a text that is not JSON is one
   * more invalid stored event.
   */
  private parse(position: string, envelope: string, outcome: BatchOutcome): LoggedEvent | undefined {
    let raw: unknown;
    let problem: string;
    try {
      raw = JSON.parse(envelope);
      if (this.tracing) outcome.traced((raw as { traceparent?: unknown } | null)?.traceparent);
      // What an operator did (events/operatorEvents.ts): recorded beside the read model, never decided by a domain listener.
      const operator = readOperatorEvent(raw);
      if (operator?.ok) {
        outcome.dismiss(operator.event);
        return undefined;
      }
      if (operator) throw new OperatorEventProblem(operator.problem);
      const result = validateEvent(raw, { stored: true });
      if (result.ok) return { position, event: result.event };
      problem = result.errors.map((e) => `${e.path}: ${e.message}`).join('; ');
    } catch (error) {
      problem = error instanceof OperatorEventProblem ? error.message : `the stored envelope is not JSON: ${(error as Error).message}`;
    }
    outcome.exception({ position, event: raw as BusinessEvent }, 'INVALID_STORED_EVENT', problem);
    return undefined;
  }

  /**
   * Decides one event and records what it does, when every row that takes is
   * loaded; otherwise changes nothing and returns the keys to load first (the
   * caller loads them and asks again: the listener is pure, so it decides the same).
   */
  private process(uow: UnitOfWork, outcome: BatchOutcome, entry: LoggedEvent): readonly Key[] | undefined {
    const { event } = entry;
    const sequence = event.sequence;
    let streamKey: Key | undefined;
    if (sequence !== undefined) {
      streamKey = keyOf('stream_position', event.source, event.subject);
      const stream = uow.loadedAt(streamKey) as StreamPositionRow | null | undefined;
      if (stream === undefined) return [streamKey];
      const last = stream ? stream.lastSequence : '0';
      const step = sequenceStep(sequence, last);
      if (step === 'stale') {
        outcome.stale++;
        return undefined;
      }
      if (step === 'ahead') {
        const previous = BigInt(sequence) - 1n;
        outcome.park(entry, sequenceKey(event.source, event.subject, previous),
          `waiting for sequence ${previous} of ${event.subject} from ${event.source} (applied up to ${last})`);
        return undefined;
      }
    }
    // The pure listener, given whatever rows it asks for until it can decide.
    const decision = attemptDecision(uow, event);
    if (decision instanceof NeedsLoad) return decision.keys;
    switch (decision.kind) {
      case 'park':
        outcome.park(entry, decision.waitingFor, decision.reason);
        return undefined;
      case 'exception':
        outcome.exception(entry, decision.code, decision.message);
        break;
      case 'apply': {
        const missing = this.applyWrites(uow, outcome, entry, decision.writes);
        if (missing) return missing;
        outcome.applied++;
        break;
      }
      default: {
        const unhandled: never = decision;
        throw new Error(`unknown decision ${JSON.stringify(unhandled)}`);
      }
    }
    if (sequence !== undefined) {
      uow.putAt(streamKey!, { table: 'stream_position', row: { source: event.source, subject: event.subject, lastSequence: sequence } });
      if (outcome.releasesMatter) outcome.released.add(sequenceKey(event.source, event.subject, sequence));
    }
    return undefined;
  }

  /**
   * Stores the listener's writes and records how they move the running totals;
   * when a fact's version before them is not loaded, stores nothing and returns its key.
   */
  private applyWrites(uow: UnitOfWork, outcome: BatchOutcome, entry: LoggedEvent, writes: Write[]): readonly Key[] | undefined {
    const keys = writes.map((change) => rowKey(change.table, change.row as never));
    const missing = keys.filter((key, i) => FACT_TABLES.has(writes[i]!.table) && uow.loadedAt(key) === undefined);
    if (missing.length > 0) return missing;
    // Per event only to tell which projects it changed, for the change feed.
    const totals = this.changeFeed ? new RunningTotals(outcome.totals.dated) : outcome.totals;
    for (let i = 0; i < writes.length; i++) {
      const change = writes[i]!;
      const key = keys[i]!;
      if (FACT_TABLES.has(change.table)) totals.addFact(change.table, uow.loadedAt(key) ?? undefined, change.row as never);
      uow.putAt(key, change);
      if (outcome.releasesMatter) outcome.released.add(key);
      if (!this.changeFeed) continue;
      const invoiceId = change.table === 'invoice' ? change.row.id
        : change.table === 'invoice_exception' || change.table === 'payment_allocation' ? change.row.invoiceId : undefined;
      if (invoiceId !== undefined) outcome.change(changeOf(entry, 'invoice', invoiceId));
    }
    if (totals === outcome.totals) return undefined;
    for (const projectId of totals.changedProjects()) outcome.change(changeOf(entry, 'project', projectId));
    outcome.totals.merge(totals);
    return undefined;
  }

  /** Tries again the events parked on keys this batch released, until nothing more is released. */
  private async retryReleased(client: Queryable, uow: UnitOfWork, outcome: BatchOutcome, parkedKeys: ParkedKeys): Promise<void> {
    while (outcome.released.size > 0) {
      const keys = outcome.released;
      outcome.released = new Set();
      const retry = outcome.releaseFromBatch(keys);
      const stored = [...keys].filter((key) => parkedKeys.has(key));
      // The batch before this one may have parked events on these keys: they are read once it has committed.
      if (stored.length > 0) await uow.inFlightSettled();
      const { rows } = stored.length === 0 ? { rows: [] } : await client.query(
        `SELECT p.position::text AS position, p.waiting_for, e.envelope::text AS envelope FROM hub.parked_event p JOIN hub.event_log e USING (position)
         WHERE p.waiting_for = ANY($1::text[]) ORDER BY p.position`, [stored]);
      for (const row of rows) {
        if (outcome.knows(row.position)) continue;
        const entry = this.parse(row.position, row.envelope, outcome);
        if (!entry) continue;
        outcome.releaseFromDatabase(entry, row.waiting_for);
        retry.push(entry);
      }
      retry.sort((a, b) => (BigInt(a.position) < BigInt(b.position) ? -1 : 1));
      if (!this.cache.complete) await uow.load(retry.flatMap((entry) => prefetchKeys(entry.event)));
      await this.processAll(uow, outcome, retry.length, (i) => retry[i]);
    }
  }
}

/** An operator event in the log that is not a valid one: an exception like any invalid stored event. */
class OperatorEventProblem extends Error {}

/** The listener's decision, or the rows it needs loaded first. */
function attemptDecision(uow: UnitOfWork, event: BusinessEvent): Decision | NeedsLoad {
  try {
    return evolve(uow, event);
  } catch (error) {
    if (error instanceof NeedsLoad) return error;
    throw error;
  }
}

/** Lets I/O callbacks run (the batch before committing, ingest's requests) before going on. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function changeOf(entry: LoggedEvent, entityKind: 'invoice' | 'project', entityId: string) {
  return {
    eventPosition: entry.position, entityKind, entityId,
    eventType: entry.event.type, eventId: entry.event.id, eventSource: entry.event.source,
  };
}
