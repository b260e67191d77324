"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.projectBillingById = projectBillingById;
exports.outstandingBalancesOf = outstandingBalancesOf;
exports.portfolioBillingOf = portfolioBillingOf;
const big_js_1 = __importDefault(require("big.js"));
const amounts_1 = require("../shared/amounts");
const portfolioKey_1 = require("../shared/portfolioKey");
const sql_1 = require("../shared/sql");
async function projectBillingById(db, ids) {
    const params = new sql_1.Params();
    const { rows } = await db.query(`SELECT id, currency, billed_amount, unbilled_approved_amount, unbilled_approved_hours FROM project.project WHERE ${(0, sql_1.keyCondition)('id', ids, params)}`, params.values);
    return rows.map((row) => ({
        id: row.id,
        billedAmount: (0, amounts_1.money)(row.billed_amount, row.currency),
        unbilledApprovedAmount: (0, amounts_1.money)(row.unbilled_approved_amount, row.currency),
        unbilledApprovedHours: (0, amounts_1.decimalText)(row.unbilled_approved_hours),
    }));
}
/**
 * Outstanding balances of many customers (survivors): per currency, Σ
 * outstanding of the balance rows of every account whose root is the customer
 * and that have a posted, not voided invoice in it; sorted by currency. A
 * merged account is nobody's root, so it has none.
 */
async function outstandingBalancesOf(db, customerIds) {
    const params = new sql_1.Params();
    const { rows } = await db.query(`SELECT a.root_id AS customer_id, b.currency, sum(b.outstanding) AS outstanding
     FROM billing.account_balance b JOIN customer.account a ON a.id = b.account_id
     WHERE ${(0, sql_1.keyCondition)('a.root_id', customerIds, params)} AND b.posted_invoices > 0
     GROUP BY a.root_id, b.currency ORDER BY a.root_id, b.currency`, params.values);
    return rows.map((row) => ({ customerId: row.customer_id, ...(0, amounts_1.money)(row.outstanding, row.currency) }));
}
/**
 * Billing's sums of the portfolio rows of the given currencies, per currency
 * and per (currency, legal entity), in one statement. An invoice counts under
 * its project's legal entity; outstanding is Σ amountDue of posted invoices.
 */
async function portfolioBillingOf(db, currencies) {
    const { rows } = await db.query(`WITH projects AS (
       SELECT currency, legal_entity_id, sum(billed_amount) AS billed, sum(unbilled_approved_amount) AS unbilled
       FROM project.project WHERE currency = ANY($1) GROUP BY currency, legal_entity_id
     ), invoices AS (
       SELECT i.currency, p.legal_entity_id, sum(i.amount_due) AS outstanding
       FROM billing.invoice i JOIN project.project p ON p.id = i.project_id
       WHERE i.status = 'posted' AND i.currency = ANY($1) GROUP BY i.currency, p.legal_entity_id
     ), exceptions AS (
       SELECT i.currency, p.legal_entity_id, count(*) AS open_exceptions
       FROM billing.invoice_exception x JOIN billing.invoice i ON i.id = x.invoice_id JOIN project.project p ON p.id = i.project_id
       WHERE x.resolved_at IS NULL AND i.currency = ANY($1) GROUP BY i.currency, p.legal_entity_id
     ), rows AS (
       SELECT currency, legal_entity_id, billed, unbilled,
              coalesce(invoices.outstanding, 0) AS outstanding, coalesce(exceptions.open_exceptions, 0) AS open_exceptions
       FROM projects LEFT JOIN invoices USING (currency, legal_entity_id) LEFT JOIN exceptions USING (currency, legal_entity_id)
     )
     SELECT currency, legal_entity_id, sum(billed) AS billed, sum(unbilled) AS unbilled,
            sum(outstanding) AS outstanding, sum(open_exceptions)::int AS open_exceptions
     FROM rows GROUP BY ${portfolioKey_1.PORTFOLIO_GROUPING}`, [currencies]);
    return rows.map((row) => ({
        id: (0, portfolioKey_1.portfolioId)({ currency: row.currency, legalEntityId: row.legal_entity_id }),
        billedAmount: (0, amounts_1.money)(row.billed, row.currency),
        unbilledApprovedAmount: (0, amounts_1.money)(row.unbilled, row.currency),
        outstandingBalance: (0, amounts_1.money)(new big_js_1.default(row.outstanding), row.currency),
        openInvoiceExceptions: row.open_exceptions,
    }));
}
//# sourceMappingURL=figures.js.map