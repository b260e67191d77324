"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DATA_SCHEMAS = exports.RECOGNITION_METHODS = exports.EXCEPTION_STAGES = exports.TAX_OUTCOMES = exports.INVOICE_LINE_KINDS = exports.ACCOUNT_STATUSES = exports.PROJECT_STATUSES = exports.BILLING_MODELS = void 0;
const schema_1 = require("./schema");
const values_1 = require("./values");
/**
 * The `data` schema of every catalogue type (docs/events.md#catalogue). The
 * mapped type makes the compiler check each schema's output against the
 * event's TypeScript shape in events/types.ts, and fail the build when a type
 * is added to the catalogue without a schema.
 */
const hours = (0, values_1.decimal)({ min: '0', minExclusive: true, max: '24', expected: 'hours greater than 0 and at most 24' });
const nonNegativeHours = (0, values_1.decimal)({ min: '0', expected: 'hours of at least 0' });
exports.BILLING_MODELS = ['time_and_materials', 'fixed_fee', 'milestone', 'retainer'];
exports.PROJECT_STATUSES = ['setup', 'active', 'on_hold', 'completed', 'closed', 'cancelled'];
exports.ACCOUNT_STATUSES = ['active', 'inactive'];
exports.INVOICE_LINE_KINDS = ['time', 'expense', 'milestone', 'fee'];
exports.TAX_OUTCOMES = ['succeeded', 'failed'];
exports.EXCEPTION_STAGES = ['eligibility', 'pricing', 'tax', 'posting', 'delivery'];
exports.RECOGNITION_METHODS = ['time_and_materials', 'cost_to_cost', 'milestone', 'ratable'];
const invoiceLine = (0, schema_1.object)({ lineId: values_1.id, kind: (0, schema_1.oneOf)(exports.INVOICE_LINE_KINDS), sourceIds: (0, schema_1.arrayOf)(values_1.id), amount: values_1.money }, { description: schema_1.anyString }, 'an invoice line {lineId, kind, sourceIds, amount}');
const paymentAllocation = (0, schema_1.object)({ invoiceId: values_1.id, amount: values_1.money }, {}, 'an allocation {invoiceId, amount}');
/** `taxTotal` is optional in the shape but required when the calculation succeeded. */
const taxCalculated = (0, schema_1.withRule)((0, schema_1.object)({ invoiceId: values_1.id, taxStatus: (0, schema_1.oneOf)(exports.TAX_OUTCOMES) }, { taxTotal: values_1.money }), (raw, path, errors) => {
    if (raw['taxStatus'] !== 'succeeded' || (raw['taxTotal'] !== undefined && raw['taxTotal'] !== null))
        return true;
    errors.push({ path: `${path}.taxTotal`, message: 'expected Money (required when taxStatus is "succeeded"), got nothing' });
    return false;
});
exports.DATA_SCHEMAS = {
    'ps.customer.account.upserted': (0, schema_1.object)({ accountId: values_1.id, name: schema_1.nonEmptyString, legalEntityId: values_1.id, billingCurrency: values_1.currencyCode }, { country: values_1.countryCode, status: (0, schema_1.oneOf)(exports.ACCOUNT_STATUSES), externalIds: (0, schema_1.recordOf)(values_1.id) }),
    'ps.customer.account.merged': (0, schema_1.object)({ survivorAccountId: values_1.id, mergedAccountId: values_1.id }),
    'ps.project.project.created': (0, schema_1.object)({ projectId: values_1.id, accountId: values_1.id, name: schema_1.nonEmptyString, billingModel: (0, schema_1.oneOf)(exports.BILLING_MODELS), currency: values_1.currencyCode, legalEntityId: values_1.id }, { contractValue: values_1.money, budgetHours: nonNegativeHours, plannedStart: values_1.date, plannedEnd: values_1.date }),
    'ps.project.project.status_changed': (0, schema_1.object)({ projectId: values_1.id, status: (0, schema_1.oneOf)(exports.PROJECT_STATUSES) }),
    'ps.project.time_entry.submitted': (0, schema_1.object)({ timeEntryId: values_1.id, projectId: values_1.id, resourceId: values_1.id, workDate: values_1.date, hours, billable: schema_1.boolean }, { role: schema_1.anyString }),
    'ps.project.time_entry.approved': (0, schema_1.object)({ timeEntryId: values_1.id, approvedBy: values_1.id, billRate: values_1.money, costRate: values_1.money }),
    'ps.project.time_entry.rejected': (0, schema_1.object)({ timeEntryId: values_1.id }, { rejectedBy: values_1.id, reason: schema_1.anyString }),
    'ps.project.expense.approved': (0, schema_1.object)({ expenseId: values_1.id, projectId: values_1.id, expenseDate: values_1.date, amount: values_1.money, billable: schema_1.boolean }, { billAmount: values_1.money }),
    'ps.project.milestone.approved': (0, schema_1.object)({ milestoneId: values_1.id, projectId: values_1.id, name: schema_1.nonEmptyString, amount: values_1.money }),
    'ps.billing.invoice.drafted': (0, schema_1.object)({
        invoiceId: values_1.id,
        accountId: values_1.id,
        projectId: values_1.id,
        currency: values_1.currencyCode,
        lines: (0, schema_1.arrayOf)(invoiceLine, { minItems: 1 }),
    }),
    'ps.billing.invoice.tax_calculated': taxCalculated,
    'ps.billing.invoice.exception_raised': (0, schema_1.object)({ invoiceId: values_1.id, exceptionId: values_1.id, stage: (0, schema_1.oneOf)(exports.EXCEPTION_STAGES), code: schema_1.nonEmptyString }, { message: schema_1.anyString }),
    'ps.billing.invoice.exception_resolved': (0, schema_1.object)({ invoiceId: values_1.id, exceptionId: values_1.id }, { resolution: schema_1.anyString }),
    'ps.billing.invoice.posted': (0, schema_1.object)({
        invoiceId: values_1.id,
        invoiceNumber: schema_1.nonEmptyString,
        invoiceDate: values_1.date,
        dueDate: values_1.date,
        grossTotal: values_1.money,
    }),
    'ps.billing.invoice.sent': (0, schema_1.object)({ invoiceId: values_1.id }, { channel: schema_1.anyString }),
    'ps.billing.invoice.voided': (0, schema_1.object)({ invoiceId: values_1.id }, { reason: schema_1.anyString }),
    'ps.billing.payment.received': (0, schema_1.object)({
        paymentId: values_1.id,
        accountId: values_1.id,
        amount: values_1.money,
        receivedDate: values_1.date,
        allocations: (0, schema_1.arrayOf)(paymentAllocation),
    }),
    'ps.revenue.revenue_event.recognized': (0, schema_1.object)({
        revenueEventId: values_1.id,
        projectId: values_1.id,
        period: values_1.period,
        amount: values_1.money,
        method: (0, schema_1.oneOf)(exports.RECOGNITION_METHODS),
    }),
    'ps.revenue.revenue_event.reversed': (0, schema_1.object)({ revenueEventId: values_1.id }, { reason: schema_1.anyString }),
};
//# sourceMappingURL=catalogue.js.map