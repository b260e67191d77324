/**
 * The listener runtime's pipeline: takes the event log in commit order, one
 * batch per transaction, and applies it to the read model. It reads the log
 * through listeners/logReader.ts, has each batch decided by
 * listeners/batchDecider.ts (the domain listeners), and owns the
 * transaction: the checkpoint lock, a batch decided while the one before it
 * commits, the writes and the COMMIT, the rows kept between batches.
 *
 * Rows, parked events, exceptions, counters, change feed and checkpoint commit
 * in ONE transaction, so a crash at any instant loses nothing and applies
 * nothing twice. The event log's positions commit in increasing order (ingest
 * writes under an advisory lock), so reading `position > checkpoint` never
 * skips an event committed late.
 */
import type { Pool, PoolClient } from 'pg';
import { activeTracer, linksTo, type Span } from '../observability/tracing';
import { CHANGES_CHANNEL } from '../hub/channels';
import { CHECKPOINT_SQL, READ_MODEL_PROJECTOR } from '../hub/checkpoint';
import { readLogAfter, type LogRow } from '../hub/eventLog';
import type { LogTail } from '../hub/logTail';
import { BatchDecider } from './batchDecider';
import { BatchOutcome } from './batchOutcome';
import { InFlightBatch } from './inFlightBatch';
import { LogReader } from './logReader';
import { ParkedKeys } from './parkedKeys';
import { RowCache } from './rowCache';
import { Statements } from './statements';
import { UnitOfWork } from './unitOfWork';

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
  /** The batch last sent, while (and after) it commits: what the batch decided ahead of that commit may read at once. */
  private inFlight: InFlightBatch | undefined;

  private readonly eventsPerTransaction: number;
  private readonly lastPosition: bigint | undefined;
  private readonly log: LogReader;
  private readonly decider: BatchDecider;

  constructor(private readonly pool: Pool, options: ProjectorOptions = {}) {
    this.batchSize = options.batchSize ?? 2000;
    this.eventsPerTransaction = options.eventsPerTransaction ?? 0;
    this.lastPosition = options.lastPosition === undefined ? undefined : BigInt(options.lastPosition);
    this.name = options.name ?? READ_MODEL_PROJECTOR;
    this.cache = new RowCache(options.cacheRows ?? 200_000);
    this.log = new LogReader(pool, options.tail, this.batchSize);
    this.decider = new BatchDecider(this.cache, options.changeFeed ?? true);
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
    this.decider.tracing = tracer !== undefined;
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
        rows = await this.log.after(expected);
      } else {
        void statements.query(CHECKPOINT_SQL.ensure, [this.name]);
        locked = lock();
        // Inserted just before, in this transaction.
        checkpoint = (await locked)!;
        // Another projector process committed since our last batch: what we cached may be stale.
        if (checkpoint !== this.cachedAt) this.invalidate();
        generation = this.generation;
        rows = this.log.held(checkpoint) ?? await readLogAfter(statements, checkpoint, this.batchSize);
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
    this.log.forget();
    this.generation++;
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
      if (readNext || more) this.log.readAhead(last, behind ? this.batchSize * BEHIND_FACTOR : this.batchSize);
      await this.decider.decideChunk(statements, uow, outcome, rows, parkedKeys);
      if (!more) break;
      rows = await this.log.after(last);
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
