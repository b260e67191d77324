"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.evolve = evolve;
const billing_1 = require("./billing");
const customer_1 = require("./customer");
const project_1 = require("./project");
const revenue_1 = require("./revenue");
/**
 * Decides what one event does to the read model, given the read model so far.
 * Pure: the same view and event give the same decision.
 */
function evolve(view, event) {
    switch (event.type) {
        case 'ps.customer.account.upserted':
        case 'ps.customer.account.merged':
            return (0, customer_1.evolveCustomer)(view, event);
        case 'ps.project.project.created':
        case 'ps.project.project.status_changed':
        case 'ps.project.time_entry.submitted':
        case 'ps.project.time_entry.approved':
        case 'ps.project.time_entry.rejected':
        case 'ps.project.expense.approved':
        case 'ps.project.milestone.approved':
            return (0, project_1.evolveProject)(view, event);
        case 'ps.billing.invoice.drafted':
        case 'ps.billing.invoice.tax_calculated':
        case 'ps.billing.invoice.exception_raised':
        case 'ps.billing.invoice.exception_resolved':
        case 'ps.billing.invoice.posted':
        case 'ps.billing.invoice.sent':
        case 'ps.billing.invoice.voided':
        case 'ps.billing.payment.received':
            return (0, billing_1.evolveBilling)(view, event);
        case 'ps.revenue.revenue_event.recognized':
        case 'ps.revenue.revenue_event.reversed':
            return (0, revenue_1.evolveRevenue)(view, event);
        default: {
            const unhandled = event;
            throw new Error(`no listener for ${unhandled.type}`);
        }
    }
}
//# sourceMappingURL=evolve.js.map