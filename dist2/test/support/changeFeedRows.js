"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.feedEnd = feedEnd;
exports.feedRows = feedRows;
/** The id of the last change committed ('0' when none). */
async function feedEnd(pool) {
    const { rows } = await pool.query(`SELECT coalesce(max(change_id), 0)::text AS last FROM hub.change_feed`);
    return rows[0].last;
}
/** The changes after `after` up to `upTo` (inclusive), in commit order. */
async function feedRows(pool, after, upTo) {
    const { rows } = await pool.query(`SELECT c.change_id::text AS "changeId", c.entity_kind AS kind, c.entity_id AS "entityId", c.event_id AS "eventId",
            CASE c.entity_kind WHEN 'invoice' THEN i.project_id ELSE c.entity_id END AS "projectId",
            coalesce(ia.root_id, pa.root_id) AS "customerId"
     FROM hub.change_feed c
     LEFT JOIN billing.invoice i ON c.entity_kind = 'invoice' AND i.id = c.entity_id
     LEFT JOIN customer.account ia ON ia.id = i.account_id
     LEFT JOIN project.project p ON c.entity_kind = 'project' AND p.id = c.entity_id
     LEFT JOIN customer.account pa ON pa.id = p.account_id
     WHERE c.change_id > $1 AND c.change_id <= $2 ORDER BY c.change_id`, [after, upTo]);
    return rows;
}
//# sourceMappingURL=changeFeedRows.js.map