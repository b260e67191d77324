/**
 * The keys the events in `hub.parked_event` wait on, counted, as of the
 * checkpoint the projector's cache stands at. Every batch releases a key per
 * row it writes and per sequence step it applies, thousands of them, and
 * almost none has an event waiting: the batch asks the database for parked
 * events only on the keys found here.
 *
 * Kept and invalidated with the row cache (only projectors write parked
 * events, under the checkpoint lock), and read again from the table whenever
 * the cache is.
 */
import type { Key } from './keys';
import type { Queryable } from './statements';

export class ParkedKeys {
  private readonly counts = new Map<Key, number>();

  /** The keys of the table as the transaction of `client` sees it. */
  static async read(client: Queryable): Promise<ParkedKeys> {
    const keys = new ParkedKeys();
    const { rows } = await client.query(`SELECT waiting_for, count(*)::int AS events FROM hub.parked_event GROUP BY waiting_for`);
    for (const row of rows) keys.counts.set(row.waiting_for as Key, row.events as number);
    return keys;
  }

  /** Whether no stored event waits at all. */
  get empty(): boolean {
    return this.counts.size === 0;
  }

  has(key: Key): boolean {
    return this.counts.has(key);
  }

  /** An event parked on `key` was stored. */
  add(key: Key): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** An event parked on `key` was taken out of the table (released, or parked again on another key). */
  remove(key: Key): void {
    const count = (this.counts.get(key) ?? 0) - 1;
    if (count > 0) this.counts.set(key, count);
    else this.counts.delete(key);
  }
}
