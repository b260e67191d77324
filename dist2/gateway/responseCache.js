"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ResponseCache = exports.DEFAULT_RESPONSE_CACHE_BYTES = void 0;
/**
 * Serialized GraphQL responses kept for as long as the read model does not
 * change. Dashboards and BI tools poll the same pages; between two commits of
 * the read model the answer to the same request is the same, so a hit skips
 * planning, every subgraph fetch and JSON serialization.
 *
 * Every lookup first reads the read model's position (the projector's
 * checkpoint) with a read that started after the request arrived (coalesced:
 * see gateway/freshReads.ts), and an entry answers only requests that read the
 * same position. A client that saw its events applied and then asks therefore
 * never gets an answer older than what it saw. An entry stored by a request
 * whose execution overlapped a commit may show part of that newer commit —
 * the same answer the request would have given without a cache, and it is
 * served only until the next read sees the new position.
 *
 * Entries of one position only are kept: when a fresher read sees another
 * position, all entries are dropped (none can answer again; the position only
 * grows, and a read model replayed from the same log to the same position has
 * the same rows). Memory is bounded by `maxBytes` (LRU by bytes).
 */
const freshReads_1 = require("./freshReads");
exports.DEFAULT_RESPONSE_CACHE_BYTES = 64 * 1024 * 1024;
/** Bookkeeping per entry beyond its key and body (Map slot, header object), roughly. */
const ENTRY_OVERHEAD_BYTES = 256;
/** Query texts remembered as selecting a volatile field (never cached; no position read for them). */
const MAX_VOLATILE_QUERIES = 1000;
class ResponseCache {
    constructor(options) {
        this.stats = { hits: 0, misses: 0, stored: 0, evicted: 0, invalidated: 0, positionReads: 0 };
        /** Insertion order is recency order: a hit moves its entry to the end. */
        this.entries = new Map();
        this.bytes = 0;
        this.volatileQueries = new Set();
        this.maxBytes = options.maxBytes ?? exports.DEFAULT_RESPONSE_CACHE_BYTES;
        this.readPosition = (0, freshReads_1.freshReads)(async () => {
            this.stats.positionReads++;
            return options.position();
        });
    }
    /** Bytes held now (bodies, keys and bookkeeping). */
    get size() {
        return this.bytes;
    }
    get entryCount() {
        return this.entries.size;
    }
    /** Reads the position (a read that starts after this call) and looks `key` up at it. */
    async lookup(key) {
        const position = await this.readPosition();
        this.adopt(position);
        // A lookup whose read was overtaken by a fresher one at another position finds nothing.
        const entry = this.current?.value === position.value ? this.entries.get(key) : undefined;
        if (!entry) {
            this.stats.misses++;
            return { position, response: undefined };
        }
        this.stats.hits++;
        this.entries.delete(key);
        this.entries.set(key, entry);
        return { position, response: entry.response };
    }
    /** Keeps a response computed after reading `position`, unless the read model has moved on since. */
    store(key, position, response) {
        this.adopt(position);
        if (this.current?.value !== position.value)
            return false;
        const bytes = response.body.length + key.length * 2 + ENTRY_OVERHEAD_BYTES;
        if (bytes > this.maxBytes)
            return false;
        const previous = this.entries.get(key);
        if (previous) {
            this.entries.delete(key);
            this.bytes -= previous.bytes;
        }
        this.entries.set(key, { response, bytes });
        this.bytes += bytes;
        this.stats.stored++;
        for (const [oldest, entry] of this.entries) {
            if (this.bytes <= this.maxBytes)
                break;
            this.entries.delete(oldest);
            this.bytes -= entry.bytes;
            this.stats.evicted++;
        }
        return true;
    }
    /** Whether `query` is known to select a field that changes without a commit (so not worth a lookup). */
    isVolatile(query) {
        return this.volatileQueries.has(query);
    }
    rememberVolatile(query) {
        if (this.volatileQueries.size >= MAX_VOLATILE_QUERIES)
            this.volatileQueries.clear();
        this.volatileQueries.add(query);
    }
    /** A fresher read than the current one becomes current; if its position differs, the entries go. */
    adopt(position) {
        if (this.current !== undefined && position.sequence <= this.current.sequence)
            return;
        if (this.current !== undefined && this.current.value !== position.value) {
            this.stats.invalidated += this.entries.size;
            this.entries.clear();
            this.bytes = 0;
        }
        this.current = position;
    }
}
exports.ResponseCache = ResponseCache;
//# sourceMappingURL=responseCache.js.map