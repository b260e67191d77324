/**
 * The listener runner on a thread of its own (a worker), for the hub: ingest
 * and the projector then no longer take turns on one event loop, each
 * deciding, parsing and serializing on its own core while Postgres works. The
 * worker keeps its own connections (the runner's pipelined pool and LISTEN);
 * everything it commits is as crash-safe as on the main thread, since the
 * batch's transaction is the unit either way.
 */
import path from 'node:path';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import type { BatchResult } from './projector';
import type { ListenerRunner } from './runner';
import type { ErrorMessage, FromListenerThread, ListenerThreadData, ToListenerThread } from './threadMessages';

export interface ListenerThreadOptions {
  databaseUrl: string;
  batchSize?: number;
  pollMs?: number;
  /** See ListenerRunnerOptions.catchUpEvents. */
  catchUpEvents?: number;
  onBatch?: (result: BatchResult) => void;
  onError?: (error: unknown) => void;
}

function errorOf({ message, stack }: ErrorMessage): Error {
  const error = new Error(message);
  if (stack) error.stack = stack;
  return error;
}

export interface ListenerThread extends ListenerRunner {
  /**
   * A port for an ingest thread of this process to post the events it
   * committed on (ingest/server.ts `committedEvents`); the listeners take
   * them from memory instead of reading them back (hub/logTail.ts).
   */
  committedEventsPort(): MessagePort;
  /** undefined while the thread runs its listeners; otherwise why not (for readiness). */
  notRunning(): string | undefined;
}

export function startListenersThread(options: ListenerThreadOptions): Promise<ListenerThread> {
  const data: ListenerThreadData = {
    databaseUrl: options.databaseUrl, batchSize: options.batchSize, pollMs: options.pollMs, catchUpEvents: options.catchUpEvents, reportBatches: options.onBatch !== undefined,
  };
  const worker = new Worker(path.join(__dirname, 'listenerThread.js'), { workerData: data });
  const send = (message: ToListenerThread) => worker.postMessage(message);
  const caughtUpWaiters = new Map<number, () => void>();
  let nextId = 0;
  let stopped: (() => void) | undefined;
  let exited = false;
  let exitReason: string | undefined;

  return new Promise((resolve, reject) => {
    worker.on('message', (message: FromListenerThread) => {
      switch (message.kind) {
        case 'ready':
          resolve(runner);
          break;
        case 'failed':
          reject(errorOf(message.error));
          void worker.terminate();
          break;
        case 'batch':
          options.onBatch?.(message.result);
          break;
        case 'error':
          options.onError?.(errorOf(message.error));
          break;
        case 'caughtUp':
          caughtUpWaiters.get(message.id)?.();
          caughtUpWaiters.delete(message.id);
          break;
        case 'stopped':
          stopped?.();
          break;
      }
    });
    worker.on('error', (error) => {
      options.onError?.(error);
      reject(error);
    });
    worker.on('exit', (code) => {
      exited = true;
      exitReason = stopped !== undefined ? 'the listeners were stopped' : `the listener thread exited with code ${code}`;
      // Nothing more will come: whoever waits is let go (as `stop` does for the in-thread runner).
      for (const resolveWaiter of caughtUpWaiters.values()) resolveWaiter();
      caughtUpWaiters.clear();
      const expected = stopped !== undefined;
      stopped?.();
      if (code !== 0 && !expected) {
        const error = new Error(`the listener thread exited with code ${code}`);
        options.onError?.(error);
        reject(error);
      }
    });

    const runner: ListenerThread = {
      notRunning: () => (exited ? exitReason : stopped !== undefined ? 'the listeners are stopping' : undefined),
      committedEventsPort() {
        const { port1, port2 } = new MessageChannel();
        worker.postMessage({ kind: 'committedEvents', port: port2 } satisfies ToListenerThread, [port2]);
        return port1;
      },
      caughtUp: () => new Promise<void>((resolveWaiter) => {
        if (exited) return resolveWaiter();
        const id = nextId++;
        caughtUpWaiters.set(id, resolveWaiter);
        send({ kind: 'caughtUp', id });
      }),
      async stop() {
        if (exited) return;
        await new Promise<void>((resolveStop) => {
          stopped = resolveStop;
          send({ kind: 'stop' });
        });
        await worker.terminate();
      },
    };
  });
}
