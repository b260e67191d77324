/**
 * Read-model rows kept between batches by the one projector that wrote them,
 * so a batch loads from Postgres only what earlier batches did not touch.
 *
 * Valid only while nothing else writes the read model: the projector fills it
 * after a COMMIT, empties it after any failure, and empties it when the
 * checkpoint it finds is not the one it committed last (another projector
 * process ran in between). Resolvers never write, so that is all.
 */
import type { Key } from './keys';
import type { RowByTable, TableName } from './rows';

export type CachedRow = RowByTable[TableName] | null;

export class RowCache {
  private readonly rows = new Map<Key, CachedRow>();

  /** @param capacity rows kept at most (the oldest go first); 0 disables the cache. */
  constructor(private readonly capacity: number) {}

  has(key: Key): boolean {
    return this.rows.has(key);
  }

  /** The cached row (null: known not to exist); undefined when not cached. */
  get(key: Key): CachedRow | undefined {
    return this.rows.get(key);
  }

  /** Keeps the rows of a committed batch. */
  absorb(rows: Iterable<[Key, CachedRow]>): void {
    if (this.capacity === 0) return;
    for (const [key, row] of rows) {
      this.rows.delete(key);
      this.rows.set(key, row);
    }
    for (const key of this.rows.keys()) {
      if (this.rows.size <= this.capacity) break;
      this.rows.delete(key);
    }
  }

  clear(): void {
    this.rows.clear();
  }

  get size(): number {
    return this.rows.size;
  }
}
