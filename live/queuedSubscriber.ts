/**
 * A subscriber whose transport pulls its results, one at a time, as an async
 * iterator (graphql-sse): payloads wait in its bounded, coalescing queue until
 * the transport asks for the next one. A reader so slow that more than
 * `maxBytes` wait is dropped: the subscription's last result is a
 * SUBSCRIBER_TOO_SLOW error.
 */
import type { ExecutionResult } from 'graphql';
import { ChangeQueue } from './changeQueue';
import type { SharedPayload } from './sharedPayload';
import { Subscriber, tooSlowError } from './subscriber';

export class QueuedSubscriber extends Subscriber {
  private readonly queue: ChangeQueue;
  /** The error the transport takes last, once the reader fell too far behind. */
  private farewell: ExecutionResult | undefined;

  constructor(capacity: number, onClose: () => void, private readonly maxBytes = Infinity) {
    super(onClose);
    this.queue = new ChangeQueue(capacity, maxBytes);
  }

  deliver(payload: SharedPayload): void {
    if (this.done || this.handOver(payload.result)) return;
    if (this.queue.push(payload)) return;
    // Leaves the group now (nothing more is queued); the iterator still yields the error, then ends.
    this.close();
    this.farewell = { errors: [tooSlowError(this.maxBytes)] };
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
    const queued = this.queue.shift();
    if (queued) return queued.result;
    const farewell = this.farewell;
    this.farewell = undefined;
    return farewell;
  }

  protected release(): void {
    this.queue.clear();
  }
}
