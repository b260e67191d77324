/**
 * The event catalogue of docs/events.md#catalogue as one exhaustive union.
 *
 * These are the shapes *after* validation (events/validate.ts): decimals are
 * normalized strings (never JS numbers), optional fields are absent or set,
 * defaults of the contract are NOT filled in here (listeners apply them), so a
 * stored event is exactly what the sender meant.
 */

/** A decimal kept as its exact string form, e.g. "1234.50" or "7.25". */
export type DecimalString = string;

/** Money as the contract writes it: amount with at most 2 fraction digits, ISO 4217 currency. */
export interface Money {
  readonly amount: DecimalString;
  readonly currency: string;
}

/** The CloudEvents 1.0 envelope fields the hub reads; other extensions are kept in `raw`. */
export interface Envelope<T extends string, D> {
  readonly specversion: '1.0';
  readonly id: string;
  readonly source: string;
  readonly type: T;
  readonly subject: string;
  readonly time: string;
  readonly datacontenttype?: string;
  /** Positive integer as a string of decimal digits (CloudEvents extension). */
  readonly sequence?: string;
  readonly data: D;
}

// ── customer domain ──────────────────────────────────────────────────────────
export type AccountStatus = 'active' | 'inactive';
export interface AccountUpserted {
  accountId: string; name: string; legalEntityId: string; billingCurrency: string;
  country?: string; status?: AccountStatus; externalIds?: Record<string, string>;
}
export interface AccountMerged { survivorAccountId: string; mergedAccountId: string }

// ── project domain ───────────────────────────────────────────────────────────
export type BillingModel = 'time_and_materials' | 'fixed_fee' | 'milestone' | 'retainer';
export type ProjectStatus = 'setup' | 'active' | 'on_hold' | 'completed' | 'closed' | 'cancelled';
export interface ProjectCreated {
  projectId: string; accountId: string; name: string; billingModel: BillingModel;
  currency: string; legalEntityId: string; contractValue?: Money; budgetHours?: DecimalString;
  plannedStart?: string; plannedEnd?: string;
}
export interface ProjectStatusChanged { projectId: string; status: ProjectStatus }
export interface TimeEntrySubmitted {
  timeEntryId: string; projectId: string; resourceId: string; role?: string;
  workDate: string; hours: DecimalString; billable: boolean;
}
export interface TimeEntryApproved { timeEntryId: string; approvedBy: string; billRate: Money; costRate: Money }
export interface TimeEntryRejected { timeEntryId: string; rejectedBy?: string; reason?: string }
export interface ExpenseApproved {
  expenseId: string; projectId: string; expenseDate: string; amount: Money; billable: boolean; billAmount?: Money;
}
export interface MilestoneApproved { milestoneId: string; projectId: string; name: string; amount: Money }

// ── billing domain ───────────────────────────────────────────────────────────
export type InvoiceLineKind = 'time' | 'expense' | 'milestone' | 'fee';
export interface InvoiceLine { lineId: string; kind: InvoiceLineKind; sourceIds: string[]; amount: Money; description?: string }
export interface InvoiceDrafted { invoiceId: string; accountId: string; projectId: string; currency: string; lines: InvoiceLine[] }
export type TaxOutcome = 'succeeded' | 'failed';
export interface InvoiceTaxCalculated { invoiceId: string; taxStatus: TaxOutcome; taxTotal?: Money }
export type ExceptionStage = 'eligibility' | 'pricing' | 'tax' | 'posting' | 'delivery';
export interface InvoiceExceptionRaised { invoiceId: string; exceptionId: string; stage: ExceptionStage; code: string; message?: string }
export interface InvoiceExceptionResolved { invoiceId: string; exceptionId: string; resolution?: string }
export interface InvoicePosted { invoiceId: string; invoiceNumber: string; invoiceDate: string; dueDate: string; grossTotal: Money }
export interface InvoiceSent { invoiceId: string; channel?: string }
export interface InvoiceVoided { invoiceId: string; reason?: string }
export interface PaymentAllocation { invoiceId: string; amount: Money }
export interface PaymentReceived { paymentId: string; accountId: string; amount: Money; receivedDate: string; allocations: PaymentAllocation[] }

// ── revenue domain ───────────────────────────────────────────────────────────
export type RecognitionMethod = 'time_and_materials' | 'cost_to_cost' | 'milestone' | 'ratable';
export interface RevenueRecognized { revenueEventId: string; projectId: string; period: string; amount: Money; method: RecognitionMethod }
export interface RevenueReversed { revenueEventId: string; reason?: string }

/** Event type name → its `data` shape. The single source of the catalogue's names. */
export interface EventDataByType {
  'ps.customer.account.upserted': AccountUpserted;
  'ps.customer.account.merged': AccountMerged;
  'ps.project.project.created': ProjectCreated;
  'ps.project.project.status_changed': ProjectStatusChanged;
  'ps.project.time_entry.submitted': TimeEntrySubmitted;
  'ps.project.time_entry.approved': TimeEntryApproved;
  'ps.project.time_entry.rejected': TimeEntryRejected;
  'ps.project.expense.approved': ExpenseApproved;
  'ps.project.milestone.approved': MilestoneApproved;
  'ps.billing.invoice.drafted': InvoiceDrafted;
  'ps.billing.invoice.tax_calculated': InvoiceTaxCalculated;
  'ps.billing.invoice.exception_raised': InvoiceExceptionRaised;
  'ps.billing.invoice.exception_resolved': InvoiceExceptionResolved;
  'ps.billing.invoice.posted': InvoicePosted;
  'ps.billing.invoice.sent': InvoiceSent;
  'ps.billing.invoice.voided': InvoiceVoided;
  'ps.billing.payment.received': PaymentReceived;
  'ps.revenue.revenue_event.recognized': RevenueRecognized;
  'ps.revenue.revenue_event.reversed': RevenueReversed;
}

export type EventType = keyof EventDataByType;

/** One accepted business event: a discriminated union on `type`. */
export type BusinessEvent = { [T in EventType]: Envelope<T, EventDataByType[T]> }[EventType];

/** The event of one given type. */
export type EventOf<T extends EventType> = Extract<BusinessEvent, { type: T }>;

/** All event type names, in catalogue order. */
export const EVENT_TYPES: readonly EventType[] = [
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
export const SUBJECT_FIELD: { readonly [T in EventType]: keyof EventDataByType[T] & string } = {
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
