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
 * While complete it also answers the sets of rows listeners ask for (an
 * invoice's lines, the accounts under a merge root), so a batch reads no
 * read-model table at all: not even rows a batch before it has not committed yet.
 */
import type { Key } from './keys';
import type { AccountRow, InvoiceLineRow, RowByTable, TableName } from './rows';

export type CachedRow = RowByTable[TableName] | null;

/** Keys of a batch's rows the cache did not keep. */
export interface DroppedKeys {
  has(key: Key): boolean;
}
const NO_KEYS: DroppedKeys = new Set<Key>();
/** The cache kept none of them (it is disabled, or was not given the batch's rows). */
export const EVERY_KEY: DroppedKeys = { has: () => true };

const INVOICE_LINE_PREFIX = 'invoice_line:';
const ACCOUNT_PREFIX = 'account:';
const NO_LINES: ReadonlyMap<string, InvoiceLineRow> = new Map();

/** Rows of the sets a complete cache answers for. */
function isIndexed(key: Key): boolean {
  return key.startsWith(INVOICE_LINE_PREFIX) || key.startsWith(ACCOUNT_PREFIX);
}

export class RowCache {
  private readonly rows = new Map<Key, CachedRow>();
  private completeness = false;
  /** While complete: the lines of each invoice, by line id (lines are written once, when their invoice is drafted). */
  private readonly linesByInvoice = new Map<string, Map<string, InvoiceLineRow>>();
  /** While complete: the keys of the accounts under each merge root. */
  private readonly accountsByRoot = new Map<string, Set<Key>>();

  /** @param capacity rows kept at most (the oldest go first); 0 disables the cache. */
  constructor(private readonly capacity: number) {}

  /** Declares the read model empty (the caller knows nothing has been applied to it): absent here means absent. */
  startEmpty(): void {
    this.clear();
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

  /** While complete: the lines of an invoice (none when it has none). */
  linesOf(invoiceId: string): ReadonlyMap<string, InvoiceLineRow> {
    return this.linesByInvoice.get(invoiceId) ?? NO_LINES;
  }

  /** While complete: the accounts whose merge root is `rootId`. */
  accountsWithRoot(rootId: string): AccountRow[] {
    const keys = this.accountsByRoot.get(rootId);
    return keys ? [...keys].map((key) => this.rows.get(key) as AccountRow) : [];
  }

  /**
   * Keeps the rows of a batch (committed, or committing: the next batch is
   * decided on them); returns those of them it dropped at once, because the
   * batch touched more rows than the cache holds.
   */
  absorb(rows: Iterable<[Key, CachedRow]>): DroppedKeys {
    if (this.capacity === 0) return EVERY_KEY;
    let count = 0;
    for (const [key, row] of rows) {
      this.keep(key, row);
      count++;
    }
    return this.trim(count);
  }

  /**
   * Keeps one row of a committed batch; {@link trim} once after the batch's
   * rows. While complete, returns the version it replaces (undefined: none).
   */
  keep(key: Key, row: CachedRow): CachedRow | undefined {
    if (this.capacity === 0) return undefined;
    if (!this.completeness) {
      // Least recently committed first out.
      this.rows.delete(key);
      this.rows.set(key, row);
      return undefined;
    }
    const before = this.rows.get(key);
    // A complete cache implies absences; a row deleted is never written, so null only says "not found".
    if (row === null) return before;
    // The order of first writes, not of last use: a complete cache drops nothing until it is full.
    if (isIndexed(key)) this.index(key, before ?? null, row);
    this.rows.set(key, row);
    return before;
  }

  /**
   * Drops the oldest rows beyond the capacity (after {@link keep}); returns
   * those dropped of the batch's `batchRows` rows just kept. Those are the
   * newest ({@link keep} moves a row last) unless the cache was complete,
   * which keeps the order of first writes: then any row dropped may be the batch's.
   */
  trim(batchRows = 0): DroppedKeys {
    if (this.rows.size <= this.capacity) return NO_KEYS;
    const firstOfBatch = this.completeness ? 0 : this.rows.size - batchRows;
    // Once a row is dropped, "not here" no longer means "does not exist", and the sets are no longer whole.
    this.completeness = false;
    this.linesByInvoice.clear();
    this.accountsByRoot.clear();
    const dropped = new Set<Key>();
    let position = 0;
    for (const key of this.rows.keys()) {
      if (this.rows.size <= this.capacity) break;
      if (position++ >= firstOfBatch) dropped.add(key);
      this.rows.delete(key);
    }
    return dropped;
  }

  /** Keeps the sets a complete cache answers for up to date with a row written. */
  private index(key: Key, before: CachedRow, row: RowByTable[TableName]): void {
    if (key.startsWith(INVOICE_LINE_PREFIX)) {
      const line = row as InvoiceLineRow;
      let lines = this.linesByInvoice.get(line.invoiceId);
      if (!lines) this.linesByInvoice.set(line.invoiceId, (lines = new Map()));
      lines.set(line.lineId, line);
    } else if (key.startsWith(ACCOUNT_PREFIX)) {
      const account = row as AccountRow;
      const previousRoot = (before as AccountRow | null)?.rootId;
      if (previousRoot === account.rootId) return;
      if (previousRoot !== undefined) this.accountsByRoot.get(previousRoot)?.delete(key);
      let keys = this.accountsByRoot.get(account.rootId);
      if (!keys) this.accountsByRoot.set(account.rootId, (keys = new Set()));
      keys.add(key);
    }
  }

  clear(): void {
    this.rows.clear();
    this.linesByInvoice.clear();
    this.accountsByRoot.clear();
    this.completeness = false;
  }

  get size(): number {
    return this.rows.size;
  }
}
