/**
 * Keeps the read model current: applies batches while the log has events,
 * then sleeps until ingest's NOTIFY (or a poll interval, so a missed
 * notification only delays, never loses).
 */
import { Client, type Pool } from 'pg';
import { createPool } from '../db/dataSource';
import { EVENTS_CHANNEL } from '../hub/channels';
import { Projector, type BatchResult } from './projector';
import type { LogTail } from '../hub/logTail';


export interface ListenerRunnerOptions {
  /**
   * Connections for the projector. Default: a pool of its own to `databaseUrl`,
   * pipelined, of three connections (a batch committing, the next one being
   * decided, the log read ahead), ended by `stop`.
   */
  pool?: Pool;
  /** Connection string for the dedicated LISTEN connection. */
  databaseUrl: string;
  batchSize?: number;
  pollMs?: number;
  /**
   * While the log is behind (a read came back full), one transaction goes on
   * through it up to this many events (default 0: one read). A row changed by
   * several of them (a time entry submitted, then approved) is then written
   * once, and each stream's position once.
   */
  catchUpEvents?: number;
  onBatch?: (result: BatchResult) => void;
  onError?: (error: unknown) => void;
  /** Committed events handed over by this process's ingest (hub/logTail.ts); their arrival wakes the runner. */
  tail?: LogTail;
}

export interface ListenerRunner {
  /** Resolves when the log has been applied up to its end as of the call. */
  caughtUp(): Promise<void>;
  stop(): Promise<void>;
}

export async function startListeners(options: ListenerRunnerOptions): Promise<ListenerRunner> {
  const ownPool = options.pool ? undefined : createPool(options.databaseUrl, { max: 3, pipeline: true });
  const projector = new Projector(options.pool ?? ownPool!, {
    batchSize: options.batchSize, eventsPerTransaction: options.catchUpEvents, tail: options.tail,
  });
  const pollMs = options.pollMs ?? 200;
  let running = true;
  let wake: (() => void) | undefined;
  let idleWaiters: (() => void)[] = [];
  let pendingWake = false;
  const wakeUp = () => {
    pendingWake = true;
    wake?.();
  };

  // Handed-over events wake the runner as a notification does (which follows them, by Postgres).
  options.tail?.onAdded(wakeUp);

  const listener = new Client({ connectionString: options.databaseUrl });
  try {
    await listener.connect();
    listener.on('notification', wakeUp);
    listener.on('error', (error) => options.onError?.(error));
    await listener.query(`LISTEN ${EVENTS_CHANNEL}`);
  } catch (error) {
    await listener.end().catch(() => undefined);
    await ownPool?.end();
    throw error;
  }

  const loop = (async () => {
    while (running) {
      try {
        pendingWake = false;
        // Takes what the log has, batch after batch (each decided while the one before commits), never waiting to fill one.
        await projector.applyAvailable(options.onBatch, () => running);
        if (!running) break;
        const waiters = idleWaiters;
        idleWaiters = [];
        for (const resolve of waiters) resolve();
      } catch (error) {
        options.onError?.(error);
        await sleep(1000, () => running);
        continue;
      }
      if (!running || pendingWake) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollMs);
        wake = () => { clearTimeout(timer); resolve(); };
      });
      wake = undefined;
    }
  })();

  return {
    caughtUp: () => new Promise<void>((resolve) => { idleWaiters.push(resolve); wakeUp(); }),
    async stop() {
      running = false;
      wake?.();
      await loop;
      for (const resolve of idleWaiters) resolve();
      await listener.end().catch(() => undefined);
      await ownPool?.end();
    },
  };
}

function sleep(ms: number, stillRunning: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    if (!stillRunning()) { clearTimeout(timer); resolve(); }
  });
}
