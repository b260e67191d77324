"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.prefetchKeys = prefetchKeys;
const keys_1 = require("./keys");
const unitOfWork_1 = require("./unitOfWork");
const LINE_FACT_TABLE = { time: 'time_entry', expense: 'expense', milestone: 'milestone' };
function prefetchKeys(event) {
    const keys = [];
    if (event.sequence !== undefined)
        keys.push((0, keys_1.keyOf)('stream_position', event.source, event.subject));
    switch (event.type) {
        case 'ps.customer.account.upserted':
            keys.push((0, keys_1.keyOf)('account', event.data.accountId));
            break;
        case 'ps.customer.account.merged':
            keys.push((0, keys_1.keyOf)('account', event.data.survivorAccountId), (0, keys_1.keyOf)('account', event.data.mergedAccountId));
            break;
        case 'ps.project.project.created':
            keys.push((0, keys_1.keyOf)('project', event.data.projectId), (0, keys_1.keyOf)('account', event.data.accountId));
            break;
        case 'ps.project.project.status_changed':
            keys.push((0, keys_1.keyOf)('project', event.data.projectId));
            break;
        case 'ps.project.time_entry.submitted':
            keys.push((0, keys_1.keyOf)('time_entry', event.data.timeEntryId), (0, keys_1.keyOf)('project', event.data.projectId));
            break;
        case 'ps.project.time_entry.approved':
        case 'ps.project.time_entry.rejected':
            keys.push((0, keys_1.keyOf)('time_entry', event.data.timeEntryId));
            break;
        case 'ps.project.expense.approved':
            keys.push((0, keys_1.keyOf)('expense', event.data.expenseId), (0, keys_1.keyOf)('project', event.data.projectId));
            break;
        case 'ps.project.milestone.approved':
            keys.push((0, keys_1.keyOf)('milestone', event.data.milestoneId), (0, keys_1.keyOf)('project', event.data.projectId));
            break;
        case 'ps.billing.invoice.drafted':
            keys.push((0, keys_1.keyOf)('invoice', event.data.invoiceId), (0, keys_1.keyOf)('project', event.data.projectId), (0, keys_1.keyOf)('account', event.data.accountId));
            for (const line of event.data.lines) {
                if (line.kind !== 'fee')
                    for (const id of line.sourceIds)
                        keys.push((0, keys_1.keyOf)(LINE_FACT_TABLE[line.kind], id));
            }
            break;
        case 'ps.billing.invoice.exception_raised':
        case 'ps.billing.invoice.exception_resolved':
            keys.push((0, keys_1.keyOf)('invoice', event.data.invoiceId), (0, keys_1.keyOf)('invoice_exception', event.data.invoiceId, event.data.exceptionId));
            break;
        case 'ps.billing.invoice.posted':
        case 'ps.billing.invoice.voided':
            keys.push((0, keys_1.keyOf)('invoice', event.data.invoiceId), (0, unitOfWork_1.invoiceLinesKey)(event.data.invoiceId));
            break;
        case 'ps.billing.invoice.tax_calculated':
        case 'ps.billing.invoice.sent':
            keys.push((0, keys_1.keyOf)('invoice', event.data.invoiceId));
            break;
        case 'ps.billing.payment.received':
            keys.push((0, keys_1.keyOf)('payment', event.data.paymentId), ...event.data.allocations.map((a) => (0, keys_1.keyOf)('invoice', a.invoiceId)));
            break;
        case 'ps.revenue.revenue_event.recognized':
            keys.push((0, keys_1.keyOf)('revenue_event', event.data.revenueEventId), (0, keys_1.keyOf)('project', event.data.projectId));
            break;
        case 'ps.revenue.revenue_event.reversed':
            keys.push((0, keys_1.keyOf)('revenue_event', event.data.revenueEventId));
            break;
        default: {
            const unhandled = event;
            throw new Error(`no prefetch for ${unhandled.type}`);
        }
    }
    return keys;
}
//# sourceMappingURL=prefetch.js.map