/**
 * The payloads a subscriber's transport has not taken yet.
 *
 * A slow subscriber must never stall the others nor grow without bound, and
 * must never silently miss a final state. So below `capacity` every payload is
 * kept; at capacity a new payload replaces the queued payload of the same
 * entity (it was resolved after its change committed, so the latest change
 * carries the entity's latest state), and only a payload of an entity not
 * queued yet is appended. The queue is therefore bounded by `capacity` plus
 * the number of distinct entities the subscription matches — and, whatever
 * that number, by `maxBytes` of queued payloads: a reader that far behind is
 * dropped by its subscriber (`push` says so), never waited for.
 */
import type { SharedPayload } from './sharedPayload';

export class ChangeQueue {
  private readonly items: SharedPayload[] = [];
  /** Payloads replaced by a later change of the same entity (for tests and metrics). */
  coalesced = 0;
  /** The most payloads it has held at once (for tests and metrics). */
  peak = 0;
  /** The bytes of the payloads queued (their JSON). */
  private bytes = 0;

  constructor(private readonly capacity: number, private readonly maxBytes = Infinity) {}

  /** Queues the payload; false when the queue now holds more than `maxBytes` (the reader is too slow to keep). */
  push(payload: SharedPayload): boolean {
    if (this.items.length >= this.capacity) {
      const { kind, entityId } = payload.change;
      const same = this.items.findIndex((queued) => queued.change.kind === kind && queued.change.entityId === entityId);
      if (same >= 0) {
        this.bytes -= this.sizeOf(this.items.splice(same, 1)[0]!);
        this.coalesced++;
      }
    }
    this.items.push(payload);
    this.bytes += this.sizeOf(payload);
    if (this.items.length > this.peak) this.peak = this.items.length;
    return this.bytes <= this.maxBytes;
  }

  /** The oldest payload, removed from the queue. */
  shift(): SharedPayload | undefined {
    const payload = this.items.shift();
    if (payload) this.bytes -= this.sizeOf(payload);
    return payload;
  }

  get length(): number {
    return this.items.length;
  }

  /** A queue without a byte bound never serializes a payload to count it. */
  private sizeOf(payload: SharedPayload): number {
    return this.maxBytes === Infinity ? 0 : payload.json.length;
  }

  clear(): void {
    this.items.length = 0;
    this.bytes = 0;
  }
}
