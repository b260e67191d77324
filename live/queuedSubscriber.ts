/**
 * A subscriber whose transport pulls its results, one at a time, as an async
 * iterator (graphql-sse): payloads wait in its bounded, coalescing queue until
 * the transport asks for the next one.
 */
import type { ExecutionResult } from 'graphql';
import { ChangeQueue } from './changeQueue';
import type { SharedPayload, Subscriber } from './sharedPayload';

export class QueuedSubscriber implements Subscriber, AsyncIterableIterator<ExecutionResult> {
  private readonly queue: ChangeQueue;
  private waiting: ((result: IteratorResult<ExecutionResult>) => void) | undefined;
  private done = false;

  constructor(capacity: number, private readonly onClose: () => void) {
    this.queue = new ChangeQueue(capacity);
  }

  deliver(payload: SharedPayload): void {
    if (this.done) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve({ value: payload.result, done: false });
      return;
    }
    this.queue.push(payload);
  }

  get queued(): number {
    return this.queue.length;
  }

  get peak(): number {
    return this.queue.peak;
  }

  get coalesced(): number {
    return this.queue.coalesced;
  }

  next(): Promise<IteratorResult<ExecutionResult>> {
    const payload = this.queue.shift();
    if (payload) return Promise.resolve({ value: payload.result, done: false });
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => { this.waiting = resolve; });
  }

  return(): Promise<IteratorResult<ExecutionResult>> {
    this.close();
    return Promise.resolve({ value: undefined, done: true });
  }

  close(): void {
    if (this.done) return;
    this.done = true;
    this.queue.clear();
    this.waiting?.({ value: undefined, done: true });
    this.waiting = undefined;
    this.onClose();
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
