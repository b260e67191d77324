/**
 * The payloads a subscriber's transport has not taken yet.
 *
 * A slow subscriber must never stall the others nor grow without bound, and
 * must never silently miss a final state. So below `capacity` every payload is
 * kept; at capacity a new payload replaces the queued payload of the same
 * entity (it was resolved after its change committed, so the latest change
 * carries the entity's latest state), and only a payload of an entity not
 * queued yet is appended. The queue is therefore bounded by `capacity` plus
 * the number of distinct entities the subscription matches.
 */
import type { SharedPayload } from './sharedPayload';

export class ChangeQueue {
  private readonly items: SharedPayload[] = [];
  /** Payloads replaced by a later change of the same entity (for tests and metrics). */
  coalesced = 0;
  /** The most payloads it has held at once (for tests and metrics). */
  peak = 0;

  constructor(private readonly capacity: number) {}

  push(payload: SharedPayload): void {
    if (this.items.length >= this.capacity) {
      const { kind, entityId } = payload.change;
      const same = this.items.findIndex((queued) => queued.change.kind === kind && queued.change.entityId === entityId);
      if (same >= 0) {
        this.items.splice(same, 1);
        this.coalesced++;
      }
    }
    this.items.push(payload);
    if (this.items.length > this.peak) this.peak = this.items.length;
  }

  /** The oldest payload, removed from the queue. */
  shift(): SharedPayload | undefined {
    return this.items.shift();
  }

  get length(): number {
    return this.items.length;
  }

  clear(): void {
    this.items.length = 0;
  }
}
