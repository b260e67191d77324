/**
 * Read-model rows kept between batches by the one projector that wrote them,
 * so a batch loads from Postgres only what earlier batches did not touch.
 *
 * Valid only while nothing else writes the read model: the projector fills it
 * after a COMMIT, empties it after any failure, and empties it when the
 * checkpoint it finds is not the one it committed last (another projector
 * process ran in between). Resolvers never write, so that is all.
 *
 * A cache that started on an empty read model and has never dropped a row is
 * *complete*: it holds every row there is, so a row it does not hold does not
 * exist, and nothing needs loading at all (a rebuild into a fresh database).
 */
import type { Key } from './keys';
import type { RowByTable, TableName } from './rows';

export type CachedRow = RowByTable[TableName] | null;

export class RowCache {
  private readonly rows = new Map<Key, CachedRow>();
  private completeness = false;

  /** @param capacity rows kept at most (the oldest go first); 0 disables the cache. */
  constructor(private readonly capacity: number) {}

  /** Declares the read model empty (the caller knows nothing has been applied to it): absent here means absent. */
  startEmpty(): void {
    this.rows.clear();
    this.completeness = this.capacity > 0;
  }

  /** Whether every row of the read model is here, so a row not here does not exist. */
  get complete(): boolean {
    return this.completeness;
  }

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
      // A complete cache implies absences; a row deleted is never written, so null only says "not found".
      if (row === null && this.completeness) continue;
      this.rows.delete(key);
      this.rows.set(key, row);
    }
    if (this.rows.size <= this.capacity) return;
    // Once a row is dropped, "not here" no longer means "does not exist".
    this.completeness = false;
    for (const key of this.rows.keys()) {
      if (this.rows.size <= this.capacity) break;
      this.rows.delete(key);
    }
  }

  clear(): void {
    this.rows.clear();
    this.completeness = false;
  }

  get size(): number {
    return this.rows.size;
  }
}
