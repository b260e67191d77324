"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.KeysCollateC1764000000003 = exports.KEY_COLUMNS = void 0;
/**
 * Identifiers compare byte by byte (`COLLATE "C"`) instead of by the
 * database's locale: every text column that is part of a key or index.
 *
 * Why: ids are opaque strings, and the indexes on them are walked for almost
 * every event (the log's (source, id) pair, stream positions, each upserted
 * read-model row). Under a libc locale other than C or POSIX (C.UTF-8,
 * en_US.UTF-8, ...) Postgres compares two keys with `strcoll`, several times
 * slower than `memcmp`, and cannot abbreviate keys when it sorts. Byte order
 * is also the same on every server, whatever locale its database was made
 * with, so a list ordered by id (the tie-breaker of invoice lists) pages the
 * same way everywhere. Only the comparison changes; no value does.
 */
exports.KEY_COLUMNS = [
    ['hub.event_log', ['source', 'event_id']],
    ['hub.rejected_event', ['source', 'event_id']],
    ['hub.parked_event', ['waiting_for']],
    ['hub.stream_position', ['source', 'subject']],
    ['customer.account', ['id', 'root_id']],
    ['project.project', ['id', 'account_id']],
    ['project.time_entry', ['id', 'project_id']],
    ['project.expense', ['id', 'project_id']],
    ['project.milestone', ['id', 'project_id']],
    ['billing.invoice', ['id', 'account_id', 'project_id']],
    ['billing.invoice_line', ['invoice_id', 'line_id']],
    ['billing.invoice_exception', ['invoice_id', 'exception_id']],
    ['billing.payment', ['id']],
    ['billing.payment_allocation', ['payment_id', 'invoice_id']],
    ['billing.account_balance', ['account_id']],
    ['revenue.revenue_event', ['id', 'project_id']],
];
class KeysCollateC1764000000003 {
    constructor() {
        this.name = 'KeysCollateC1764000000003';
    }
    async up(q) {
        await alterCollation(q, 'COLLATE "C"');
    }
    async down(q) {
        await alterCollation(q, 'COLLATE "default"');
    }
}
exports.KeysCollateC1764000000003 = KeysCollateC1764000000003;
/** One ALTER TABLE per table: its indexes are rebuilt once, the rows are not rewritten (same type). */
async function alterCollation(q, collation) {
    for (const [table, columns] of exports.KEY_COLUMNS) {
        await q.query(`ALTER TABLE ${table} ${columns.map((column) => `ALTER COLUMN ${column} TYPE text ${collation}`).join(', ')}`);
    }
}
//# sourceMappingURL=1764000000003-KeysCollateC.js.map