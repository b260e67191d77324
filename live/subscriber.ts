/**
 * Where a subscription's payloads go: a transport's own subscriber for one
 * subscription, a member of its group in the fan-out.
 *
 * graphql-js takes a subscription's event stream as an async iterator, so
 * every subscriber is one: a pulled subscriber (graphql-sse) yields its
 * results from it; one that writes its payloads itself (graphql-ws) yields
 * nothing and ends when closed.
 */
import { GraphQLError, type ExecutionResult } from 'graphql';
import type { SharedPayload } from './sharedPayload';

/** Why a subscription ended when its reader fell further behind than its buffer allows. */
export function tooSlowError(maxBytes: number): GraphQLError {
  return new GraphQLError(
    `the subscription ended: its client left more than ${maxBytes} bytes of changes unread; subscribe again to resume from the current state`,
    { extensions: { code: 'SUBSCRIBER_TOO_SLOW' } },
  );
}

export abstract class Subscriber implements AsyncIterableIterator<ExecutionResult> {
  private waiting: ((result: IteratorResult<ExecutionResult>) => void) | undefined;
  protected done = false;

  /** `onClose` leaves the group: called once, when the subscription ends. */
  constructor(private readonly onClose: () => void) {}

  /** Takes the next payload, in commit order; must not block (a slow reader queues, bounded). */
  abstract deliver(payload: SharedPayload): void;
  /** Payloads waiting for the transport (for tests and metrics). */
  abstract readonly queued: number;
  /** The most it has held at once. */
  abstract readonly peak: number;
  /** Payloads replaced by a later change of the same entity. */
  abstract readonly coalesced: number;

  /** A result for a reader of the iterator, if it has one now. */
  protected take(): ExecutionResult | undefined {
    return undefined;
  }

  /** Hands a result to a reader waiting on the iterator; false when none waits. */
  protected handOver(result: ExecutionResult): boolean {
    const resolve = this.waiting;
    if (!resolve) return false;
    this.waiting = undefined;
    resolve({ value: result, done: false });
    return true;
  }

  /** Drops what it holds when it closes. */
  protected abstract release(): void;

  next(): Promise<IteratorResult<ExecutionResult>> {
    const value = this.take();
    if (value) return Promise.resolve({ value, done: false });
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => { this.waiting = resolve; });
  }

  return(): Promise<IteratorResult<ExecutionResult>> {
    this.close();
    return Promise.resolve({ value: undefined, done: true });
  }

  /** Ends the subscription too: graphql-sse ends an operation (on disconnect) only through an iterator that has `throw`. */
  throw(error?: unknown): Promise<IteratorResult<ExecutionResult>> {
    this.close();
    return Promise.reject(error);
  }

  close(): void {
    if (this.done) return;
    this.done = true;
    this.release();
    this.waiting?.({ value: undefined, done: true });
    this.waiting = undefined;
    this.onClose();
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
