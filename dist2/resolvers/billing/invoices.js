"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.invoiceKeys = exports.invoiceCursor = void 0;
exports.toInvoice = toInvoice;
exports.invoicesById = invoicesById;
exports.invoicesPage = invoicesPage;
exports.countInvoices = countInvoices;
exports.invoicePagesOf = invoicePagesOf;
exports.countInvoicesOf = countInvoicesOf;
exports.openExceptionsOf = openExceptionsOf;
const cursor_1 = require("../shared/cursor");
const enums_1 = require("../shared/enums");
const amounts_1 = require("../shared/amounts");
const sql_1 = require("../shared/sql");
/** The invoice's row and the survivor of its account (the account's root). */
const SELECT = `SELECT i.id, i.invoice_number, i.currency, i.status, i.tax_status, i.payment_state, i.net_total,
  i.tax_total, i.gross_total, i.amount_paid, i.amount_due, i.invoice_date, i.due_date, i.drafted_at, i.posted_at,
  i.sent_at, i.voided_at, i.project_id, coalesce(a.root_id, i.account_id) AS customer_id,
  ${(0, cursor_1.timestampKeySql)('i.drafted_at')} AS drafted_key
  FROM billing.invoice i LEFT JOIN customer.account a ON a.id = i.account_id`;
/** Invoices are listed in time order: drafted, then id (index invoice_drafted_at and its per-account/project twins). */
const INVOICE_ORDER = [{ sql: 'i.drafted_at', cast: 'timestamptz' }, { sql: 'i.id' }];
exports.invoiceCursor = (0, cursor_1.cursorCodec)('invoice:drafted', [cursor_1.timestampKey, cursor_1.anyId]);
const invoiceKeys = (invoice) => [invoice.draftedKey, invoice.id];
exports.invoiceKeys = invoiceKeys;
function toInvoice(row) {
    const c = row.currency;
    return {
        id: row.id,
        number: row.invoice_number,
        status: (0, enums_1.storedEnum)(row.status),
        taxStatus: (0, enums_1.storedEnum)(row.tax_status),
        paymentState: (0, enums_1.storedEnum)(row.payment_state),
        currency: c,
        netTotal: (0, amounts_1.money)(row.net_total, c),
        taxTotal: (0, amounts_1.moneyOrNull)(row.tax_total, c),
        grossTotal: (0, amounts_1.money)(row.gross_total, c),
        amountPaid: (0, amounts_1.money)(row.amount_paid, c),
        amountDue: (0, amounts_1.moneyOrNull)(row.amount_due, c),
        draftedAt: row.drafted_at,
        postedAt: row.posted_at,
        sentAt: row.sent_at,
        voidedAt: row.voided_at,
        invoiceDate: row.invoice_date,
        dueDate: row.due_date,
        customerId: row.customer_id,
        projectId: row.project_id,
        draftedKey: row.drafted_key,
    };
}
async function invoicesById(db, ids) {
    const params = new sql_1.Params();
    const { rows } = await db.query(`${SELECT} WHERE ${(0, sql_1.keyCondition)('i.id', ids, params)}`, params.values);
    return rows.map(toInvoice);
}
function where(filter, params) {
    const conditions = [];
    if (filter.status != null)
        conditions.push(`i.status = ${params.add(filter.status)}`);
    if (filter.paymentState != null)
        conditions.push(`i.payment_state = ${params.add(filter.paymentState)}`);
    if (filter.projectId != null)
        conditions.push(`i.project_id = ${params.add(filter.projectId)}`);
    if (filter.customerId != null)
        conditions.push(`a.root_id = ${params.add(filter.customerId)}`);
    if (filter.hasOpenException != null) {
        conditions.push(`${filter.hasOpenException ? '' : 'NOT '}EXISTS (SELECT 1 FROM billing.invoice_exception x
      WHERE x.invoice_id = i.id AND x.resolved_at IS NULL)`);
    }
    return conditions.length === 0 ? 'true' : conditions.join(' AND ');
}
/** A page of invoices in time order, `first + 1` rows. */
async function invoicesPage(db, filter, request) {
    const params = new sql_1.Params();
    const conditions = `${where(filter, params)} AND ${(0, sql_1.afterCondition)(INVOICE_ORDER, request, params)}`;
    const { rows } = await db.query(`${SELECT} WHERE ${conditions} ORDER BY ${(0, sql_1.orderBy)(INVOICE_ORDER)} LIMIT ${params.add(request.first + 1)}`, params.values);
    return rows.map(toInvoice);
}
async function countInvoices(db, filter) {
    const params = new sql_1.Params();
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM billing.invoice i LEFT JOIN customer.account a ON a.id = i.account_id WHERE ${where(filter, params)}`, params.values);
    return rows[0].n;
}
const PARENT_COLUMN = { customer: 'a.root_id', project: 'i.project_id' };
const PARENT_KEY = { customer: 'customer_id', project: 'project_id' };
/**
 * One page of invoices for each of many customers or projects, in one
 * statement: `first + 1` rows each, in time order, each with the number of its
 * parent's invoices after the cursor (all of them on a first page).
 */
async function invoicePagesOf(parent, db, parentIds, request) {
    const params = new sql_1.Params();
    const ofParents = (0, sql_1.keyCondition)(PARENT_COLUMN[parent], parentIds, params);
    const after = (0, sql_1.afterCondition)(INVOICE_ORDER, request, params);
    const { rows } = await db.query(`SELECT * FROM (
       SELECT page.*, row_number() OVER (PARTITION BY page.${PARENT_KEY[parent]} ORDER BY page.drafted_at, page.id) AS rank,
              (count(*) OVER (PARTITION BY page.${PARENT_KEY[parent]}))::int AS total
       FROM (${SELECT} WHERE ${ofParents} AND ${after}) page
     ) ranked
     WHERE rank <= ${params.add(request.first + 1)} ORDER BY ${PARENT_KEY[parent]}, drafted_at, id`, params.values);
    return rows.map((row) => ({ value: toInvoice(row), total: row.total }));
}
/** Invoices per customer (survivor) or per project, in one statement. */
async function countInvoicesOf(parent, db, parentIds) {
    const column = PARENT_COLUMN[parent];
    const params = new sql_1.Params();
    const { rows } = await db.query(`SELECT ${column} AS id, count(*)::int AS n FROM billing.invoice i LEFT JOIN customer.account a ON a.id = i.account_id
     WHERE ${(0, sql_1.keyCondition)(column, parentIds, params)} GROUP BY ${column}`, params.values);
    return rows;
}
/** Open (raised, not resolved) exceptions of many invoices, in the order raised. */
async function openExceptionsOf(db, invoiceIds) {
    const params = new sql_1.Params();
    const { rows } = await db.query(`SELECT invoice_id, exception_id, stage, code, message, raised_at FROM billing.invoice_exception
     WHERE ${(0, sql_1.keyCondition)('invoice_id', invoiceIds, params)} AND resolved_at IS NULL ORDER BY invoice_id, raised_at, exception_id`, params.values);
    return rows.map((row) => ({
        id: row.exception_id, stage: row.stage, code: row.code, message: row.message, raisedAt: row.raised_at, invoiceId: row.invoice_id,
    }));
}
//# sourceMappingURL=invoices.js.map