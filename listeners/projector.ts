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
import { BatchOutcome, type LoggedEvent } from './batchOutcome';
import { RowCache } from './rowCache';
import { RunningTotals } from './runningTotals';
import type { Decision, Write } from './decision';
import { evolve } from './evolve';
import { sequenceKey } from './keys';
import { prefetchKeys } from './prefetch';
import type { TableName } from './rows';
import { UnitOfWork } from './unitOfWork';
import { NeedsLoad } from './view';

export const READ_MODEL_PROJECTOR = 'read-model';
/** Channel notified once per committed batch, carrying the last change-feed position. */
export const CHANGES_CHANNEL = 'servicegraph_changes';

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

export class Projector {
  private readonly batchSize: number;
  readonly name: string;
  private readonly cache: RowCache;
  /** The checkpoint this projector committed last: the cache holds the read model as of it. */
  private cachedAt: string | undefined;

  private readonly changeFeed: boolean;

  constructor(private readonly pool: Pool, options: ProjectorOptions = {}) {
    this.batchSize = options.batchSize ?? 2000;
    this.name = options.name ?? READ_MODEL_PROJECTOR;
    this.cache = new RowCache(options.cacheRows ?? 200_000);
    this.changeFeed = options.changeFeed ?? true;
    if (options.freshReadModel) {
      // Holds only while the first batch finds checkpoint 0 (else the cache is cleared like any stale one).
      this.cache.startEmpty();
      this.cachedAt = '0';
    }
  }

  /** Applies the next batch of the log; returns what it did (`events: 0` when caught up). */
  async processBatch(): Promise<BatchResult> {
    const client = await this.pool.connect();
    try {
      // Safe without waiting for the WAL flush: a batch lost in a crash loses its
      // checkpoint with it, and is applied again from the durable event log.
      await client.query('BEGIN');
      await client.query('SET LOCAL synchronous_commit = off');
      const { result, uow } = await this.processBatchIn(client);
      await client.query('COMMIT');
      if (uow) {
        this.cache.absorb(uow.knownRows());
        this.cachedAt = result.checkpoint;
      }
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      this.cache.clear();
      this.cachedAt = undefined;
      throw error;
    } finally {
      client.release();
    }
  }

  /** Applies batches until the log is exhausted. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const { events } = await this.processBatch();
      if (events === 0) return total;
      total += events;
    }
  }

  private async processBatchIn(client: PoolClient): Promise<{ result: BatchResult; uow?: UnitOfWork }> {
    // The row lock makes concurrent projectors (several hub processes) take turns.
    await client.query(`INSERT INTO hub.checkpoint (projector) VALUES ($1) ON CONFLICT DO NOTHING`, [this.name]);
    const checkpoint = (await client.query(
      `SELECT position::text AS position FROM hub.checkpoint WHERE projector = $1 FOR UPDATE`, [this.name])).rows[0].position as string;
    const { rows } = await client.query(
      `SELECT e.position::text AS position, e.envelope FROM hub.event_log e WHERE e.position > $1 ORDER BY e.position LIMIT $2`,
      [checkpoint, this.batchSize]);
    if (rows.length === 0) return { result: { events: 0, applied: 0, exceptions: 0, stale: 0, changes: 0, checkpoint } };

    // Another projector process committed since our last batch: what we cached may be stale.
    if (checkpoint !== this.cachedAt) this.cache.clear();
    const uow = new UnitOfWork(client, this.cache);
    const outcome = new BatchOutcome();
    const entries = rows.map((row) => this.parse(row.position, row.envelope, outcome));
    const valid = entries.filter((e): e is LoggedEvent => e !== undefined);
    await uow.load(valid.flatMap((entry) => prefetchKeys(entry.event)));
    for (const entry of valid) await this.process(uow, outcome, entry);
    await this.retryReleased(client, uow, outcome);

    await outcome.totals.applyTo(uow);
    await uow.flush();
    await outcome.flush(client);
    const last = rows[rows.length - 1].position as string;
    await client.query(`UPDATE hub.checkpoint SET position = $2, updated_at = now() WHERE projector = $1`, [this.name, last]);
    if (outcome.changeCount > 0) {
      await client.query(`SELECT pg_notify($1, (SELECT max(change_id)::text FROM hub.change_feed))`, [CHANGES_CHANNEL]);
    }
    return {
      result: {
        events: rows.length, applied: outcome.applied, exceptions: outcome.exceptions, stale: outcome.stale,
        changes: outcome.changeCount, checkpoint: last,
      },
      uow,
    };
  }

  /** Events in the log passed validation at ingest; one that no longer does is an exception, never a crash. */
  private parse(position: string, envelope: unknown, outcome: BatchOutcome): LoggedEvent | undefined {
    const result = validateEvent(envelope);
    if (result.ok) return { position, event: result.event };
    const placeholder = { position, event: envelope as BusinessEvent };
    outcome.exception(placeholder, 'INVALID_STORED_EVENT',
      result.errors.map((e) => `${e.path}: ${e.message}`).join('; '));
    return undefined;
  }

  private async process(uow: UnitOfWork, outcome: BatchOutcome, entry: LoggedEvent): Promise<void> {
    const { event } = entry;
    let sequence: bigint | undefined;
    if (event.sequence !== undefined) {
      sequence = BigInt(event.sequence);
      const stream = await uow.current('stream_position', event.source, event.subject);
      const last = stream ? BigInt(stream.lastSequence) : 0n;
      if (sequence <= last) {
        outcome.stale++;
        return;
      }
      if (sequence > last + 1n) {
        outcome.park(entry, sequenceKey(event.source, event.subject, sequence - 1n),
          `waiting for sequence ${sequence - 1n} of ${event.subject} from ${event.source} (applied up to ${last})`);
        return;
      }
    }
    const decision = await this.decide(uow, event);
    switch (decision.kind) {
      case 'park':
        outcome.park(entry, decision.waitingFor, decision.reason);
        return;
      case 'exception':
        outcome.exception(entry, decision.code, decision.message);
        break;
      case 'apply':
        await this.applyWrites(uow, outcome, entry, decision.writes);
        outcome.applied++;
        break;
      default: {
        const unhandled: never = decision;
        throw new Error(`unknown decision ${JSON.stringify(unhandled)}`);
      }
    }
    if (sequence !== undefined) {
      uow.put({ table: 'stream_position', row: { source: event.source, subject: event.subject, lastSequence: sequence.toString() } });
      outcome.released.add(sequenceKey(event.source, event.subject, sequence));
    }
  }

  /** Runs the pure listener, loading whatever rows it asks for until it can decide. */
  private async decide(uow: UnitOfWork, event: BusinessEvent): Promise<Decision> {
    for (let attempt = 0; ; attempt++) {
      try {
        return evolve(uow, event);
      } catch (error) {
        if (!(error instanceof NeedsLoad) || attempt > 20) throw error;
        await uow.load(error.keys);
      }
    }
  }

  /** Stores the listener's writes and records how they move the running totals. */
  private async applyWrites(uow: UnitOfWork, outcome: BatchOutcome, entry: LoggedEvent, writes: Write[]): Promise<void> {
    const totals = new RunningTotals();
    for (const change of writes) {
      if (FACT_TABLES.has(change.table)) {
        totals.addFact(change.table, await uow.current(change.table, (change.row as { id: string }).id), change.row as never);
      }
      outcome.released.add(uow.put(change));
      if (!this.changeFeed) continue;
      const invoiceId = change.table === 'invoice' ? change.row.id
        : change.table === 'invoice_exception' || change.table === 'payment_allocation' ? change.row.invoiceId : undefined;
      if (invoiceId !== undefined) outcome.change(changeOf(entry, 'invoice', invoiceId));
    }
    if (this.changeFeed) for (const projectId of totals.changedProjects()) outcome.change(changeOf(entry, 'project', projectId));
    outcome.totals.merge(totals);
  }

  /** Tries again the events parked on keys this batch released, until nothing more is released. */
  private async retryReleased(client: PoolClient, uow: UnitOfWork, outcome: BatchOutcome): Promise<void> {
    while (outcome.released.size > 0) {
      const keys = outcome.released;
      outcome.released = new Set();
      const retry = outcome.releaseFromBatch(keys);
      const { rows } = await client.query(
        `SELECT p.position::text AS position, e.envelope FROM hub.parked_event p JOIN hub.event_log e USING (position)
         WHERE p.waiting_for = ANY($1::text[]) ORDER BY p.position`, [[...keys]]);
      for (const row of rows) {
        if (outcome.knows(row.position)) continue;
        const entry = this.parse(row.position, row.envelope, outcome);
        if (!entry) continue;
        outcome.releaseFromDatabase(entry);
        retry.push(entry);
      }
      retry.sort((a, b) => (BigInt(a.position) < BigInt(b.position) ? -1 : 1));
      await uow.load(retry.flatMap((entry) => prefetchKeys(entry.event)));
      for (const entry of retry) await this.process(uow, outcome, entry);
    }
  }
}

function changeOf(entry: LoggedEvent, entityKind: 'invoice' | 'project', entityId: string) {
  return {
    eventPosition: entry.position, entityKind, entityId,
    eventType: entry.event.type, eventId: entry.event.id, eventSource: entry.event.source,
  };
}
