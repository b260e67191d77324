"use strict";
/**
 * The event catalogue of docs/events.md#catalogue as one exhaustive union.
 *
 * These are the shapes *after* validation (events/validate.ts): decimals are
 * normalized strings (never JS numbers), optional fields are absent or set,
 * defaults of the contract are NOT filled in here (listeners apply them), so a
 * stored event is exactly what the sender meant.
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.SUBJECT_FIELD = exports.EVENT_TYPES = void 0;
/** All event type names, in catalogue order. */
exports.EVENT_TYPES = [
    'ps.customer.account.upserted',
    'ps.customer.account.merged',
    'ps.project.project.created',
    'ps.project.project.status_changed',
    'ps.project.time_entry.submitted',
    'ps.project.time_entry.approved',
    'ps.project.time_entry.rejected',
    'ps.project.expense.approved',
    'ps.project.milestone.approved',
    'ps.billing.invoice.drafted',
    'ps.billing.invoice.tax_calculated',
    'ps.billing.invoice.exception_raised',
    'ps.billing.invoice.exception_resolved',
    'ps.billing.invoice.posted',
    'ps.billing.invoice.sent',
    'ps.billing.invoice.voided',
    'ps.billing.payment.received',
    'ps.revenue.revenue_event.recognized',
    'ps.revenue.revenue_event.reversed',
];
/** The `data` field that names an event's subject (docs/events.md#catalogue: "Every event's subject is the first id listed"). */
exports.SUBJECT_FIELD = {
    'ps.customer.account.upserted': 'accountId',
    'ps.customer.account.merged': 'survivorAccountId',
    'ps.project.project.created': 'projectId',
    'ps.project.project.status_changed': 'projectId',
    'ps.project.time_entry.submitted': 'timeEntryId',
    'ps.project.time_entry.approved': 'timeEntryId',
    'ps.project.time_entry.rejected': 'timeEntryId',
    'ps.project.expense.approved': 'expenseId',
    'ps.project.milestone.approved': 'milestoneId',
    'ps.billing.invoice.drafted': 'invoiceId',
    'ps.billing.invoice.tax_calculated': 'invoiceId',
    'ps.billing.invoice.exception_raised': 'invoiceId',
    'ps.billing.invoice.exception_resolved': 'invoiceId',
    'ps.billing.invoice.posted': 'invoiceId',
    'ps.billing.invoice.sent': 'invoiceId',
    'ps.billing.invoice.voided': 'invoiceId',
    'ps.billing.payment.received': 'paymentId',
    'ps.revenue.revenue_event.recognized': 'revenueEventId',
    'ps.revenue.revenue_event.reversed': 'revenueEventId',
};
//# sourceMappingURL=types.js.map