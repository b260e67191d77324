/** What the hub's thread and the listener thread ({@link startListenersThread}) say to each other. */
import type { MessagePort } from 'node:worker_threads';
import type { BatchResult } from './projector';

export interface ListenerThreadData {
  databaseUrl: string;
  batchSize?: number;
  pollMs?: number;
  catchUpEvents?: number;
  /** Post a message per committed batch (only when someone listens: the hub's onBatch). */
  reportBatches: boolean;
}

export interface ErrorMessage { message: string; stack?: string }

export type ToListenerThread =
  | { kind: 'caughtUp'; id: number }
  | { kind: 'stop' }
  /** A port on which an ingest thread of this process posts the events it committed (hub/logTail.ts). */
  | { kind: 'committedEvents'; port: MessagePort };

export type FromListenerThread =
  | { kind: 'ready' }
  | { kind: 'failed'; error: ErrorMessage }
  | { kind: 'batch'; result: BatchResult }
  | { kind: 'error'; error: ErrorMessage }
  | { kind: 'caughtUp'; id: number }
  | { kind: 'stopped' };
