/**
 * The batch before this one while its writes and COMMIT are under way, as a
 * batch decided ahead of that commit sees it (listeners/projector.ts).
 *
 * The batch ahead decides on the row cache as the batch in flight leaves it,
 * and loads from Postgres only rows the cache does not hold. Such a row is
 * current in Postgres before that commit, so it is read at once, unless the
 * batch in flight may have written it:
 * - a row of that batch the cache dropped at once (the batch touched more
 *   rows than the cache holds);
 * - a set of rows (an invoice's lines, the accounts under a merge root): the
 *   cache does not answer for sets, and that batch may have added to one;
 * - parked events: that batch may have parked some.
 * Those reads wait for the commit. Reading at once is what lets the batch
 * ahead be decided while the one before it is written, instead of waiting
 * on its first load until that commit.
 */
import type { Key } from './keys';
import type { DroppedKeys } from './rowCache';

export class InFlightBatch {
  /** @param committed settles when the batch has committed or failed (a failure discards the batch ahead too) */
  constructor(private readonly committed: Promise<unknown>, private readonly dropped: DroppedKeys) {}

  /** Whether reading `key` before the commit could miss what the batch in flight wrote (once it has settled, waiting costs nothing). */
  mustWaitFor(key: Key, isSet: boolean): boolean {
    return isSet || this.dropped.has(key);
  }

  /** Resolves once the batch has committed or failed. */
  async settled(): Promise<void> {
    await this.committed.catch(() => undefined);
  }
}
