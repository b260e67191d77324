/**
 * Read-model rows as the listeners see them, and how each maps onto its table.
 *
 * Decimals are strings (exact, as Postgres `numeric` returns them); dates are
 * `YYYY-MM-DD` and timestamps RFC 3339 strings. Generated columns (margin,
 * gross total, payment state, ...) are not part of these rows: Postgres
 * derives them from the stored inputs.
 */
import type { BillingModel, ExceptionStage, InvoiceLineKind, ProjectStatus, RecognitionMethod } from '../events/types';

export interface AccountRow {
  id: string; name: string; legalEntityId: string; billingCurrency: string; country: string | null;
  status: 'active' | 'inactive'; externalIds: Record<string, string>;
  mergedInto: string | null; rootId: string; updatedAt: string;
}

/** Running totals of the figures (docs/api.md#figures) kept on the project row (the figures' inputs). */
export interface ProjectTotals {
  approvedHours: string; billableApprovedHours: string; laborCost: string; expenseCost: string;
  billedAmount: string; unbilledApprovedAmount: string; unbilledApprovedHours: string;
  recognizedRevenue: string; billableWorkAmount: string; approvedMilestoneAmount: string;
}
export const PROJECT_TOTAL_FIELDS: readonly (keyof ProjectTotals)[] = [
  'approvedHours', 'billableApprovedHours', 'laborCost', 'expenseCost', 'billedAmount',
  'unbilledApprovedAmount', 'unbilledApprovedHours', 'recognizedRevenue', 'billableWorkAmount',
  'approvedMilestoneAmount',
];

export interface ProjectRow extends ProjectTotals {
  id: string; accountId: string; name: string; billingModel: BillingModel; status: ProjectStatus;
  currency: string; legalEntityId: string; contractValue: string | null; budgetHours: string | null;
  plannedStart: string | null; plannedEnd: string | null; createdAt: string;
}

export interface TimeEntryRow {
  id: string; projectId: string; resourceId: string; role: string | null; workDate: string;
  hours: string; billable: boolean; status: 'submitted' | 'approved' | 'rejected';
  approvedBy: string | null; billRate: string | null; costRate: string | null;
  billAmount: string | null; costAmount: string | null;
  /** Posted, not voided invoices naming this entry, sorted; not empty: lifecycle `billed`. */
  billedByInvoiceIds: string[]; updatedAt: string;
}

export interface ExpenseRow {
  id: string; projectId: string; expenseDate: string; amount: string; currency: string;
  billable: boolean; billAmount: string; billedByInvoiceIds: string[]; approvedAt: string;
}

export interface MilestoneRow {
  id: string; projectId: string; name: string; amount: string; currency: string;
  billedByInvoiceIds: string[]; approvedAt: string;
}

export interface InvoiceRow {
  id: string; accountId: string; projectId: string; currency: string;
  status: 'draft' | 'posted' | 'voided'; taxStatus: 'pending' | 'succeeded' | 'failed';
  netTotal: string; taxTotal: string | null; postedGrossTotal: string | null; amountPaid: string;
  invoiceNumber: string | null; invoiceDate: string | null; dueDate: string | null;
  draftedAt: string; postedAt: string | null; sentAt: string | null; voidedAt: string | null;
}

export interface InvoiceLineRow {
  invoiceId: string; lineId: string; kind: InvoiceLineKind; sourceIds: string[]; amount: string;
  description: string | null;
}

export interface InvoiceExceptionRow {
  invoiceId: string; exceptionId: string; stage: ExceptionStage; code: string; message: string | null;
  raisedAt: string; resolvedAt: string | null; resolution: string | null;
}

export interface PaymentRow { id: string; accountId: string; amount: string; currency: string; receivedDate: string }
export interface PaymentAllocationRow { paymentId: string; invoiceId: string; amount: string }
export interface AccountBalanceRow { accountId: string; currency: string; outstanding: string; postedInvoices: number }

export interface RevenueEventRow {
  id: string; projectId: string; period: string; amount: string; currency: string;
  method: RecognitionMethod; reversed: boolean; recognizedAt: string; reversedAt: string | null;
}

export interface StreamPositionRow { source: string; subject: string; lastSequence: string }

/** Row type of each table the listeners keep. */
export interface RowByTable {
  account: AccountRow;
  project: ProjectRow;
  time_entry: TimeEntryRow;
  expense: ExpenseRow;
  milestone: MilestoneRow;
  invoice: InvoiceRow;
  invoice_line: InvoiceLineRow;
  invoice_exception: InvoiceExceptionRow;
  payment: PaymentRow;
  payment_allocation: PaymentAllocationRow;
  account_balance: AccountBalanceRow;
  revenue_event: RevenueEventRow;
  stream_position: StreamPositionRow;
}
export type TableName = keyof RowByTable;

type PgType = 'text' | 'numeric' | 'boolean' | 'date' | 'timestamptz' | 'jsonb' | 'text[]' | 'bigint' | 'integer';

export interface TableSpec<T extends TableName> {
  readonly table: T;
  /** Schema-qualified SQL name. */
  readonly sqlName: string;
  /** Row field → [column, type]; the order is the INSERT column order. */
  readonly columns: { readonly [F in keyof RowByTable[T]]-?: readonly [string, PgType] };
  /** Fields forming the primary key, in key order. */
  readonly key: readonly (keyof RowByTable[T] & string)[];
}

export const TABLES: { readonly [T in TableName]: TableSpec<T> } = {
  account: {
    table: 'account', sqlName: 'customer.account', key: ['id'],
    columns: {
      id: ['id', 'text'], name: ['name', 'text'], legalEntityId: ['legal_entity_id', 'text'],
      billingCurrency: ['billing_currency', 'text'], country: ['country', 'text'], status: ['status', 'text'],
      externalIds: ['external_ids', 'jsonb'], mergedInto: ['merged_into', 'text'], rootId: ['root_id', 'text'],
      updatedAt: ['updated_at', 'timestamptz'],
    },
  },
  project: {
    table: 'project', sqlName: 'project.project', key: ['id'],
    columns: {
      id: ['id', 'text'], accountId: ['account_id', 'text'], name: ['name', 'text'],
      billingModel: ['billing_model', 'text'], status: ['status', 'text'], currency: ['currency', 'text'],
      legalEntityId: ['legal_entity_id', 'text'], contractValue: ['contract_value', 'numeric'],
      budgetHours: ['budget_hours', 'numeric'], plannedStart: ['planned_start', 'date'],
      plannedEnd: ['planned_end', 'date'], createdAt: ['created_at', 'timestamptz'],
      approvedHours: ['approved_hours', 'numeric'], billableApprovedHours: ['billable_approved_hours', 'numeric'],
      laborCost: ['labor_cost', 'numeric'], expenseCost: ['expense_cost', 'numeric'],
      billedAmount: ['billed_amount', 'numeric'], unbilledApprovedAmount: ['unbilled_approved_amount', 'numeric'],
      unbilledApprovedHours: ['unbilled_approved_hours', 'numeric'], recognizedRevenue: ['recognized_revenue', 'numeric'],
      billableWorkAmount: ['billable_work_amount', 'numeric'], approvedMilestoneAmount: ['approved_milestone_amount', 'numeric'],
    },
  },
  time_entry: {
    table: 'time_entry', sqlName: 'project.time_entry', key: ['id'],
    columns: {
      id: ['id', 'text'], projectId: ['project_id', 'text'], resourceId: ['resource_id', 'text'], role: ['role', 'text'],
      workDate: ['work_date', 'date'], hours: ['hours', 'numeric'], billable: ['billable', 'boolean'],
      status: ['status', 'text'], approvedBy: ['approved_by', 'text'], billRate: ['bill_rate', 'numeric'],
      costRate: ['cost_rate', 'numeric'], billAmount: ['bill_amount', 'numeric'], costAmount: ['cost_amount', 'numeric'],
      billedByInvoiceIds: ['billed_by_invoice_ids', 'text[]'], updatedAt: ['updated_at', 'timestamptz'],
    },
  },
  expense: {
    table: 'expense', sqlName: 'project.expense', key: ['id'],
    columns: {
      id: ['id', 'text'], projectId: ['project_id', 'text'], expenseDate: ['expense_date', 'date'],
      amount: ['amount', 'numeric'], currency: ['currency', 'text'], billable: ['billable', 'boolean'],
      billAmount: ['bill_amount', 'numeric'], billedByInvoiceIds: ['billed_by_invoice_ids', 'text[]'],
      approvedAt: ['approved_at', 'timestamptz'],
    },
  },
  milestone: {
    table: 'milestone', sqlName: 'project.milestone', key: ['id'],
    columns: {
      id: ['id', 'text'], projectId: ['project_id', 'text'], name: ['name', 'text'], amount: ['amount', 'numeric'],
      currency: ['currency', 'text'], billedByInvoiceIds: ['billed_by_invoice_ids', 'text[]'],
      approvedAt: ['approved_at', 'timestamptz'],
    },
  },
  invoice: {
    table: 'invoice', sqlName: 'billing.invoice', key: ['id'],
    columns: {
      id: ['id', 'text'], accountId: ['account_id', 'text'], projectId: ['project_id', 'text'],
      currency: ['currency', 'text'], status: ['status', 'text'], taxStatus: ['tax_status', 'text'],
      netTotal: ['net_total', 'numeric'], taxTotal: ['tax_total', 'numeric'],
      postedGrossTotal: ['posted_gross_total', 'numeric'], amountPaid: ['amount_paid', 'numeric'],
      invoiceNumber: ['invoice_number', 'text'], invoiceDate: ['invoice_date', 'date'], dueDate: ['due_date', 'date'],
      draftedAt: ['drafted_at', 'timestamptz'], postedAt: ['posted_at', 'timestamptz'],
      sentAt: ['sent_at', 'timestamptz'], voidedAt: ['voided_at', 'timestamptz'],
    },
  },
  invoice_line: {
    table: 'invoice_line', sqlName: 'billing.invoice_line', key: ['invoiceId', 'lineId'],
    columns: {
      invoiceId: ['invoice_id', 'text'], lineId: ['line_id', 'text'], kind: ['kind', 'text'],
      sourceIds: ['source_ids', 'text[]'], amount: ['amount', 'numeric'], description: ['description', 'text'],
    },
  },
  invoice_exception: {
    table: 'invoice_exception', sqlName: 'billing.invoice_exception', key: ['invoiceId', 'exceptionId'],
    columns: {
      invoiceId: ['invoice_id', 'text'], exceptionId: ['exception_id', 'text'], stage: ['stage', 'text'],
      code: ['code', 'text'], message: ['message', 'text'], raisedAt: ['raised_at', 'timestamptz'],
      resolvedAt: ['resolved_at', 'timestamptz'], resolution: ['resolution', 'text'],
    },
  },
  payment: {
    table: 'payment', sqlName: 'billing.payment', key: ['id'],
    columns: {
      id: ['id', 'text'], accountId: ['account_id', 'text'], amount: ['amount', 'numeric'],
      currency: ['currency', 'text'], receivedDate: ['received_date', 'date'],
    },
  },
  payment_allocation: {
    table: 'payment_allocation', sqlName: 'billing.payment_allocation', key: ['paymentId', 'invoiceId'],
    columns: { paymentId: ['payment_id', 'text'], invoiceId: ['invoice_id', 'text'], amount: ['amount', 'numeric'] },
  },
  account_balance: {
    table: 'account_balance', sqlName: 'billing.account_balance', key: ['accountId', 'currency'],
    columns: {
      accountId: ['account_id', 'text'], currency: ['currency', 'text'], outstanding: ['outstanding', 'numeric'],
      postedInvoices: ['posted_invoices', 'integer'],
    },
  },
  revenue_event: {
    table: 'revenue_event', sqlName: 'revenue.revenue_event', key: ['id'],
    columns: {
      id: ['id', 'text'], projectId: ['project_id', 'text'], period: ['period', 'text'], amount: ['amount', 'numeric'],
      currency: ['currency', 'text'], method: ['method', 'text'], reversed: ['reversed', 'boolean'],
      recognizedAt: ['recognized_at', 'timestamptz'], reversedAt: ['reversed_at', 'timestamptz'],
    },
  },
  stream_position: {
    table: 'stream_position', sqlName: 'hub.stream_position', key: ['source', 'subject'],
    columns: { source: ['source', 'text'], subject: ['subject', 'text'], lastSequence: ['last_sequence', 'bigint'] },
  },
};

/** The tables of the read model proper (compared by `rebuild`), in dependency-free order. */
export const READ_MODEL_TABLES: readonly TableName[] = [
  'account', 'project', 'time_entry', 'expense', 'milestone', 'invoice', 'invoice_line',
  'invoice_exception', 'payment', 'payment_allocation', 'account_balance', 'revenue_event',
];

/** A table's mapping without its row type, for code that treats every table alike. */
export interface UntypedTableSpec {
  readonly table: TableName;
  readonly sqlName: string;
  readonly columns: Readonly<Record<string, readonly [string, PgType]>>;
  readonly key: readonly string[];
}

export function specOf(table: TableName): UntypedTableSpec {
  return TABLES[table] as unknown as UntypedTableSpec;
}
