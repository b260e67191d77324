"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MAX_LIST_LIMIT = exports.DEFAULT_LIST_LIMIT = void 0;
exports.listParked = listParked;
exports.listExceptions = listExceptions;
exports.listRejected = listRejected;
exports.listAudit = listAudit;
exports.parseLimit = parseLimit;
exports.DEFAULT_LIST_LIMIT = 100;
exports.MAX_LIST_LIMIT = 1000;
const TIMESTAMP = (column) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
/** Parked events, longest waiting first. */
async function listParked(pool, limit) {
    const { rows } = await pool.query(`SELECT p.position::text AS position, e.source, e.event_id AS id, e.type, e.subject, p.waiting_for AS "waitingFor",
            p.reason, ${TIMESTAMP('p.parked_at')} AS "parkedAt"
     FROM hub.parked_event p JOIN hub.event_log e USING (position) ORDER BY p.position LIMIT $1`, [limit]);
    return rows;
}
/** Exceptions, newest first. */
async function listExceptions(pool, limit) {
    const { rows } = await pool.query(`SELECT x.position::text AS position, e.source, e.event_id AS id, e.type, e.subject, x.code, x.message,
            ${TIMESTAMP('x.raised_at')} AS "raisedAt"
     FROM hub.exception x JOIN hub.event_log e USING (position) ORDER BY x.position DESC LIMIT $1`, [limit]);
    return rows;
}
/** Rejected events, newest first. */
async function listRejected(pool, limit) {
    const { rows } = await pool.query(`SELECT source, event_id AS id, reason, errors, ${TIMESTAMP('received_at')} AS "receivedAt"
     FROM hub.rejected_event ORDER BY rejection_id DESC LIMIT $1`, [limit]);
    return rows;
}
/** The audit log (access/auditLog.ts), newest first. */
async function listAudit(pool, limit) {
    const { rows } = await pool.query(`SELECT audit_id::text AS id, ${TIMESTAMP('at')} AS at, kind, door, subject AS sub, client, status, reason, detail
     FROM hub.audit_log ORDER BY audit_id DESC LIMIT $1`, [limit]);
    return rows;
}
/** The `limit` query parameter: an integer 1..1000, default 100; otherwise an error message. */
function parseLimit(search) {
    const raw = new URLSearchParams(search).get('limit');
    if (raw === null)
        return exports.DEFAULT_LIST_LIMIT;
    const limit = Number(raw);
    if (!/^\d+$/.test(raw) || limit < 1 || limit > exports.MAX_LIST_LIMIT) {
        return `limit: expected an integer from 1 to ${exports.MAX_LIST_LIMIT}, got ${JSON.stringify(raw)}`;
    }
    return limit;
}
//# sourceMappingURL=operatorViews.js.map