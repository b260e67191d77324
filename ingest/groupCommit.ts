import type { Pool } from 'pg';
import type { CommittedEvents } from '../hub/eventLog';
import { storeEventGroup } from './eventStore';
import type { IngestResult } from './outcome';
import type { PreparedEvent } from './prepare';

/**
 * Group commit of the event log: one writer per ingest server. While one
 * transaction runs, the requests that arrive queue up; the next transaction
 * takes all of them (up to a bound) and writes them together: one lock, one
 * insert, one WAL flush, one NOTIFY, one pooled connection. Each request is
 * answered with its own outcome, as if the requests had been stored one after
 * the other in arrival order (ingest/eventStore.ts), and only after the
 * commit.
 *
 * Why: with one transaction per request, concurrent requests queued on the
 * event-log lock, each holding a pooled connection while waiting and each
 * paying its own WAL flush; at 500 events/s in requests of ~5 events the
 * wait for the lock was most of the p99 latency.
 */

export interface GroupLimits {
  /** Events (all of them, rejected ones too) in one transaction; a request larger than this is written alone. */
  readonly maxEvents: number;
  /** Bytes of envelopes sent in one transaction (the canonical JSON of the valid events). */
  readonly maxBytes: number;
}

/**
 * Two full requests' worth (1000 events, 4 MiB each): a transaction of 2000
 * events holds the lock for ~15 ms of Postgres time, short enough that a
 * request arriving meanwhile is not kept waiting long, long enough that
 * small requests share their flush.
 */
export const DEFAULT_GROUP_LIMITS: GroupLimits = { maxEvents: 2000, maxBytes: 8 * 1024 * 1024 };

export interface GroupCommitStats {
  /** Requests answered (stored or failed). */
  readonly requests: number;
  /** Transactions begun, retries included. */
  readonly transactions: number;
  /** Groups that failed and whose requests were then written one by one. */
  readonly groupsRetriedAlone: number;
  /** Requests queued now for the next transaction. */
  readonly waiting: number;
}

export interface GroupCommitter {
  /** Stores one request's prepared events; resolves after its group committed, rejects (nothing of it stored) when the database failed. */
  store(prepared: readonly PreparedEvent[]): Promise<IngestResult>;
  stats(): GroupCommitStats;
}

interface Waiting {
  readonly prepared: readonly PreparedEvent[];
  readonly bytes: number;
  resolve(result: IngestResult): void;
  reject(error: unknown): void;
}

export interface GroupCommitOptions {
  readonly limits?: Partial<GroupLimits>;
  readonly log?: { warn(message: string): void };
  /** Called with the new counts whenever a request is queued, a group is taken or a transaction begins. */
  readonly onStats?: (stats: GroupCommitStats) => void;
  /** Hears of committed events at consecutive positions (see storeEventGroup). */
  readonly onCommitted?: (events: CommittedEvents) => void;
}

export function startGroupCommit(pool: Pool, options: GroupCommitOptions = {}): GroupCommitter {
  const limits: GroupLimits = { ...DEFAULT_GROUP_LIMITS, ...options.limits };
  const queue: Waiting[] = [];
  let writing = false;
  let requests = 0;
  let transactions = 0;
  let groupsRetriedAlone = 0;
  const stats = (): GroupCommitStats => ({ requests, transactions, groupsRetriedAlone, waiting: queue.length });
  const statsChanged = options.onStats ? () => options.onStats!(stats()) : () => undefined;

  /** The longest prefix of the queue within the limits, and at least its first request. */
  function takeGroup(): Waiting[] {
    let events = 0;
    let bytes = 0;
    let taken = 0;
    while (taken < queue.length) {
      const next = queue[taken]!;
      if (taken > 0 && (events + next.prepared.length > limits.maxEvents || bytes + next.bytes > limits.maxBytes)) break;
      events += next.prepared.length;
      bytes += next.bytes;
      taken++;
    }
    return queue.splice(0, taken);
  }

  async function write(group: readonly Waiting[]): Promise<void> {
    transactions++;
    statsChanged();
    try {
      const results = await storeEventGroup(pool, group.map((waiting) => waiting.prepared), options.onCommitted);
      group.forEach((waiting, i) => waiting.resolve(results[i]!));
      return;
    } catch (error) {
      if (group.length === 1 || !mayBeCausedByOneRequest(error)) {
        for (const waiting of group) waiting.reject(error);
        return;
      }
      // Nothing of the group was committed. Validation should keep every
      // request's data storable, but should one request's data still make
      // the database refuse the transaction, the others must not fail with
      // it: each is written alone, in arrival order, and only the one at
      // fault fails. A database that is down fails each of them again.
      groupsRetriedAlone++;
      statsChanged();
      options.log?.warn(`ingest: a group of ${group.length} requests failed (${error instanceof Error ? error.message : String(error)}); writing them one by one`);
    }
    for (const waiting of group) await write([waiting]);
  }

  async function drain(): Promise<void> {
    writing = true;
    try {
      while (queue.length > 0) {
        const group = takeGroup();
        requests += group.length;
        statsChanged();
        await write(group);
      }
    } finally {
      writing = false;
    }
  }

  return {
    store(prepared) {
      return new Promise<IngestResult>((resolve, reject) => {
        const bytes = prepared.reduce((sum, item) => sum + (item.kind === 'valid' && item.first ? item.canonical.length : 0), 0);
        queue.push({ prepared, bytes, resolve, reject });
        statsChanged();
        // write() settles every request it takes and never throws: the loop cannot stop with requests waiting.
        if (!writing) void drain();
      });
    },
    stats,
  };
}

/**
 * Whether Postgres answered the transaction with an error about what it was
 * asked (a constraint, a value, a trigger), which the data of one request
 * could cause; not when the connection or the server failed (SQLSTATE
 * classes 08 connection, 53 resources, 57 operator intervention, 58 system),
 * nor when no SQLSTATE came back at all (a socket error, a bug here).
 */
function mayBeCausedByOneRequest(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return false;
  return !['08', '53', '57', '58'].includes(code.slice(0, 2));
}
