"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.utcDayOf = utcDayOf;
exports.grossTotalOf = grossTotalOf;
exports.projectContribution = projectContribution;
exports.balanceContribution = balanceContribution;
const decimal_1 = require("../events/decimal");
/** The UTC calendar day of an RFC 3339 timestamp (any offset, any fraction digits). */
function utcDayOf(timestamp) {
    // Already UTC (as Postgres gives it back, or a sender wrote it): no Date needed.
    if (timestamp.endsWith('Z'))
        return timestamp.slice(0, 10);
    return new Date(timestamp).toISOString().slice(0, 10);
}
/** A posted, not voided invoice's gross total (posted value, else net + tax). */
function grossTotalOf(invoice) {
    return invoice.postedGrossTotal !== null
        ? (0, decimal_1.dec)(invoice.postedGrossTotal)
        : (0, decimal_1.dec)(invoice.netTotal).plus(invoice.taxTotal ?? '0');
}
/** What one row adds to its project's running totals (undefined: nothing). */
function projectContribution(table, row) {
    switch (table) {
        case 'time_entry': {
            const entry = row;
            if (entry.status !== 'approved')
                return undefined; // approved or billed count
            const hours = entry.hours;
            const bill = entry.billAmount ?? '0';
            const unbilled = entry.billable && entry.billedByInvoiceIds.length === 0;
            return {
                projectId: entry.projectId,
                day: entry.workDate,
                totals: {
                    approvedHours: hours,
                    billableApprovedHours: entry.billable ? hours : undefined,
                    laborCost: entry.costAmount ?? '0',
                    billableWorkAmount: entry.billable ? bill : undefined,
                    unbilledApprovedAmount: unbilled ? bill : undefined,
                    unbilledApprovedHours: unbilled ? hours : undefined,
                },
            };
        }
        case 'expense': {
            const expense = row;
            const bill = expense.billable ? expense.billAmount : undefined;
            return {
                projectId: expense.projectId,
                day: expense.expenseDate,
                totals: {
                    expenseCost: expense.amount,
                    billableWorkAmount: bill,
                    unbilledApprovedAmount: expense.billedByInvoiceIds.length === 0 ? bill : undefined,
                },
            };
        }
        case 'milestone': {
            const milestone = row;
            const amount = milestone.amount;
            return {
                projectId: milestone.projectId,
                day: utcDayOf(milestone.approvedAt),
                totals: {
                    approvedMilestoneAmount: amount,
                    unbilledApprovedAmount: milestone.billedByInvoiceIds.length === 0 ? amount : undefined,
                },
            };
        }
        case 'invoice': {
            const invoice = row;
            if (invoice.status !== 'posted')
                return undefined;
            return { projectId: invoice.projectId, day: invoice.invoiceDate, totals: { billedAmount: invoice.netTotal } };
        }
        case 'revenue_event': {
            const revenue = row;
            if (revenue.reversed)
                return undefined;
            return { projectId: revenue.projectId, day: `${revenue.period}-01`, totals: { recognizedRevenue: revenue.amount } };
        }
        default:
            return undefined;
    }
}
/** What an invoice adds to its account's outstanding balance (amountDue of posted, not voided). */
function balanceContribution(table, row) {
    if (table !== 'invoice')
        return undefined;
    const invoice = row;
    if (invoice.status !== 'posted')
        return undefined;
    const gross = grossTotalOf(invoice);
    return {
        accountId: invoice.accountId,
        currency: invoice.currency,
        outstanding: (0, decimal_1.decimalText)(gross.minus(invoice.amountPaid)),
        postedInvoices: 1,
        projectId: invoice.projectId,
        // A posted invoice always has both (the posting carries them).
        dueDate: invoice.dueDate,
        invoiceDate: invoice.invoiceDate,
        grossTotal: (0, decimal_1.decimalText)(gross),
    };
}
//# sourceMappingURL=contributions.js.map