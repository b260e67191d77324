"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ParkedKeys = void 0;
class ParkedKeys {
    constructor() {
        this.counts = new Map();
    }
    /** The keys of the table as the transaction of `client` sees it. */
    static async read(client) {
        const keys = new ParkedKeys();
        const { rows } = await client.query(`SELECT waiting_for, count(*)::int AS events FROM hub.parked_event GROUP BY waiting_for`);
        for (const row of rows)
            keys.counts.set(row.waiting_for, row.events);
        return keys;
    }
    /** Whether no stored event waits at all. */
    get empty() {
        return this.counts.size === 0;
    }
    has(key) {
        return this.counts.has(key);
    }
    /** An event parked on `key` was stored. */
    add(key) {
        this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    }
    /** An event parked on `key` was taken out of the table (released, or parked again on another key). */
    remove(key) {
        const count = (this.counts.get(key) ?? 0) - 1;
        if (count > 0)
            this.counts.set(key, count);
        else
            this.counts.delete(key);
    }
}
exports.ParkedKeys = ParkedKeys;
//# sourceMappingURL=parkedKeys.js.map