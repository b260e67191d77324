import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { HttpError, type BodyShape, type IngestLimits } from './httpRequest';
import type { PreparedEvent } from './prepare';

/**
 * Reading a request's body into events and preparing them (JSON.parse,
 * validation, canonical JSON and content hashes: most of what ingest costs
 * the hub's CPU) on a worker thread of its own (ingest/preparerWorker.ts).
 * The hub's main thread also runs the listeners (and, in one-process mode,
 * the gateway): it is left to move bytes and talk to Postgres, and a second
 * core can prepare one request while the main thread stores another.
 * The body's bytes are moved to the thread, not copied, and decoded there;
 * taking the prepared events back costs the main thread about a tenth of
 * preparing them itself (0.5 vs 5.4 ms of CPU for 500 events).
 *
 * Requests are prepared one at a time in the order given. Should the thread
 * fail, the requests waiting for it fail (the server answers 500) and the
 * next request starts a new one.
 */

/** What the main thread asks for. */
export interface PrepareRequest {
  readonly id: number;
  /** The body's bytes, moved to the worker (not copied). */
  readonly bytes: Uint8Array;
  readonly shape: BodyShape;
  readonly limits: IngestLimits;
}

/** What the worker answers: the prepared events, a refused body (an HttpError's fields), or a failure. */
export type PrepareAnswer =
  | { readonly id: number; readonly prepared: PreparedEvent[] }
  | { readonly id: number; readonly refused: { readonly status: number; readonly code: string; readonly message: string; readonly headers: Readonly<Record<string, string>> } }
  | { readonly id: number; readonly failed: string };

export interface Preparer {
  /**
   * The events of a body, prepared; rejects with the HttpError that bodyText
   * or eventsOfBody throws for a body they refuse. The bytes are moved to the
   * thread: afterwards `bytes` is empty (detached) when it had an ArrayBuffer
   * of its own, as readBody's have; other bytes are copied first.
   */
  prepare(bytes: Uint8Array, shape: BodyShape, limits: IngestLimits): Promise<PreparedEvent[]>;
  /** Stops the thread; call once no request is under way. */
  close(): Promise<void>;
}

const WORKER_SCRIPT = path.join(__dirname, 'preparerWorker.js');

interface Waiter {
  resolve(prepared: PreparedEvent[]): void;
  reject(error: Error): void;
}

/** One thread and the requests it has been given and not yet answered. */
interface Thread {
  readonly worker: Worker;
  readonly waiting: Map<number, Waiter>;
}

export function startPreparer(): Preparer {
  let current: Thread | undefined;
  let nextId = 1;

  const start = (): Thread => {
    const thread: Thread = { worker: new Worker(WORKER_SCRIPT), waiting: new Map() };
    const failWaiting = (error: Error) => {
      if (current === thread) current = undefined;
      for (const waiter of thread.waiting.values()) waiter.reject(error);
      thread.waiting.clear();
    };
    // The HTTP server keeps the process alive while it listens; the thread never does.
    thread.worker.unref();
    thread.worker.on('message', (answer: PrepareAnswer) => {
      const waiter = thread.waiting.get(answer.id);
      if (waiter === undefined) return;
      thread.waiting.delete(answer.id);
      if ('prepared' in answer) waiter.resolve(answer.prepared);
      else if ('refused' in answer) waiter.reject(new HttpError(answer.refused.status, answer.refused.code, answer.refused.message, answer.refused.headers));
      else waiter.reject(new Error(`preparing the events failed: ${answer.failed}`));
    });
    thread.worker.on('error', failWaiting);
    thread.worker.on('exit', (code) => failWaiting(new Error(`the ingest preparer thread stopped (exit code ${code})`)));
    return thread;
  };

  // Started now, so the first request does not wait for the thread to load.
  current = start();

  return {
    prepare(bytes, shape, limits) {
      const thread = (current ??= start());
      const id = nextId++;
      // Only a whole ArrayBuffer can be moved; a view into a shared one (a small Node Buffer from its pool) is copied.
      const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer ? bytes : new Uint8Array(bytes);
      return new Promise<PreparedEvent[]>((resolve, reject) => {
        thread.waiting.set(id, { resolve, reject });
        thread.worker.postMessage({ id, bytes: own, shape, limits } satisfies PrepareRequest, [own.buffer as ArrayBuffer]);
      });
    },
    async close() {
      const stopping = current;
      current = undefined;
      await stopping?.worker.terminate();
    },
  };
}
