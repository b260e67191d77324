/**
 * A subscriber whose transport pulls its results, one at a time, as an async
 * iterator (graphql-sse): payloads wait in its bounded, coalescing queue until
 * the transport asks for the next one.
 */
import type { ExecutionResult } from 'graphql';
import { ChangeQueue } from './changeQueue';
import type { SharedPayload } from './sharedPayload';
import { Subscriber } from './subscriber';

export class QueuedSubscriber extends Subscriber {
  private readonly queue: ChangeQueue;

  constructor(capacity: number, onClose: () => void) {
    super(onClose);
    this.queue = new ChangeQueue(capacity);
  }

  deliver(payload: SharedPayload): void {
    if (this.done || this.handOver(payload.result)) return;
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

  protected override take(): ExecutionResult | undefined {
    return this.queue.shift()?.result;
  }

  protected release(): void {
    this.queue.clear();
  }
}
