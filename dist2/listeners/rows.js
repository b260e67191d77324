"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.READ_MODEL_TABLES = exports.TABLES = exports.PROJECT_TOTAL_FIELDS = void 0;
exports.specOf = specOf;
/**
 * Read-model rows as the listeners see them, and how each maps onto its table,
 * both derived from the table's entity (entities/columns.ts, docs/schema.md):
 * a column is declared once, there.
 *
 * Decimals are strings (exact, as Postgres `numeric` returns them); dates are
 * `YYYY-MM-DD` and timestamps RFC 3339 strings. Generated columns (margin,
 * gross total, payment state, ...) are not part of these rows: Postgres
 * derives them from the stored inputs.
 */
const entities_1 = require("../entities");
const columns_1 = require("../entities/columns");
/** Running totals of the figures (docs/api.md#figures) kept on the project row (the figures' inputs). */
exports.PROJECT_TOTAL_FIELDS = [
    'approvedHours', 'billableApprovedHours', 'laborCost', 'expenseCost', 'billedAmount',
    'unbilledApprovedAmount', 'unbilledApprovedHours', 'recognizedRevenue', 'billableWorkAmount',
    'approvedMilestoneAmount',
];
/** The entity declaring each table the listeners keep. */
const ENTITY_OF = {
    account: entities_1.Account, project: entities_1.Project, time_entry: entities_1.TimeEntry, expense: entities_1.Expense, milestone: entities_1.Milestone,
    invoice: entities_1.Invoice, invoice_line: entities_1.InvoiceLine, invoice_exception: entities_1.InvoiceExceptionRecord, payment: entities_1.Payment,
    payment_allocation: entities_1.PaymentAllocation, account_balance: entities_1.AccountBalance, revenue_event: entities_1.RevenueEvent,
    stream_position: entities_1.StreamPosition,
};
/** A table's mapping, from its entity: every column but the generated ones, the primary key in declaration order. */
function specFromEntity(table) {
    const declared = (0, columns_1.tableOf)(ENTITY_OF[table]);
    const written = declared.columns.filter((c) => !c.generated);
    return {
        table,
        sqlName: declared.sqlName,
        columns: Object.fromEntries(written.map((c) => [c.property, [c.column, c.type]])),
        key: written.filter((c) => c.primary).map((c) => c.property),
    };
}
exports.TABLES = Object.fromEntries(Object.keys(ENTITY_OF).map((table) => [table, specFromEntity(table)]));
/** The tables of the read model proper (compared by `rebuild`), in dependency-free order. */
exports.READ_MODEL_TABLES = [
    'account', 'project', 'time_entry', 'expense', 'milestone', 'invoice', 'invoice_line',
    'invoice_exception', 'payment', 'payment_allocation', 'account_balance', 'revenue_event',
];
function specOf(table) {
    return exports.TABLES[table];
}
//# sourceMappingURL=rows.js.map