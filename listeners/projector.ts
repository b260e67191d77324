/**
 * The listener runtime: reads the event log in commit order, one batch per
 * transaction, and applies it to the read model through the domain listeners.
 *
 * Rows, parked events, exceptions, counters, change feed and checkpoint commit
 * in ONE transaction, so a crash at any instant loses nothing and applies
 * nothing twice. The event log's positions commit in increasing order (ingest
 * writes under an advisory lock), so reading `position > checkpoint` never
 * skips an event committed late.
 */
import type { Pool, PoolClient } from 'pg';
import type { BusinessEvent } from '../events/types';
import { validateEvent } from '../events/validate';
import { readOperatorEvent } from '../events/operatorEvents';
import { activeTracer, linksTo, type Span } from '../observability/tracing';
import { BatchOutcome, type LoggedEvent } from './batchOutcome';
import { InFlightBatch } from './inFlightBatch';
import { RowCache } from './rowCache';
import { RunningTotals } from './runningTotals';
import type { Decision, Write } from './decision';
import { evolve } from './evolve';
import { keyOf, rowKey, sequenceKey, type Key } from './keys';
import { prefetchKeys } from './prefetch';
import { CHANGES_CHANNEL } from '../hub/channels';
import { CHECKPOINT_SQL, READ_MODEL_PROJECTOR } from '../hub/checkpoint';
import { readLogAfter, type LogRow } from '../hub/eventLog';
import type { LogTail } from '../hub/logTail';
import type { StreamPositionRow, TableName } from './rows';
import { UnitOfWork } from './unitOfWork';
import { Statements, type Queryable } from './statements';
import { ParkedKeys } from './parkedKeys';
import { sequenceStep } from './sequenceStep';
import { NeedsLoad } from './view';

export interface ProjectorOptions {
  batchSize?: number;
  name?: string;
  /** Read-model rows kept between batches (default 200,000; 0: none). */
  cacheRows?: number;
  /**
   * The caller knows the read model is empty while the checkpoint is 0 and
   * that only this projector writes it (a rebuild into the database it just
   * created): rows this projector has not written do not exist, so it loads
   * none while its cache holds everything it wrote.
   */
  freshReadModel?: boolean;
  /**
   * Whether to record change-feed rows and NOTIFY subscribers (default true).
   * Off only where nobody can subscribe: the change feed is not part of the
   * read model, and a rebuild's database serves no gateway.
   */
  changeFeed?: boolean;
  /**
   * Events one transaction may span (default: one read of the log). Past one
   * read, the batch goes on reading the log in chunks of `batchSize` (read
   * ahead while the one before is decided) into the same unit of work, so a
   * row changed by many events is written once, and the running totals are
   * applied once, per transaction. A rebuild takes 100,000: nobody waits on its
   * freshness, and its rows are held in memory anyway.
   */
  eventsPerTransaction?: number;
  /**
   * The position of the log's last event, when the log no longer grows (a
   * rebuild replays a copy). Transactions spanning more than one read then
   * halve what is left as they near it, so the last one, which Postgres
   * writes while nothing is decided beside it, is short.
   */
  lastPosition?: string;
  /**
   * The log's newest events as this process's ingest committed them
   * (hub/logTail.ts): read from memory when it holds what follows a
   * position, from the log otherwise.
   */
  tail?: LogTail;
}

export interface BatchResult {
  /** Events read from the log in this batch (0: caught up). */
  events: number;
  applied: number;
  exceptions: number;
  stale: number;
  changes: number;
  checkpoint: string;
}

const FACT_TABLES: ReadonlySet<TableName> = new Set(['time_entry', 'expense', 'milestone', 'invoice', 'revenue_event']);

/** A batch decided and its writes under way: `committed` settles once its transaction has. */
interface SentBatch {
  result: BatchResult;
  /**
   * true once committed; false when discarded instead (rolled back, nothing
   * applied): it was decided ahead, on the batch before it, and found another
   * checkpoint under the lock (another projector committed in between, or the
   * batch before failed).
   */
  committed: Promise<boolean>;
}

/** How many times `batchSize` a batch takes when the one before it was full (the log is behind). */
const BEHIND_FACTOR = 4;
/** Events decided between two turns of the event loop, so a commit under way (and ingest beside it) keeps moving. */
const EVENTS_PER_TURN = 256;

export class Projector {
  private readonly batchSize: number;
  readonly name: string;
  private readonly cache: RowCache;
  /**
   * The checkpoint the cache holds the read model as of: the last batch this
   * projector committed, or decided and is committing (a failure clears it).
   */
  private cachedAt: string | undefined;
  /** Counts invalidations, so a batch decided across one does not fill the cache again. */
  private generation = 0;
  /** The keys parked events wait on, as of `cachedAt` (undefined: not known). */
  private parkedKeys: ParkedKeys | undefined;
  /** The log after a position, read while the batch before it is decided. */
  private readAhead: { after: string; rows: Promise<LogRow[]> } | undefined;
  /** The batch last sent, while (and after) it commits: what the batch decided ahead of that commit may read at once. */
  private inFlight: InFlightBatch | undefined;

  private readonly changeFeed: boolean;
  private readonly eventsPerTransaction: number;
  private readonly lastPosition: bigint | undefined;
  private readonly tail: LogTail | undefined;
  /** Whether the batch being decided is traced (its events' traceparents are collected). */
  private tracing = false;

  constructor(private readonly pool: Pool, options: ProjectorOptions = {}) {
    this.batchSize = options.batchSize ?? 2000;
    this.eventsPerTransaction = options.eventsPerTransaction ?? 0;
    this.lastPosition = options.lastPosition === undefined ? undefined : BigInt(options.lastPosition);
    this.name = options.name ?? READ_MODEL_PROJECTOR;
    this.cache = new RowCache(options.cacheRows ?? 200_000);
    this.changeFeed = options.changeFeed ?? true;
    this.tail = options.tail;
    if (options.freshReadModel) {
      // Holds only while the first batch finds checkpoint 0 (else the cache is cleared like any stale one).
      this.cache.startEmpty();
      this.parkedKeys = new ParkedKeys();
      this.cachedAt = '0';
    }
  }

  /** Applies the next batch of the log; returns what it did (`events: 0` when caught up). */
  async processBatch(): Promise<BatchResult> {
    const batch = await this.sendBatch(false, false);
    await batch.committed;
    return batch.result;
  }

  /** Applies batches until the log is exhausted. */
  async drain(): Promise<number> {
    return this.applyAvailable();
  }

  /**
   * Applies batches until one finds nothing to apply (or `keepGoing` says
   * stop), deciding each batch while the one before it commits: Postgres
   * writes one batch while this thread decides the next. `onBatch` hears of
   * each batch once it has committed. Returns the events applied.
   */
  async applyAvailable(onBatch?: (result: BatchResult) => void, keepGoing: () => boolean = () => true): Promise<number> {
    let applied = 0;
    let previous: SentBatch | undefined;
    try {
      for (;;) {
        const batch = await this.sendBatch(previous !== undefined, true);
        const before = previous;
        previous = batch;
        if (before && (await before.committed)) {
          applied += before.result.events;
          onBatch?.(before.result);
        }
        if (batch.result.events > 0 && keepGoing()) continue;
        previous = undefined;
        if (await batch.committed) {
          applied += batch.result.events;
          if (batch.result.events > 0) onBatch?.(batch.result);
          return applied;
        }
      }
    } finally {
      // On an error, the batch decided ahead still settles (it rolls back) before this returns.
      await previous?.committed.catch(() => undefined);
    }
  }

  /**
   * Reads and decides the next batch and sends its writes and COMMIT; resolves
   * before they complete. `ahead`: decide it on the cache as the batch before
   * (still committing) leaves it, reading the log and the rows the cache does
   * not hold without waiting for that commit (listeners/inFlightBatch.ts); the
   * checkpoint lock, taken before anything is written, confirms it.
   * `readNext`: read the log after this batch while deciding it, for the next.
   */
  private async sendBatch(ahead: boolean, readNext: boolean): Promise<SentBatch> {
    const tracer = activeTracer();
    this.tracing = tracer !== undefined;
    const startTime = tracer ? new Date() : undefined;
    const expected = ahead ? this.cachedAt : undefined;
    const inFlight = expected !== undefined ? this.inFlight : undefined;
    let generation = this.generation;
    const client = await this.pool.connect();
    const statements = new Statements(client);
    try {
      // Safe without waiting for the WAL flush: a batch lost in a crash loses its
      // checkpoint with it, and is applied again from the durable event log.
      void statements.query('BEGIN');
      void statements.query('SET LOCAL synchronous_commit = off');
      // The row lock makes concurrent projectors (several hub processes) take turns; it also
      // waits, in Postgres, for the batch before this one to commit. A batch decided ahead
      // takes it once decided (the row is there: the batch before it locked it), so that
      // its reads are not queued behind the lock on this connection.
      const lock = () => {
        const position = statements.query(CHECKPOINT_SQL.lock, [this.name])
          // No row: a batch decided ahead of the very first one, which failed (so the row was never inserted).
          .then((r) => r.rows[0]?.position as string | undefined);
        position.catch(() => undefined);
        return position;
      };
      let locked: Promise<string | undefined> | undefined;
      let checkpoint: string;
      let rows: LogRow[];
      if (expected !== undefined) {
        checkpoint = expected;
        rows = await this.logAfter(expected);
      } else {
        void statements.query(CHECKPOINT_SQL.ensure, [this.name]);
        locked = lock();
        // Inserted just before, in this transaction.
        checkpoint = (await locked)!;
        // Another projector process committed since our last batch: what we cached may be stale.
        if (checkpoint !== this.cachedAt) this.invalidate();
        generation = this.generation;
        rows = this.tail?.after(checkpoint, this.batchSize) ?? await readLogAfter(statements, checkpoint, this.batchSize);
      }
      const lockedCheckpoint = () => (locked ??= lock());
      if (rows.length === 0) {
        const result: BatchResult = { events: 0, applied: 0, exceptions: 0, stale: 0, changes: 0, checkpoint };
        return { result, committed: this.settle(client, statements, lockedCheckpoint, expected, () => statements.commit()) };
      }
      // Known whenever the cache is (an invalidation forgets both); read in this transaction otherwise.
      const parkedKeys = this.parkedKeys ?? await ParkedKeys.read(statements);
      const { result, uow, outcome } = await this.decideBatch(statements, rows, parkedKeys, readNext, inFlight);
      const last = result.checkpoint;
      const current = this.generation === generation;
      // Ahead of the COMMIT, the cache takes the batch's rows: the next batch is decided on it while this one
      // commits; a failure clears it. Sealed first: it still tells the rows the database holds from new ones.
      const dropped = uow.sealWrites(current ? this.cache : undefined);
      if (current) {
        outcome.updateParkedKeys(parkedKeys);
        this.parkedKeys = parkedKeys;
        this.cachedAt = last;
      }
      const committed = this.settle(client, statements, lockedCheckpoint, expected, () => this.write(statements, uow, outcome, last));
      this.inFlight = new InFlightBatch(committed, dropped);
      if (tracer) traceBatch(tracer.startSpan('listener batch', { startTime, links: linksTo(outcome.traceparents) }), result, committed);
      return { result, committed };
    } catch (error) {
      this.invalidate();
      await statements.query('ROLLBACK').catch(() => undefined);
      await statements.settled();
      client.release();
      throw error;
    }
  }

  /**
   * Confirms the checkpoint under the lock, sends the batch's writes and
   * COMMIT, and releases the connection. Never leaves a failure unobserved: a
   * batch decided ahead whose predecessor failed is discarded (false).
   */
  private settle(client: PoolClient, statements: Statements, locked: () => Promise<string | undefined>, expected: string | undefined,
    write: () => Promise<unknown>): Promise<boolean> {
    const settled = (async () => {
      try {
        const checkpoint = await locked();
        if (expected !== undefined && checkpoint !== expected) {
          this.invalidate();
          await statements.query('ROLLBACK');
          return false;
        }
        await write();
        return true;
      } catch (error) {
        this.invalidate();
        await statements.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        await statements.settled();
        client.release();
      }
    })();
    settled.catch(() => undefined);
    return settled;
  }

  /** Forgets everything kept between batches: the cache, where it stood, and the log read ahead. */
  private invalidate(): void {
    this.cache.clear();
    this.parkedKeys = undefined;
    this.cachedAt = undefined;
    this.readAhead = undefined;
    this.generation++;
  }

  /** The log after `position`: what was read ahead when it is there and not empty, else read now. */
  private async logAfter(position: string): Promise<LogRow[]> {
    const ahead = this.readAhead;
    this.readAhead = undefined;
    if (ahead?.after === position) {
      const rows = await ahead.rows.catch(() => []);
      // Empty then may not be empty now; the notification of what came since may already be spent.
      if (rows.length > 0) return rows;
    }
    return this.readLog(position, this.batchSize);
  }

  /**
   * Reads the log on a connection of its own: events never change, and positions become
   * visible in increasing order, so what it returns is exactly what follows `position`.
   * What the tail holds right after `position` is taken from memory instead.
   */
  private readLog(position: string, limit: number): Promise<LogRow[]> {
    const held = this.tail?.after(position, limit);
    if (held) return Promise.resolve(held);
    const rows = readLogAfter(this.pool, position, limit);
    rows.catch(() => undefined);
    return rows;
  }

  /**
   * Decides `first` and, while the transaction may span more events and the
   * log is behind, the chunks of the log after it, into one unit of work.
   * `readNext`: read the log after the batch while deciding it, for the next.
   */
  private async decideBatch(statements: Statements, first: LogRow[], parkedKeys: ParkedKeys, readNext: boolean, inFlight: InFlightBatch | undefined) {
    const uow = new UnitOfWork(statements, this.cache, inFlight);
    const outcome = new BatchOutcome(parkedKeys);
    let rows = first;
    let events = 0;
    let last: string;
    const span = this.transactionSpan(first[0]!.position);
    for (;;) {
      last = rows[rows.length - 1]!.position;
      events += rows.length;
      // Behind (this chunk is full): the next one takes more, fewer statements and round trips per event.
      const behind = rows.length >= this.batchSize;
      const more = behind && events < span;
      if (readNext || more) this.readAhead = { after: last, rows: this.readLog(last, behind ? this.batchSize * BEHIND_FACTOR : this.batchSize) };
      await this.decideChunk(statements, uow, outcome, rows, parkedKeys);
      if (!more) break;
      rows = await this.logAfter(last);
      if (rows.length === 0) break;
    }
    await outcome.totals.applyTo(uow);
    const result: BatchResult = {
      events, applied: outcome.applied, exceptions: outcome.exceptions, stale: outcome.stale,
      changes: outcome.changeCount, checkpoint: last,
    };
    return { result, uow, outcome };
  }

  /** Events a transaction starting at `position` may span: half of what is left of a log known to end, near its end. */
  private transactionSpan(position: string): number {
    if (this.lastPosition === undefined) return this.eventsPerTransaction;
    const left = Number(this.lastPosition - BigInt(position)) + 1;
    return Math.min(this.eventsPerTransaction, Math.max(Math.ceil(left / 2), this.batchSize * BEHIND_FACTOR));
  }

  private async decideChunk(statements: Statements, uow: UnitOfWork, outcome: BatchOutcome, rows: LogRow[], parkedKeys: ParkedKeys) {
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

  /** Everything the batch decided, the checkpoint and COMMIT, sent at once: one wait for all of them. */
  private async write(statements: Statements, uow: UnitOfWork, outcome: BatchOutcome, last: string): Promise<void> {
    const writes: Promise<unknown>[] = [
      uow.flush(),
      outcome.totals.dated?.write(statements) ?? Promise.resolve(),
      outcome.flush(statements),
      statements.query(CHECKPOINT_SQL.advance, [this.name, last]),
    ];
    if (outcome.changeCount > 0) {
      writes.push(statements.query(`SELECT pg_notify($1, (SELECT max(change_id)::text FROM hub.change_feed))`, [CHANGES_CHANNEL]));
    }
    await Promise.all([...writes, statements.commit()]);
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

/** Ends a batch's span once its transaction has settled, with what it did. */
function traceBatch(span: Span, result: BatchResult, committed: Promise<boolean>): void {
  span.setAttributes({
    'servicegraph.events': result.events, 'servicegraph.applied': result.applied, 'servicegraph.exceptions': result.exceptions,
    'servicegraph.stale': result.stale, 'servicegraph.checkpoint': result.checkpoint,
  });
  committed.then(
    (done) => { span.setAttribute('servicegraph.committed', done); span.end(); },
    (error: unknown) => { span.recordException(error as Error); span.setStatus({ code: 2 }); span.end(); },
  );
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
