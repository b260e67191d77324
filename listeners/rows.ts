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
import {
  Account, AccountBalance, Expense, Invoice, InvoiceExceptionRecord, InvoiceLine, Milestone, Payment, PaymentAllocation,
  Project, RevenueEvent, StreamPosition, TimeEntry,
} from '../entities';
import { tableOf, type PgType, type WrittenRow } from '../entities/columns';

export type AccountRow = WrittenRow<Account>;
export type ProjectRow = WrittenRow<Project>;
/** Running totals of the figures (docs/api.md#figures) kept on the project row (the figures' inputs). */
export const PROJECT_TOTAL_FIELDS = [
  'approvedHours', 'billableApprovedHours', 'laborCost', 'expenseCost', 'billedAmount',
  'unbilledApprovedAmount', 'unbilledApprovedHours', 'recognizedRevenue', 'billableWorkAmount',
  'approvedMilestoneAmount',
] as const satisfies readonly (keyof ProjectRow)[];
export type ProjectTotals = Pick<ProjectRow, (typeof PROJECT_TOTAL_FIELDS)[number]>;
/** `billedByInvoiceIds`: posted, not voided invoices naming the entry, sorted; not empty: lifecycle `billed`. */
export type TimeEntryRow = WrittenRow<TimeEntry>;
export type ExpenseRow = WrittenRow<Expense>;
export type MilestoneRow = WrittenRow<Milestone>;
export type InvoiceRow = WrittenRow<Invoice>;
export type InvoiceLineRow = WrittenRow<InvoiceLine>;
export type InvoiceExceptionRow = WrittenRow<InvoiceExceptionRecord>;
export type PaymentRow = WrittenRow<Payment>;
export type PaymentAllocationRow = WrittenRow<PaymentAllocation>;
export type AccountBalanceRow = WrittenRow<AccountBalance>;
export type RevenueEventRow = WrittenRow<RevenueEvent>;
export type StreamPositionRow = WrittenRow<StreamPosition>;

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

export interface TableSpec<T extends TableName> {
  readonly table: T;
  /** Schema-qualified SQL name. */
  readonly sqlName: string;
  /** Row field → [column, type]; the order is the INSERT column order. */
  readonly columns: { readonly [F in keyof RowByTable[T]]-?: readonly [string, PgType] };
  /** Fields forming the primary key, in key order. */
  readonly key: readonly (keyof RowByTable[T] & string)[];
}

/** The entity declaring each table the listeners keep. */
const ENTITY_OF: { readonly [T in TableName]: Function } = {
  account: Account, project: Project, time_entry: TimeEntry, expense: Expense, milestone: Milestone,
  invoice: Invoice, invoice_line: InvoiceLine, invoice_exception: InvoiceExceptionRecord, payment: Payment,
  payment_allocation: PaymentAllocation, account_balance: AccountBalance, revenue_event: RevenueEvent,
  stream_position: StreamPosition,
};

/** A table's mapping, from its entity: every column but the generated ones, the primary key in declaration order. */
function specFromEntity<T extends TableName>(table: T): TableSpec<T> {
  const declared = tableOf(ENTITY_OF[table]);
  const written = declared.columns.filter((c) => !c.generated);
  return {
    table,
    sqlName: declared.sqlName,
    columns: Object.fromEntries(written.map((c) => [c.property, [c.column, c.type] as const])) as TableSpec<T>['columns'],
    key: written.filter((c) => c.primary).map((c) => c.property) as unknown as TableSpec<T>['key'],
  };
}

export const TABLES: { readonly [T in TableName]: TableSpec<T> } = Object.fromEntries(
  (Object.keys(ENTITY_OF) as TableName[]).map((table) => [table, specFromEntity(table)]),
) as unknown as { [T in TableName]: TableSpec<T> };

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
