"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.RowCache = exports.EVERY_KEY = void 0;
const NO_KEYS = new Set();
/** The cache kept none of them (it is disabled, or was not given the batch's rows). */
exports.EVERY_KEY = { has: () => true };
const INVOICE_LINE_PREFIX = 'invoice_line:';
const ACCOUNT_PREFIX = 'account:';
const NO_LINES = new Map();
/** Rows of the sets a complete cache answers for. */
function isIndexed(key) {
    return key.startsWith(INVOICE_LINE_PREFIX) || key.startsWith(ACCOUNT_PREFIX);
}
class RowCache {
    /** @param capacity rows kept at most (the oldest go first); 0 disables the cache. */
    constructor(capacity) {
        this.capacity = capacity;
        this.rows = new Map();
        this.completeness = false;
        /** While complete: the lines of each invoice, by line id (lines are written once, when their invoice is drafted). */
        this.linesByInvoice = new Map();
        /** While complete: the keys of the accounts under each merge root. */
        this.accountsByRoot = new Map();
    }
    /** Declares the read model empty (the caller knows nothing has been applied to it): absent here means absent. */
    startEmpty() {
        this.clear();
        this.completeness = this.capacity > 0;
    }
    /** Whether every row of the read model is here, so a row not here does not exist. */
    get complete() {
        return this.completeness;
    }
    has(key) {
        return this.rows.has(key);
    }
    /** The cached row (null: known not to exist); undefined when not cached. */
    get(key) {
        return this.rows.get(key);
    }
    /** While complete: the lines of an invoice (none when it has none). */
    linesOf(invoiceId) {
        return this.linesByInvoice.get(invoiceId) ?? NO_LINES;
    }
    /** While complete: the accounts whose merge root is `rootId`. */
    accountsWithRoot(rootId) {
        const keys = this.accountsByRoot.get(rootId);
        return keys ? [...keys].map((key) => this.rows.get(key)) : [];
    }
    /**
     * Keeps the rows of a batch (committed, or committing: the next batch is
     * decided on them); returns those of them it dropped at once, because the
     * batch touched more rows than the cache holds.
     */
    absorb(rows) {
        if (this.capacity === 0)
            return exports.EVERY_KEY;
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
    keep(key, row) {
        if (this.capacity === 0)
            return undefined;
        if (!this.completeness) {
            // Least recently committed first out.
            this.rows.delete(key);
            this.rows.set(key, row);
            return undefined;
        }
        const before = this.rows.get(key);
        // A complete cache implies absences; a row deleted is never written, so null only says "not found".
        if (row === null)
            return before;
        // The order of first writes, not of last use: a complete cache drops nothing until it is full.
        if (isIndexed(key))
            this.index(key, before ?? null, row);
        this.rows.set(key, row);
        return before;
    }
    /**
     * Drops the oldest rows beyond the capacity (after {@link keep}); returns
     * those dropped of the batch's `batchRows` rows just kept. Those are the
     * newest ({@link keep} moves a row last) unless the cache was complete,
     * which keeps the order of first writes: then any row dropped may be the batch's.
     */
    trim(batchRows = 0) {
        if (this.rows.size <= this.capacity)
            return NO_KEYS;
        const firstOfBatch = this.completeness ? 0 : this.rows.size - batchRows;
        // Once a row is dropped, "not here" no longer means "does not exist", and the sets are no longer whole.
        this.completeness = false;
        this.linesByInvoice.clear();
        this.accountsByRoot.clear();
        const dropped = new Set();
        let position = 0;
        for (const key of this.rows.keys()) {
            if (this.rows.size <= this.capacity)
                break;
            if (position++ >= firstOfBatch)
                dropped.add(key);
            this.rows.delete(key);
        }
        return dropped;
    }
    /** Keeps the sets a complete cache answers for up to date with a row written. */
    index(key, before, row) {
        if (key.startsWith(INVOICE_LINE_PREFIX)) {
            const line = row;
            let lines = this.linesByInvoice.get(line.invoiceId);
            if (!lines)
                this.linesByInvoice.set(line.invoiceId, (lines = new Map()));
            lines.set(line.lineId, line);
        }
        else if (key.startsWith(ACCOUNT_PREFIX)) {
            const account = row;
            const previousRoot = before?.rootId;
            if (previousRoot === account.rootId)
                return;
            if (previousRoot !== undefined)
                this.accountsByRoot.get(previousRoot)?.delete(key);
            let keys = this.accountsByRoot.get(account.rootId);
            if (!keys)
                this.accountsByRoot.set(account.rootId, (keys = new Set()));
            keys.add(key);
        }
    }
    clear() {
        this.rows.clear();
        this.linesByInvoice.clear();
        this.accountsByRoot.clear();
        this.completeness = false;
    }
    get size() {
        return this.rows.size;
    }
}
exports.RowCache = RowCache;
//# sourceMappingURL=rowCache.js.map