"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.unbilledFactKeys = exports.unbilledFactCursor = void 0;
exports.unbilledFactsPage = unbilledFactsPage;
exports.countUnbilledFacts = countUnbilledFacts;
const amounts_1 = require("../shared/amounts");
const cursor_1 = require("../shared/cursor");
const date_scalar_1 = require("../shared/date.scalar");
const sql_1 = require("../shared/sql");
/** In the order of `kind` (the second sort key). */
const SOURCES = [
    { kind: 'expense', from: 'project.expense f', date: 'f.expense_date', id: 'f.id', amount: 'f.bill_amount',
        unbilled: `f.billable AND f.billed_by_invoice_ids = '{}'` },
    // The expression of the index milestone_unbilled: the UTC day of the approval.
    { kind: 'milestone', from: 'project.milestone f', date: `((f.approved_at AT TIME ZONE 'UTC')::date)`, id: 'f.id', amount: 'f.amount',
        unbilled: `f.billed_by_invoice_ids = '{}'` },
    { kind: 'time', from: 'project.time_entry f', date: 'f.work_date', id: 'f.id', amount: 'f.bill_amount',
        unbilled: `f.status = 'approved' AND f.billable AND f.billed_by_invoice_ids = '{}'` },
];
const KINDS = new Set(SOURCES.map((source) => source.kind));
exports.unbilledFactCursor = (0, cursor_1.cursorCodec)('unbilled:date', [date_scalar_1.isCalendarDate, (kind) => KINDS.has(kind), cursor_1.anyId]);
/** What every listed fact satisfies: old enough, and in a legal entity the reader sees. */
function conditions(source, asOf, olderThanDays, visible, params) {
    const list = [source.unbilled, `${source.date} < ${params.add(asOf)}::date - ${params.add(olderThanDays)}::int`];
    if (visible !== null)
        list.push(`p.legal_entity_id = ANY(${params.add(visible)}::text[])`);
    return list;
}
/** Rows of one kind after the cursor (date, kind, id): the kind decides how the date compares. */
function afterCursor(source, after, params) {
    if (after === null)
        return undefined;
    const [date, kind, id] = after;
    const day = `${params.add(date)}::date`;
    if (source.kind > kind)
        return `${source.date} >= ${day}`;
    if (source.kind < kind)
        return `${source.date} > ${day}`;
    return `(${source.date}, ${source.id}) > (${day}, ${params.add(id)}::text)`;
}
/** A page of unbilled facts, oldest first, `first + 1` rows. */
async function unbilledFactsPage(db, asOf, olderThanDays, visible, request) {
    const params = new sql_1.Params();
    const limit = params.add(request.first + 1);
    const parts = SOURCES.map((source) => {
        const where = conditions(source, asOf, olderThanDays, visible, params);
        const after = afterCursor(source, request.after, params);
        if (after)
            where.push(after);
        return `(SELECT '${source.kind}'::text AS kind, ${source.id} AS id, ${source.date} AS fact_date, ${source.amount} AS amount,
        p.currency, f.project_id, coalesce(a.root_id, p.account_id) AS customer_id
       FROM ${source.from} JOIN project.project p ON p.id = f.project_id LEFT JOIN customer.account a ON a.id = p.account_id
      WHERE ${where.join(' AND ')} ORDER BY ${source.date}, ${source.id} LIMIT ${limit})`;
    });
    const { rows } = await db.query(`SELECT kind, id, to_char(fact_date, 'YYYY-MM-DD') AS fact_date, amount, currency, project_id, customer_id,
            (${params.add(asOf)}::date - fact_date)::int AS age_days
       FROM (${parts.join(' UNION ALL ')}) facts ORDER BY fact_date, kind, id LIMIT ${limit}`, params.values);
    return rows.map((row) => ({
        id: row.id, kind: row.kind, project: { id: row.project_id }, customer: { id: row.customer_id },
        amount: (0, amounts_1.money)(row.amount, row.currency), factDate: row.fact_date, ageDays: row.age_days,
    }));
}
const unbilledFactKeys = (fact) => [fact.factDate, fact.kind, fact.id];
exports.unbilledFactKeys = unbilledFactKeys;
/** How many facts the whole list holds. */
async function countUnbilledFacts(db, asOf, olderThanDays, visible) {
    const params = new sql_1.Params();
    const parts = SOURCES.map((source) => `(SELECT count(*) FROM ${source.from} JOIN project.project p ON p.id = f.project_id
       WHERE ${conditions(source, asOf, olderThanDays, visible, params).join(' AND ')})`);
    const { rows } = await db.query(`SELECT (${parts.join(' + ')})::int AS n`, params.values);
    return rows[0].n;
}
//# sourceMappingURL=unbilledFacts.js.map