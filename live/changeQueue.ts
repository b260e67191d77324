/**
 * One subscriber's queue of changes, read as an async iterator.
 *
 * A slow subscriber must never stall the others nor grow without bound, and
 * must never silently miss a final state. So below `capacity` every change is
 * kept; at capacity a new change replaces the queued change of the same entity
 * (its payload is resolved after that change committed, so the latest change
 * carries the entity's latest state), and only a change of an entity not queued yet is
 * appended. The queue is therefore bounded by `capacity` plus the number of
 * distinct entities the subscription matches.
 */
import type { LiveChange } from './changeFeed';

export class ChangeQueue implements AsyncIterableIterator<LiveChange> {
  private readonly items: LiveChange[] = [];
  private waiting: ((result: IteratorResult<LiveChange>) => void) | undefined;
  private done = false;
  /** Changes replaced by a later change of the same entity (for tests and metrics). */
  coalesced = 0;
  /** The most changes it has held at once (for tests and metrics). */
  peak = 0;

  constructor(private readonly capacity: number, private readonly onClose?: () => void) {}

  push(change: LiveChange): void {
    if (this.done) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve({ value: change, done: false });
      return;
    }
    if (this.items.length >= this.capacity) {
      const same = this.items.findIndex((queued) => queued.kind === change.kind && queued.entityId === change.entityId);
      if (same >= 0) {
        this.items.splice(same, 1);
        this.coalesced++;
      }
    }
    this.items.push(change);
    if (this.items.length > this.peak) this.peak = this.items.length;
  }

  get length(): number {
    return this.items.length;
  }

  next(): Promise<IteratorResult<LiveChange>> {
    const item = this.items.shift();
    if (item) return Promise.resolve({ value: item, done: false });
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => { this.waiting = resolve; });
  }

  return(): Promise<IteratorResult<LiveChange>> {
    this.close();
    return Promise.resolve({ value: undefined, done: true });
  }

  close(): void {
    if (this.done) return;
    this.done = true;
    this.items.length = 0;
    this.waiting?.({ value: undefined, done: true });
    this.waiting = undefined;
    this.onClose?.();
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
