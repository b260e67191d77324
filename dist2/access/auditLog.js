"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.AuditLog = exports.NO_AUDIT = void 0;
/** Records nothing (for code that runs without a hub database). */
exports.NO_AUDIT = Object.freeze({ record: () => undefined });
const FLUSH_MS = 250;
const MAX_BATCH = 1000;
const MAX_WAITING = 50_000;
const RETRY_MS = 5_000;
class AuditLog {
    constructor(pool, options = {}) {
        this.pool = pool;
        this.options = options;
        this.waiting = [];
        this.dropped = 0;
        this.closed = false;
        /** The last write failed: the next one waits RETRY_MS. */
        this.failing = false;
    }
    record(entry) {
        if (this.closed)
            return;
        if (this.waiting.length >= MAX_WAITING) {
            this.waiting.shift();
            this.dropped++;
        }
        this.waiting.push({ at: new Date().toISOString(), entry });
        if (!this.timer && !this.failing)
            this.schedule(this.options.flushMs ?? FLUSH_MS);
    }
    /** Writes what is waiting; resolves once it is written (or failed, and was put back). */
    async flush() {
        clearTimeout(this.timer);
        this.timer = undefined;
        while (this.writing)
            await this.writing;
        if (this.waiting.length === 0)
            return;
        const batch = this.waiting.splice(0, MAX_BATCH);
        const writing = this.write(batch);
        this.writing = writing.then(() => undefined).finally(() => (this.writing = undefined));
        const failed = await writing;
        if (this.dropped > 0) {
            this.options.onError?.(`audit log: ${this.dropped} entries dropped (the database did not take them in time)`);
            this.dropped = 0;
        }
        if (this.waiting.length > 0 && !this.timer && !this.closed)
            this.schedule(failed ? RETRY_MS : this.options.flushMs ?? FLUSH_MS);
    }
    schedule(ms) {
        this.timer = setTimeout(() => void this.flush(), ms);
        // Entries waiting must not keep a stopping process alive; close() writes them.
        this.timer.unref();
    }
    /** Writes what is waiting and records nothing more. */
    async close() {
        this.closed = true;
        await this.flush();
        clearTimeout(this.timer);
        this.timer = undefined;
    }
    /** Resolves true when the batch failed (and was put back). */
    async write(batch) {
        const rows = batch.map(({ at, entry }, ord) => ({
            ord, at, kind: entry.kind, door: entry.door, subject: entry.subject, client: entry.client, status: entry.status,
            reason: entry.reason ?? null, detail: entry.detail ?? null,
        }));
        let failed = false;
        try {
            await this.pool.query(`INSERT INTO hub.audit_log (at, kind, door, subject, client, status, reason, detail)
         SELECT r.at, r.kind, r.door, r.subject, r.client, r.status, r.reason, r.detail
           FROM jsonb_to_recordset($1::jsonb) AS r(ord int, at timestamptz, kind text, door text, subject text, client text, status int, reason text, detail jsonb)
          ORDER BY r.ord`, [JSON.stringify(rows)]);
            this.failing = false;
        }
        catch (error) {
            failed = true;
            // Kept for the next flush (ahead of what came meanwhile), within the bound.
            if (!this.closed)
                this.waiting.unshift(...batch.slice(0, Math.max(0, MAX_WAITING - this.waiting.length)));
            // Said once per outage, not at every retry.
            if (!this.failing)
                this.options.onError?.(`audit log: entries not written yet, retrying every ${RETRY_MS / 1000} s (${error instanceof Error ? error.message : String(error)})`);
            this.failing = true;
        }
        return failed;
    }
}
exports.AuditLog = AuditLog;
//# sourceMappingURL=auditLog.js.map