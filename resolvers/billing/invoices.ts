import type { Invoice as InvoiceTable, InvoiceExceptionRecord } from '../../entities';
import type { ColumnRow } from '../../entities/columns';
import { anyId, cursorCodec, timestampKey, timestampKeySql } from '../shared/cursor';
import { storedEnum, type InvoiceStatus, type PaymentState, type TaxStatus } from '../shared/enums';
import { money, moneyOrNull } from '../shared/amounts';
import type { PagedRow } from '../shared/loaders';
import type { PageRequest } from '../shared/pagination';
import { inScope, type RowScope } from '../shared/rowScope';
import { afterCondition, keyCondition, orderBy, Params, type Queryable, type SortColumn } from '../shared/sql';
import type { Invoice } from './invoice';
import type { InvoiceException } from './invoiceException';

/** The reads of `billing.invoice` and `billing.invoice_exception`. */

type InvoiceRow = Pick<ColumnRow<InvoiceTable>, 'id' | 'invoice_number' | 'currency' | 'status' | 'tax_status' | 'payment_state'
  | 'net_total' | 'tax_total' | 'gross_total' | 'amount_paid' | 'amount_due' | 'invoice_date' | 'due_date' | 'drafted_at'
  | 'posted_at' | 'sent_at' | 'voided_at' | 'project_id'> & {
  /** The survivor of the invoice's account. */
  customer_id: string;
  drafted_key: string;
};

/** The invoice's row and the survivor of its account (the account's root). */
const SELECT = `SELECT i.id, i.invoice_number, i.currency, i.status, i.tax_status, i.payment_state, i.net_total,
  i.tax_total, i.gross_total, i.amount_paid, i.amount_due, i.invoice_date, i.due_date, i.drafted_at, i.posted_at,
  i.sent_at, i.voided_at, i.project_id, coalesce(a.root_id, i.account_id) AS customer_id,
  ${timestampKeySql('i.drafted_at')} AS drafted_key
  FROM billing.invoice i LEFT JOIN customer.account a ON a.id = i.account_id`;

/** Invoices are listed in time order: drafted, then id (index invoice_drafted_at and its per-account/project twins). */
const INVOICE_ORDER: readonly SortColumn[] = [{ sql: 'i.drafted_at', cast: 'timestamptz' }, { sql: 'i.id' }];
export const invoiceCursor = cursorCodec('invoice:drafted', [timestampKey, anyId]);
export const invoiceKeys = (invoice: Invoice): string[] => [invoice.draftedKey, invoice.id];

export function toInvoice(row: InvoiceRow): Invoice {
  const c = row.currency;
  return {
    id: row.id,
    number: row.invoice_number,
    status: storedEnum<InvoiceStatus>(row.status),
    taxStatus: storedEnum<TaxStatus>(row.tax_status),
    paymentState: storedEnum<PaymentState>(row.payment_state),
    currency: c,
    netTotal: money(row.net_total, c),
    taxTotal: moneyOrNull(row.tax_total, c),
    grossTotal: money(row.gross_total, c),
    amountPaid: money(row.amount_paid, c),
    amountDue: moneyOrNull(row.amount_due, c),
    draftedAt: row.drafted_at,
    postedAt: row.posted_at,
    sentAt: row.sent_at,
    voidedAt: row.voided_at,
    invoiceDate: row.invoice_date,
    dueDate: row.due_date,
    customerId: row.customer_id,
    projectId: row.project_id,
    draftedKey: row.drafted_key,
  };
}

/** Invoices by id; one outside `scope` is not found. */
export async function invoicesById(db: Queryable, ids: readonly string[], scope: RowScope): Promise<Invoice[]> {
  const params = new Params();
  const { rows } = await db.query<InvoiceRow>(`${SELECT} WHERE ${keyCondition('i.id', ids, params)} AND ${inScope('invoice', 'i', scope, params)}`, params.values);
  return rows.map(toInvoice);
}

export interface InvoiceFilter {
  readonly status?: InvoiceStatus | null;
  readonly paymentState?: PaymentState | null;
  readonly projectId?: string | null;
  /** Invoices counting under this customer (its own and those of accounts merged into it). */
  readonly customerId?: string | null;
  readonly hasOpenException?: boolean | null;
}

function where(filter: InvoiceFilter, scope: RowScope, params: Params): string {
  const conditions: string[] = [inScope('invoice', 'i', scope, params)];
  if (filter.status != null) conditions.push(`i.status = ${params.add(filter.status)}`);
  if (filter.paymentState != null) conditions.push(`i.payment_state = ${params.add(filter.paymentState)}`);
  if (filter.projectId != null) conditions.push(`i.project_id = ${params.add(filter.projectId)}`);
  if (filter.customerId != null) conditions.push(`a.root_id = ${params.add(filter.customerId)}`);
  if (filter.hasOpenException != null) {
    conditions.push(`${filter.hasOpenException ? '' : 'NOT '}EXISTS (SELECT 1 FROM billing.invoice_exception x
      WHERE x.invoice_id = i.id AND x.resolved_at IS NULL)`);
  }
  return conditions.join(' AND ');
}

/** A page of the invoices in `scope`, in time order, `first + 1` rows. */
export async function invoicesPage(db: Queryable, filter: InvoiceFilter, scope: RowScope, request: PageRequest): Promise<Invoice[]> {
  const params = new Params();
  const conditions = `${where(filter, scope, params)} AND ${afterCondition(INVOICE_ORDER, request, params)}`;
  const { rows } = await db.query<InvoiceRow>(
    `${SELECT} WHERE ${conditions} ORDER BY ${orderBy(INVOICE_ORDER)} LIMIT ${params.add(request.first + 1)}`,
    params.values,
  );
  return rows.map(toInvoice);
}

export async function countInvoices(db: Queryable, filter: InvoiceFilter, scope: RowScope): Promise<number> {
  const params = new Params();
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM billing.invoice i LEFT JOIN customer.account a ON a.id = i.account_id WHERE ${where(filter, scope, params)}`,
    params.values,
  );
  return rows[0]!.n;
}

/** Whose invoices a batch of pages lists: a customer's (survivor) or a project's. */
export type InvoiceParent = 'customer' | 'project';
const PARENT_COLUMN: Record<InvoiceParent, string> = { customer: 'a.root_id', project: 'i.project_id' };
const PARENT_KEY: Record<InvoiceParent, keyof InvoiceRow> = { customer: 'customer_id', project: 'project_id' };

/**
 * One page of invoices for each of many customers or projects, in one
 * statement: `first + 1` rows each, in time order, each with the number of its
 * parent's invoices after the cursor (all of them on a first page).
 */
export async function invoicePagesOf(parent: InvoiceParent, db: Queryable, parentIds: readonly string[], scope: RowScope, request: PageRequest): Promise<PagedRow<Invoice>[]> {
  const params = new Params();
  const ofParents = `${keyCondition(PARENT_COLUMN[parent], parentIds, params)} AND ${inScope('invoice', 'i', scope, params)}`;
  const after = afterCondition(INVOICE_ORDER, request, params);
  const { rows } = await db.query<InvoiceRow & { total: number }>(
    `SELECT * FROM (
       SELECT page.*, row_number() OVER (PARTITION BY page.${PARENT_KEY[parent]} ORDER BY page.drafted_at, page.id) AS rank,
              (count(*) OVER (PARTITION BY page.${PARENT_KEY[parent]}))::int AS total
       FROM (${SELECT} WHERE ${ofParents} AND ${after}) page
     ) ranked
     WHERE rank <= ${params.add(request.first + 1)} ORDER BY ${PARENT_KEY[parent]}, drafted_at, id`,
    params.values,
  );
  return rows.map((row) => ({ value: toInvoice(row), total: row.total }));
}

/** Invoices in `scope` per customer (survivor) or per project, in one statement. */
export async function countInvoicesOf(parent: InvoiceParent, db: Queryable, parentIds: readonly string[], scope: RowScope): Promise<{ id: string; n: number }[]> {
  const column = PARENT_COLUMN[parent];
  const params = new Params();
  const { rows } = await db.query<{ id: string; n: number }>(
    `SELECT ${column} AS id, count(*)::int AS n FROM billing.invoice i LEFT JOIN customer.account a ON a.id = i.account_id
     WHERE ${keyCondition(column, parentIds, params)} AND ${inScope('invoice', 'i', scope, params)} GROUP BY ${column}`,
    params.values,
  );
  return rows;
}

type ExceptionRow = Pick<ColumnRow<InvoiceExceptionRecord>, 'invoice_id' | 'exception_id' | 'stage' | 'code' | 'message' | 'raised_at'>;

/** Open (raised, not resolved) exceptions of many invoices, in the order raised. */
export async function openExceptionsOf(db: Queryable, invoiceIds: readonly string[]): Promise<InvoiceException[]> {
  const params = new Params();
  const { rows } = await db.query<ExceptionRow>(
    `SELECT invoice_id, exception_id, stage, code, message, raised_at FROM billing.invoice_exception
     WHERE ${keyCondition('invoice_id', invoiceIds, params)} AND resolved_at IS NULL ORDER BY invoice_id, raised_at, exception_id`,
    params.values,
  );
  return rows.map((row) => ({
    id: row.exception_id, stage: row.stage, code: row.code, message: row.message, raisedAt: row.raised_at, invoiceId: row.invoice_id,
  }));
}
