"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.UnitOfWork = void 0;
exports.invoiceLinesKey = invoiceLinesKey;
exports.accountsWithRootKey = accountsWithRootKey;
const keys_1 = require("./keys");
const rows_1 = require("./rows");
const rowCache_1 = require("./rowCache");
const view_1 = require("./view");
const INVOICE_LINES = 'invoice_lines';
const ACCOUNTS_WITH_ROOT = 'accounts_with_root';
const INVOICE_LINES_PREFIX = `${INVOICE_LINES}:`;
const ACCOUNTS_WITH_ROOT_PREFIX = `${ACCOUNTS_WITH_ROOT}:`;
/** Key of the set of lines of one invoice. */
function invoiceLinesKey(invoiceId) {
    return `${INVOICE_LINES_PREFIX}${encodeURIComponent(invoiceId)}`;
}
/** Key of the set of accounts whose merge root is `rootId`. */
function accountsWithRootKey(rootId) {
    return `${ACCOUNTS_WITH_ROOT_PREFIX}${encodeURIComponent(rootId)}`;
}
function selectList(spec) {
    return Object.entries(spec.columns).map(([field, [column, type]]) => {
        switch (type) {
            case 'date': return `to_char(${column}, 'YYYY-MM-DD') AS "${field}"`;
            case 'timestamptz': return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "${field}"`;
            case 'bigint': return `${column}::text AS "${field}"`;
            default: return `${column} AS "${field}"`;
        }
    }).join(', ');
}
/** Rows per write statement: a batch spanning many chunks (a rebuild) writes hundreds of thousands. */
const WRITE_CHUNK = 20_000;
const writeStatements = new Map();
/**
 * The statement writing rows of `table` given as a JSON array: an insert, or
 * with `conflicts` an upsert replacing the row of the same key.
 */
function writeStatement(table, conflicts) {
    const id = `${table}/${conflicts}`;
    let text = writeStatements.get(id);
    if (text !== undefined)
        return text;
    const spec = (0, rows_1.specOf)(table);
    const entries = Object.entries(spec.columns);
    const keys = new Set(keyColumns(spec));
    const updates = entries.filter(([, [column]]) => !keys.has(column)).map(([, [column]]) => `${column} = EXCLUDED.${column}`);
    text = `INSERT INTO ${spec.sqlName} (${entries.map(([, [column]]) => column).join(', ')})
     SELECT ${entries.map(([field]) => `"${field}"`).join(', ')}
     FROM jsonb_to_recordset($1::jsonb) AS r(${entries.map(([field, [, type]]) => `"${field}" ${type}`).join(', ')})` +
        (conflicts ? `\n     ON CONFLICT (${[...keys].join(', ')}) DO ${updates.length ? `UPDATE SET ${updates.join(', ')}` : 'NOTHING'}` : '');
    writeStatements.set(id, text);
    return text;
}
/** Keys of sets of rows (an invoice's lines, the accounts under a root), as opposed to keys of rows. */
function isSetKey(key) {
    return key.startsWith(INVOICE_LINES_PREFIX) || key.startsWith(ACCOUNTS_WITH_ROOT_PREFIX);
}
function keyColumns(spec) {
    return spec.key.map((field) => spec.columns[field][0]);
}
class UnitOfWork {
    /**
     * @param inFlight the batch before this one while it commits, when this one is decided ahead of
     * that commit: loads that could miss its writes wait for it (listeners/inFlightBatch.ts)
     */
    constructor(client, base = new rowCache_1.RowCache(0), inFlight) {
        this.client = client;
        this.base = base;
        this.inFlight = inFlight;
        /** Loaded rows by key; null marks a row known not to exist. */
        this.rows = new Map();
        this.lineSets = new Map();
        this.loadedRootSets = new Set();
        this.dirty = new Map();
        /** Sealed rows by table: new to the database, and possibly in it. */
        this.inserts = new Map();
        this.upserts = new Map();
        /** Statements sent by this unit of work (loads and flushes), for tests and benchmarks. */
        this.statements = 0;
        this.sealed = false;
        /** The last two rows found or written: key, row, key, row. */
        this.recent = [undefined, null, undefined, null];
        this.writesOnly = base.complete;
    }
    /**
     * The row of `key` as this batch sees it: its own version, else the
     * cross-batch cache's (read there, not copied: only rows loaded or written
     * go back to the cache), null when it does not exist, undefined when it is
     * not known without a load.
     */
    find(key) {
        // An event reads a row and then writes it (the projector reads it again, for the running totals).
        if (key === this.recent[0])
            return this.recent[1];
        if (key === this.recent[2])
            return this.recent[3];
        let row = this.rows.get(key);
        if (row === undefined)
            row = this.base.get(key);
        if (row === undefined) {
            if (!this.base.complete)
                return undefined;
            row = null;
        }
        this.remembered(key, row);
        return row;
    }
    /** Keeps the last two rows found or written, newest first (only rows known: loading never changes them). */
    remembered(key, row) {
        const recent = this.recent;
        if (key !== recent[0]) {
            recent[2] = recent[0];
            recent[3] = recent[1];
            recent[0] = key;
        }
        recent[1] = row;
    }
    // ── ReadView ──────────────────────────────────────────────────────────────
    get(table, ...idParts) {
        const key = (0, keys_1.keyOf)(table, ...idParts);
        const row = this.find(key);
        if (row === undefined)
            throw new view_1.NeedsLoad([key]);
        return (row ?? undefined);
    }
    invoiceLines(invoiceId) {
        // An invoice's lines are written together, by its draft: in this batch, or all in a batch before it.
        const set = this.lineSets.get(invoiceId) ?? (this.base.complete ? this.base.linesOf(invoiceId) : undefined);
        if (!set)
            throw new view_1.NeedsLoad([invoiceLinesKey(invoiceId)]);
        return [...set.values()];
    }
    accountsWithRoot(rootId) {
        const complete = this.base.complete;
        if (!complete && !this.loadedRootSets.has(rootId))
            throw new view_1.NeedsLoad([accountsWithRootKey(rootId)]);
        const accounts = new Map();
        // A complete cache knows the accounts under the root as the batches before this one left them.
        if (complete)
            for (const account of this.base.accountsWithRoot(rootId))
                accounts.set((0, keys_1.keyOf)('account', account.id), account);
        for (const [key, row] of this.rows) {
            if (key.startsWith('account:'))
                accounts.set(key, row);
        }
        return [...accounts.values()].filter((account) => account !== null && account.rootId === rootId);
    }
    prefetch(keys) {
        // A complete cache has every row at hand.
        if (this.base.complete)
            return;
        const missing = keys.filter((key) => !this.isLoaded(key));
        if (missing.length > 0)
            throw new view_1.NeedsLoad(missing);
    }
    // ── loading ───────────────────────────────────────────────────────────────
    /** The row of `key` when it is loaded (null: it does not exist); undefined when it is not loaded yet. */
    loaded(table, ...idParts) {
        return this.find((0, keys_1.keyOf)(table, ...idParts));
    }
    /** {@link loaded} for a key the caller has already built (`keyOf`, `rowKey`). */
    loadedAt(key) {
        return this.find(key);
    }
    isLoaded(key) {
        // Sets of rows are not rows: the cross-batch cache never answers for them.
        if (isSetKey(key)) {
            // A complete cache answers for sets too.
            if (this.base.complete)
                return true;
            const id = (0, keys_1.parseKey)(key).parts[0];
            return key.startsWith(INVOICE_LINES_PREFIX) ? this.lineSets.has(id) : this.loadedRootSets.has(id);
        }
        return this.find(key) !== undefined;
    }
    /** Resolves once the batch before this one has committed, when this one is decided ahead of that commit: for a read that could miss its writes. */
    async inFlightSettled() {
        await this.inFlight?.settled();
    }
    /** Loads every key not loaded yet: one query per kind of key. */
    async load(keys) {
        // A complete cache answers for every row and every set when it is read: nothing is loaded.
        if (this.base.complete)
            return;
        const byKind = new Map();
        let wait = false;
        for (const key of new Set(keys)) {
            if (this.isLoaded(key))
                continue;
            wait ||= this.inFlight?.mustWaitFor(key, isSetKey(key)) === true;
            const { kind, parts } = (0, keys_1.parseKey)(key);
            let group = byKind.get(kind);
            if (!group)
                byKind.set(kind, (group = { keys: [], idParts: [] }));
            group.keys.push(key);
            group.idParts.push(parts);
        }
        if (wait)
            await this.inFlight.settled();
        // Sent together (pipelined on a pipelined connection): one wait for every kind instead of one each.
        await Promise.all([...byKind].map(([kind, { keys: kindKeys, idParts }]) => {
            if (kind === INVOICE_LINES)
                return this.loadInvoiceLines(idParts.map((p) => p[0]));
            if (kind === ACCOUNTS_WITH_ROOT)
                return this.loadAccountsWithRoot(idParts.map((p) => p[0]));
            if (kind in rows_1.TABLES)
                return this.loadRows(kind, kindKeys, idParts);
            throw new Error(`cannot load key kind "${kind}"`);
        }));
    }
    /** @param keys the keys of `idParts`, in the same order */
    async loadRows(table, keys, idParts) {
        const spec = (0, rows_1.specOf)(table);
        const columns = keyColumns(spec);
        const params = columns.map((_, i) => idParts.map((parts) => parts[i]));
        const where = columns.length === 1
            ? `${columns[0]} = ANY($1::text[])`
            : `(${columns.join(', ')}) IN (SELECT * FROM unnest(${columns.map((_, i) => `$${i + 1}::text[]`).join(', ')}))`;
        const result = await this.query(`SELECT ${selectList(spec)} FROM ${spec.sqlName} WHERE ${where}`, params);
        for (const row of result.rows)
            this.remember(table, row);
        for (const key of keys)
            if (!this.rows.has(key))
                this.rows.set(key, null);
    }
    async loadInvoiceLines(invoiceIds) {
        const spec = (0, rows_1.specOf)('invoice_line');
        const result = await this.query(`SELECT ${selectList(spec)} FROM ${spec.sqlName} WHERE invoice_id = ANY($1::text[])`, [invoiceIds]);
        for (const id of invoiceIds)
            if (!this.lineSets.has(id))
                this.lineSets.set(id, new Map());
        for (const line of result.rows) {
            const set = this.lineSets.get(line.invoiceId);
            if (!set.has(line.lineId))
                set.set(line.lineId, line);
        }
    }
    async loadAccountsWithRoot(rootIds) {
        const spec = (0, rows_1.specOf)('account');
        const result = await this.query(`SELECT ${selectList(spec)} FROM ${spec.sqlName} WHERE root_id = ANY($1::text[])`, [rootIds]);
        for (const row of result.rows)
            this.remember('account', row);
        for (const id of rootIds)
            this.loadedRootSets.add(id);
    }
    /** Keeps a row read from the database unless this batch already holds a newer version. */
    remember(table, row) {
        const key = (0, keys_1.rowKey)(table, row);
        if (!this.rows.get(key))
            this.rows.set(key, this.base.get(key) ?? row);
    }
    // ── writing ───────────────────────────────────────────────────────────────
    /** The current version of a row (loading it if needed); undefined when absent. */
    async current(table, ...idParts) {
        return this.currentAt((0, keys_1.keyOf)(table, ...idParts));
    }
    /** {@link current} for a key the caller has already built. */
    async currentAt(key) {
        if (this.find(key) === undefined)
            await this.load([key]);
        return this.find(key) ?? undefined;
    }
    /** Records a new version of a row, visible to the rest of the batch and written at flush. */
    put(change) {
        return this.putAt((0, keys_1.rowKey)(change.table, change.row), change);
    }
    /** {@link put} for the row's key (`rowKey`) the caller has already built. */
    putAt(key, change) {
        this.rows.set(key, change.row);
        if (key === this.recent[2])
            this.recent[2] = undefined;
        this.remembered(key, change.row);
        if (!this.writesOnly)
            this.dirty.set(key, change);
        if (change.table === 'invoice_line') {
            const line = change.row;
            let set = this.lineSets.get(line.invoiceId);
            // Lines are only written when their invoice is drafted, so a new set is complete.
            if (!set)
                this.lineSets.set(line.invoiceId, (set = new Map()));
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
    sealWrites(cache) {
        if (this.writesOnly) {
            // Once: the rows stay, for the cache.
            if (this.sealed)
                return rowCache_1.EVERY_KEY;
            this.sealed = true;
            const absorbing = cache === this.base && cache.complete;
            for (const [key, row] of this.rows) {
                if (row === null)
                    continue;
                const before = absorbing ? cache.keep(key, row) : this.base.get(key);
                this.seal(key.slice(0, key.indexOf(':')), row, before != null);
            }
            if (absorbing)
                return cache.trim(this.rows.size);
            return cache?.absorb(this.rows.entries()) ?? rowCache_1.EVERY_KEY;
        }
        // The cache was not complete when this unit of work began (it would be writesOnly), and never becomes so: any row may exist.
        for (const change of this.dirty.values())
            this.seal(change.table, change.row, true);
        this.dirty.clear();
        return cache?.absorb(this.rows.entries()) ?? rowCache_1.EVERY_KEY;
    }
    /** @param existing whether the database may hold the row (only a complete cache can say it does not) */
    seal(table, row, existing) {
        const group = existing ? this.upserts : this.inserts;
        let rows = group.get(table);
        if (!rows)
            group.set(table, (rows = []));
        rows.push(row);
    }
    /** Writes every changed row: an insert or upsert per table and up to WRITE_CHUNK rows, sent without waiting for each. */
    flush() {
        this.sealWrites();
        const statements = [];
        for (const [group, conflicts] of [[this.inserts, false], [this.upserts, true]]) {
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
    query(text, params) {
        this.statements++;
        return this.client.query(text, params);
    }
}
exports.UnitOfWork = UnitOfWork;
//# sourceMappingURL=unitOfWork.js.map