/**
 * The read model as one batch of events sees it: rows loaded on demand with one
 * query per table per round trip, kept in memory while the batch decides, and
 * written back with one upsert statement per table, inside the batch's
 * transaction. What it holds and when it must load or wait is decided here;
 * the statements' text comes from listeners/tableStatements.ts.
 */
import type { Write } from './decision';
import { keyOf, parseKey, rowKey, type Key } from './keys';
import { specOf, TABLES, type AccountRow, type InvoiceLineRow, type RowByTable, type TableName } from './rows';
import { keyColumns, selectByKeys, selectWhereAny, writeStatement } from './tableStatements';
import { EVERY_KEY, RowCache, type CachedRow, type DroppedKeys } from './rowCache';
import type { InFlightBatch } from './inFlightBatch';
import type { Queryable } from './statements';
import { NeedsLoad, type ReadView } from './view';

const INVOICE_LINES = 'invoice_lines';
const ACCOUNTS_WITH_ROOT = 'accounts_with_root';
const INVOICE_LINES_PREFIX = `${INVOICE_LINES}:`;
const ACCOUNTS_WITH_ROOT_PREFIX = `${ACCOUNTS_WITH_ROOT}:`;

/** Key of the set of lines of one invoice. */
export function invoiceLinesKey(invoiceId: string): Key {
  return `${INVOICE_LINES_PREFIX}${encodeURIComponent(invoiceId)}`;
}
/** Key of the set of accounts whose merge root is `rootId`. */
export function accountsWithRootKey(rootId: string): Key {
  return `${ACCOUNTS_WITH_ROOT_PREFIX}${encodeURIComponent(rootId)}`;
}

/** Keys of sets of rows (an invoice's lines, the accounts under a root), as opposed to keys of rows. */
function isSetKey(key: Key): boolean {
  return key.startsWith(INVOICE_LINES_PREFIX) || key.startsWith(ACCOUNTS_WITH_ROOT_PREFIX);
}

/** Rows per write statement: a batch spanning many chunks (a rebuild) writes hundreds of thousands. */
const WRITE_CHUNK = 20_000;

export class UnitOfWork implements ReadView {
  /** Loaded rows by key; null marks a row known not to exist. */
  private readonly rows = new Map<Key, RowByTable[TableName] | null>();
  private readonly lineSets = new Map<string, Map<string, InvoiceLineRow>>();
  private readonly loadedRootSets = new Set<string>();
  private readonly dirty = new Map<Key, Write>();
  /** Sealed rows by table: new to the database, and possibly in it. */
  private readonly inserts = new Map<TableName, unknown[]>();
  private readonly upserts = new Map<TableName, unknown[]>();
  /** Statements sent by this unit of work (loads and flushes), for tests and benchmarks. */
  statements = 0;

  /**
   * The cache was complete when this unit of work began, so it loads nothing:
   * every row it holds is one it wrote, and no second map of changed rows is kept.
   */
  private readonly writesOnly: boolean;
  private sealed = false;
  /** The last two rows found or written: key, row, key, row. */
  private readonly recent: [Key | undefined, CachedRow, Key | undefined, CachedRow] = [undefined, null, undefined, null];

  /**
   * @param inFlight the batch before this one while it commits, when this one is decided ahead of
   * that commit: loads that could miss its writes wait for it (listeners/inFlightBatch.ts)
   */
  constructor(private readonly client: Queryable, private readonly base: RowCache = new RowCache(0), private readonly inFlight?: InFlightBatch) {
    this.writesOnly = base.complete;
  }

  /**
   * The row of `key` as this batch sees it: its own version, else the
   * cross-batch cache's (read there, not copied: only rows loaded or written
   * go back to the cache), null when it does not exist, undefined when it is
   * not known without a load.
   */
  private find(key: Key): RowByTable[TableName] | null | undefined {
    // An event reads a row and then writes it (the projector reads it again, for the running totals).
    if (key === this.recent[0]) return this.recent[1];
    if (key === this.recent[2]) return this.recent[3];
    let row = this.rows.get(key);
    if (row === undefined) row = this.base.get(key);
    if (row === undefined) {
      if (!this.base.complete) return undefined;
      row = null;
    }
    this.remembered(key, row);
    return row;
  }

  /** Keeps the last two rows found or written, newest first (only rows known: loading never changes them). */
  private remembered(key: Key, row: CachedRow): void {
    const recent = this.recent;
    if (key !== recent[0]) {
      recent[2] = recent[0];
      recent[3] = recent[1];
      recent[0] = key;
    }
    recent[1] = row;
  }

  // ── ReadView ──────────────────────────────────────────────────────────────
  get<T extends TableName>(table: T, ...idParts: string[]): RowByTable[T] | undefined {
    const key = keyOf(table, ...idParts);
    const row = this.find(key);
    if (row === undefined) throw new NeedsLoad([key]);
    return (row ?? undefined) as RowByTable[T] | undefined;
  }

  invoiceLines(invoiceId: string): InvoiceLineRow[] {
    // An invoice's lines are written together, by its draft: in this batch, or all in a batch before it.
    const set = this.lineSets.get(invoiceId) ?? (this.base.complete ? this.base.linesOf(invoiceId) : undefined);
    if (!set) throw new NeedsLoad([invoiceLinesKey(invoiceId)]);
    return [...set.values()];
  }

  accountsWithRoot(rootId: string): AccountRow[] {
    const complete = this.base.complete;
    if (!complete && !this.loadedRootSets.has(rootId)) throw new NeedsLoad([accountsWithRootKey(rootId)]);
    const accounts = new Map<Key, AccountRow>();
    // A complete cache knows the accounts under the root as the batches before this one left them.
    if (complete) for (const account of this.base.accountsWithRoot(rootId)) accounts.set(keyOf('account', account.id), account);
    for (const [key, row] of this.rows) {
      if (key.startsWith('account:')) accounts.set(key, row as AccountRow);
    }
    return [...accounts.values()].filter((account) => account !== null && account.rootId === rootId);
  }

  prefetch(keys: readonly Key[]): void {
    // A complete cache has every row at hand.
    if (this.base.complete) return;
    const missing = keys.filter((key) => !this.isLoaded(key));
    if (missing.length > 0) throw new NeedsLoad(missing);
  }

  // ── loading ───────────────────────────────────────────────────────────────
  /** The row of `key` when it is loaded (null: it does not exist); undefined when it is not loaded yet. */
  loaded<T extends TableName>(table: T, ...idParts: string[]): RowByTable[T] | null | undefined {
    return this.find(keyOf(table, ...idParts)) as RowByTable[T] | null | undefined;
  }

  /** {@link loaded} for a key the caller has already built (`keyOf`, `rowKey`). */
  loadedAt(key: Key): RowByTable[TableName] | null | undefined {
    return this.find(key);
  }

  isLoaded(key: Key): boolean {
    // Sets of rows are not rows: the cross-batch cache never answers for them.
    if (isSetKey(key)) {
      // A complete cache answers for sets too.
      if (this.base.complete) return true;
      const id = parseKey(key).parts[0]!;
      return key.startsWith(INVOICE_LINES_PREFIX) ? this.lineSets.has(id) : this.loadedRootSets.has(id);
    }
    return this.find(key) !== undefined;
  }

  /** Resolves once the batch before this one has committed, when this one is decided ahead of that commit: for a read that could miss its writes. */
  async inFlightSettled(): Promise<void> {
    await this.inFlight?.settled();
  }

  /** Loads every key not loaded yet: one query per kind of key. */
  async load(keys: Iterable<Key>): Promise<void> {
    // A complete cache answers for every row and every set when it is read: nothing is loaded.
    if (this.base.complete) return;
    const byKind = new Map<string, { keys: Key[]; idParts: string[][] }>();
    let wait = false;
    for (const key of new Set(keys)) {
      if (this.isLoaded(key)) continue;
      wait ||= this.inFlight?.mustWaitFor(key, isSetKey(key)) === true;
      const { kind, parts } = parseKey(key);
      let group = byKind.get(kind);
      if (!group) byKind.set(kind, (group = { keys: [], idParts: [] }));
      group.keys.push(key);
      group.idParts.push(parts);
    }
    if (wait) await this.inFlight!.settled();
    // Sent together (pipelined on a pipelined connection): one wait for every kind instead of one each.
    await Promise.all([...byKind].map(([kind, { keys: kindKeys, idParts }]) => {
      if (kind === INVOICE_LINES) return this.loadInvoiceLines(idParts.map((p) => p[0]!));
      if (kind === ACCOUNTS_WITH_ROOT) return this.loadAccountsWithRoot(idParts.map((p) => p[0]!));
      if (kind in TABLES) return this.loadRows(kind as TableName, kindKeys, idParts);
      throw new Error(`cannot load key kind "${kind}"`);
    }));
  }

  /** @param keys the keys of `idParts`, in the same order */
  private async loadRows(table: TableName, keys: readonly Key[], idParts: string[][]): Promise<void> {
    const columns = keyColumns(specOf(table));
    const params = columns.map((_, i) => idParts.map((parts) => parts[i]!));
    const result = await this.query(selectByKeys(table), params);
    for (const row of result.rows) this.remember(table, row);
    for (const key of keys) if (!this.rows.has(key)) this.rows.set(key, null);
  }

  private async loadInvoiceLines(invoiceIds: string[]): Promise<void> {
    const result = await this.query(selectWhereAny('invoice_line', 'invoice_id'), [invoiceIds]);
    for (const id of invoiceIds) if (!this.lineSets.has(id)) this.lineSets.set(id, new Map());
    for (const line of result.rows as InvoiceLineRow[]) {
      const set = this.lineSets.get(line.invoiceId)!;
      if (!set.has(line.lineId)) set.set(line.lineId, line);
    }
  }

  private async loadAccountsWithRoot(rootIds: string[]): Promise<void> {
    const result = await this.query(selectWhereAny('account', 'root_id'), [rootIds]);
    for (const row of result.rows) this.remember('account', row);
    for (const id of rootIds) this.loadedRootSets.add(id);
  }

  /** Keeps a row read from the database unless this batch already holds a newer version. */
  private remember(table: TableName, row: RowByTable[TableName]): void {
    const key = rowKey(table, row);
    if (!this.rows.get(key)) this.rows.set(key, this.base.get(key) ?? row);
  }

  // ── writing ───────────────────────────────────────────────────────────────
  /** The current version of a row (loading it if needed); undefined when absent. */
  async current<T extends TableName>(table: T, ...idParts: string[]): Promise<RowByTable[T] | undefined> {
    return this.currentAt(keyOf(table, ...idParts)) as Promise<RowByTable[T] | undefined>;
  }

  /** {@link current} for a key the caller has already built. */
  async currentAt(key: Key): Promise<RowByTable[TableName] | undefined> {
    if (this.find(key) === undefined) await this.load([key]);
    return this.find(key) ?? undefined;
  }

  /** Records a new version of a row, visible to the rest of the batch and written at flush. */
  put(change: Write): Key {
    return this.putAt(rowKey(change.table, change.row as never), change);
  }

  /** {@link put} for the row's key (`rowKey`) the caller has already built. */
  putAt(key: Key, change: Write): Key {
    this.rows.set(key, change.row);
    if (key === this.recent[2]) this.recent[2] = undefined;
    this.remembered(key, change.row);
    if (!this.writesOnly) this.dirty.set(key, change);
    if (change.table === 'invoice_line') {
      const line = change.row;
      let set = this.lineSets.get(line.invoiceId);
      // Lines are only written when their invoice is drafted, so a new set is complete.
      if (!set) this.lineSets.set(line.invoiceId, (set = new Map()));
      set.set(line.lineId, line);
    }
    return key;
  }

  /**
   * Sets aside the rows this batch changed, as they will be written: run
   * before the cache absorbs them, while it still tells rows the database
   * holds (upserted) from rows new to it (inserted, no conflict to check).
   * With `cache` (this unit of work's own), the cache then takes every row
   * this batch loaded or wrote, once it is committed; a batch that wrote
   * only (a complete cache) hands each row over as it seals it: one look at
   * the cache per row for both. Returns the keys of this batch's rows the
   * cache did not keep (all of them without `cache`).
   */
  sealWrites(cache?: RowCache): DroppedKeys {
    if (this.writesOnly) {
      // Once: the rows stay, for the cache.
      if (this.sealed) return EVERY_KEY;
      this.sealed = true;
      const absorbing = cache === this.base && cache.complete;
      for (const [key, row] of this.rows) {
        if (row === null) continue;
        const before = absorbing ? cache.keep(key, row) : this.base.get(key);
        this.seal(key.slice(0, key.indexOf(':')) as TableName, row, before != null);
      }
      if (absorbing) return cache.trim(this.rows.size);
      return cache?.absorb(this.rows.entries()) ?? EVERY_KEY;
    }
    // The cache was not complete when this unit of work began (it would be writesOnly), and never becomes so: any row may exist.
    for (const change of this.dirty.values()) this.seal(change.table, change.row, true);
    this.dirty.clear();
    return cache?.absorb(this.rows.entries()) ?? EVERY_KEY;
  }

  /** @param existing whether the database may hold the row (only a complete cache can say it does not) */
  private seal(table: TableName, row: RowByTable[TableName], existing: boolean): void {
    const group = existing ? this.upserts : this.inserts;
    let rows = group.get(table);
    if (!rows) group.set(table, (rows = []));
    rows.push(row);
  }

  /** Writes every changed row: an insert or upsert per table and up to WRITE_CHUNK rows, sent without waiting for each. */
  flush(): Promise<unknown> {
    this.sealWrites();
    const statements: Promise<unknown>[] = [];
    for (const [group, conflicts] of [[this.inserts, false], [this.upserts, true]] as const) {
      for (const [table, rows] of group) {
        const text = writeStatement(table, conflicts);
        for (let at = 0; at < rows.length; at += WRITE_CHUNK) {
          statements.push(this.query(text, [JSON.stringify(at === 0 && rows.length <= WRITE_CHUNK ? rows : rows.slice(at, at + WRITE_CHUNK))]));
        }
      }
      group.clear();
    }
    return Promise.all(statements);
  }

  private query(text: string, params: unknown[]) {
    this.statements++;
    return this.client.query(text, params);
  }
}
