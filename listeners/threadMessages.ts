/** What the hub's thread and the listener thread ({@link startListenersThread}) say to each other. */
import type { BatchResult } from './projector';

export interface ListenerThreadData {
  databaseUrl: string;
  batchSize?: number;
  pollMs?: number;
  /** Post a message per committed batch (only when someone listens: the hub's onBatch). */
  reportBatches: boolean;
}

export interface ErrorMessage { message: string; stack?: string }

export type ToListenerThread = { kind: 'caughtUp'; id: number } | { kind: 'stop' };

export type FromListenerThread =
  | { kind: 'ready' }
  | { kind: 'failed'; error: ErrorMessage }
  | { kind: 'batch'; result: BatchResult }
  | { kind: 'error'; error: ErrorMessage }
  | { kind: 'caughtUp'; id: number }
  | { kind: 'stopped' };
