"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.pruneAuditLog = pruneAuditLog;
exports.startAuditRetention = startAuditRetention;
const retention_1 = require("../db/retention");
const AUDIT_LOG = { table: 'hub.audit_log', id: 'audit_id', time: 'at' };
/** Deletes the audit rows older than `retentionDays` (may be fractional), oldest first. */
function pruneAuditLog(pool, retentionDays, chunkSize = 10_000) {
    if (!(retentionDays >= 0))
        throw new RangeError(`retentionDays: expected a number of days >= 0, got ${String(retentionDays)}`);
    return (0, retention_1.pruneOldestRows)(pool, AUDIT_LOG, retentionDays * 86_400, chunkSize);
}
function startAuditRetention(options) {
    if (!(options.retentionDays > 0))
        return { stop: async () => undefined };
    return (0, retention_1.startRetention)({
        prune: () => pruneAuditLog(options.pool, options.retentionDays),
        intervalMs: options.intervalMs ?? 60 * 60 * 1000, onPruned: options.onPruned, onError: options.onError,
    });
}
//# sourceMappingURL=auditRetention.js.map