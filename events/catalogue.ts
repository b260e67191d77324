import type * as T from './types';
import type { EventDataByType } from './types';
import { anyString, arrayOf, boolean, nonEmptyString, object, oneOf, recordOf, withRule, type Schema } from './schema';
import { countryCode, currencyCode, date, decimal, id, money, period } from './values';

/**
 * The `data` schema of every catalogue type (docs/events.md#catalogue). The
 * mapped type makes the compiler check each schema's output against the
 * event's TypeScript shape in events/types.ts, and fail the build when a type
 * is added to the catalogue without a schema.
 */

const hours = decimal({ min: '0', minExclusive: true, max: '24', expected: 'hours greater than 0 and at most 24' });
const nonNegativeHours = decimal({ min: '0', expected: 'hours of at least 0' });

export const BILLING_MODELS: readonly T.BillingModel[] = ['time_and_materials', 'fixed_fee', 'milestone', 'retainer'];
export const PROJECT_STATUSES: readonly T.ProjectStatus[] = ['setup', 'active', 'on_hold', 'completed', 'closed', 'cancelled'];
export const ACCOUNT_STATUSES: readonly T.AccountStatus[] = ['active', 'inactive'];
export const INVOICE_LINE_KINDS: readonly T.InvoiceLineKind[] = ['time', 'expense', 'milestone', 'fee'];
export const TAX_OUTCOMES: readonly T.TaxOutcome[] = ['succeeded', 'failed'];
export const EXCEPTION_STAGES: readonly T.ExceptionStage[] = ['eligibility', 'pricing', 'tax', 'posting', 'delivery'];
export const RECOGNITION_METHODS: readonly T.RecognitionMethod[] = ['time_and_materials', 'cost_to_cost', 'milestone', 'ratable'];

const invoiceLine = object<Pick<T.InvoiceLine, 'lineId' | 'kind' | 'sourceIds' | 'amount'>, Pick<T.InvoiceLine, 'description'>>(
  { lineId: id, kind: oneOf(INVOICE_LINE_KINDS), sourceIds: arrayOf(id), amount: money },
  { description: anyString },
  'an invoice line {lineId, kind, sourceIds, amount}',
);

const paymentAllocation = object<T.PaymentAllocation>(
  { invoiceId: id, amount: money },
  {},
  'an allocation {invoiceId, amount}',
);

/** `taxTotal` is optional in the shape but required when the calculation succeeded. */
const taxCalculated = withRule(
  object<Pick<T.InvoiceTaxCalculated, 'invoiceId' | 'taxStatus'>, Pick<T.InvoiceTaxCalculated, 'taxTotal'>>(
    { invoiceId: id, taxStatus: oneOf(TAX_OUTCOMES) },
    { taxTotal: money },
  ),
  (raw, path, errors) => {
    if (raw['taxStatus'] !== 'succeeded' || (raw['taxTotal'] !== undefined && raw['taxTotal'] !== null)) return true;
    errors.push({ path: `${path}.taxTotal`, message: 'expected Money (required when taxStatus is "succeeded"), got nothing' });
    return false;
  },
);

export const DATA_SCHEMAS: { readonly [K in keyof EventDataByType]: Schema<EventDataByType[K]> } = {
  'ps.customer.account.upserted': object<
    Pick<T.AccountUpserted, 'accountId' | 'name' | 'legalEntityId' | 'billingCurrency'>,
    Pick<T.AccountUpserted, 'country' | 'status' | 'externalIds'>
  >(
    { accountId: id, name: nonEmptyString, legalEntityId: id, billingCurrency: currencyCode },
    { country: countryCode, status: oneOf(ACCOUNT_STATUSES), externalIds: recordOf(id) },
  ),
  'ps.customer.account.merged': object<T.AccountMerged>({ survivorAccountId: id, mergedAccountId: id }),

  'ps.project.project.created': object<
    Pick<T.ProjectCreated, 'projectId' | 'accountId' | 'name' | 'billingModel' | 'currency' | 'legalEntityId'>,
    Pick<T.ProjectCreated, 'contractValue' | 'budgetHours' | 'plannedStart' | 'plannedEnd'>
  >(
    { projectId: id, accountId: id, name: nonEmptyString, billingModel: oneOf(BILLING_MODELS), currency: currencyCode, legalEntityId: id },
    { contractValue: money, budgetHours: nonNegativeHours, plannedStart: date, plannedEnd: date },
  ),
  'ps.project.project.status_changed': object<T.ProjectStatusChanged>({ projectId: id, status: oneOf(PROJECT_STATUSES) }),
  'ps.project.time_entry.submitted': object<
    Pick<T.TimeEntrySubmitted, 'timeEntryId' | 'projectId' | 'resourceId' | 'workDate' | 'hours' | 'billable'>,
    Pick<T.TimeEntrySubmitted, 'role'>
  >(
    { timeEntryId: id, projectId: id, resourceId: id, workDate: date, hours, billable: boolean },
    { role: anyString },
  ),
  'ps.project.time_entry.approved': object<T.TimeEntryApproved>({ timeEntryId: id, approvedBy: id, billRate: money, costRate: money }),
  'ps.project.time_entry.rejected': object<Pick<T.TimeEntryRejected, 'timeEntryId'>, Pick<T.TimeEntryRejected, 'rejectedBy' | 'reason'>>(
    { timeEntryId: id },
    { rejectedBy: id, reason: anyString },
  ),
  'ps.project.expense.approved': object<
    Pick<T.ExpenseApproved, 'expenseId' | 'projectId' | 'expenseDate' | 'amount' | 'billable'>,
    Pick<T.ExpenseApproved, 'billAmount'>
  >(
    { expenseId: id, projectId: id, expenseDate: date, amount: money, billable: boolean },
    { billAmount: money },
  ),
  'ps.project.milestone.approved': object<T.MilestoneApproved>({ milestoneId: id, projectId: id, name: nonEmptyString, amount: money }),

  'ps.billing.invoice.drafted': object<T.InvoiceDrafted>({
    invoiceId: id,
    accountId: id,
    projectId: id,
    currency: currencyCode,
    lines: arrayOf(invoiceLine, { minItems: 1 }),
  }),
  'ps.billing.invoice.tax_calculated': taxCalculated,
  'ps.billing.invoice.exception_raised': object<
    Pick<T.InvoiceExceptionRaised, 'invoiceId' | 'exceptionId' | 'stage' | 'code'>,
    Pick<T.InvoiceExceptionRaised, 'message'>
  >(
    { invoiceId: id, exceptionId: id, stage: oneOf(EXCEPTION_STAGES), code: nonEmptyString },
    { message: anyString },
  ),
  'ps.billing.invoice.exception_resolved': object<
    Pick<T.InvoiceExceptionResolved, 'invoiceId' | 'exceptionId'>,
    Pick<T.InvoiceExceptionResolved, 'resolution'>
  >({ invoiceId: id, exceptionId: id }, { resolution: anyString }),
  'ps.billing.invoice.posted': object<T.InvoicePosted>({
    invoiceId: id,
    invoiceNumber: nonEmptyString,
    invoiceDate: date,
    dueDate: date,
    grossTotal: money,
  }),
  'ps.billing.invoice.sent': object<Pick<T.InvoiceSent, 'invoiceId'>, Pick<T.InvoiceSent, 'channel'>>({ invoiceId: id }, { channel: anyString }),
  'ps.billing.invoice.voided': object<Pick<T.InvoiceVoided, 'invoiceId'>, Pick<T.InvoiceVoided, 'reason'>>({ invoiceId: id }, { reason: anyString }),
  'ps.billing.payment.received': object<T.PaymentReceived>({
    paymentId: id,
    accountId: id,
    amount: money,
    receivedDate: date,
    allocations: arrayOf(paymentAllocation),
  }),

  'ps.revenue.revenue_event.recognized': object<T.RevenueRecognized>({
    revenueEventId: id,
    projectId: id,
    period,
    amount: money,
    method: oneOf(RECOGNITION_METHODS),
  }),
  'ps.revenue.revenue_event.reversed': object<Pick<T.RevenueReversed, 'revenueEventId'>, Pick<T.RevenueReversed, 'reason'>>(
    { revenueEventId: id },
    { reason: anyString },
  ),
};
