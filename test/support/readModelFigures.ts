/**
 * The figures of every project, invoice and customer as the read model holds
 * them, in the oracle's shapes (simulator/oracle.ts), so tests compare the two.
 */
import Big from 'big.js';
import type { Pool } from 'pg';

const money = (value: string | null) => (value === null ? null : new Big(value).toFixed(2));
const decimal = (value: string) => new Big(value).toFixed();

/** The oracle's fields these figures do not read from the read model (compared through GraphQL instead). */
export const NOT_READ = {
  projects: ['name', 'accountId', 'billingModel', 'legalEntityId'],
  invoices: ['accountId', 'draftedAt', 'postedAt', 'sentAt'],
  customers: ['legalEntityId', 'billingCurrency', 'projectIds', 'invoiceIds'],
} as const;

export interface ReadModelFigures {
  projects: Record<string, Record<string, unknown>>;
  invoices: Record<string, Record<string, unknown>>;
  customers: Record<string, Record<string, unknown>>;
}

export async function readModelFigures(pool: Pool): Promise<ReadModelFigures> {
  const projects: ReadModelFigures['projects'] = {};
  for (const p of (await pool.query(`SELECT p.*, a.root_id FROM project.project p JOIN customer.account a ON a.id = p.account_id ORDER BY p.id`)).rows) {
    projects[p.id] = {
      projectId: p.id, customerId: p.root_id, status: p.status, currency: p.currency,
      approvedHours: decimal(p.approved_hours), billableApprovedHours: decimal(p.billable_approved_hours),
      laborCost: money(p.labor_cost), expenseCost: money(p.expense_cost), billedAmount: money(p.billed_amount),
      unbilledApprovedAmount: money(p.unbilled_approved_amount), unbilledApprovedHours: decimal(p.unbilled_approved_hours),
      recognizedRevenue: money(p.recognized_revenue), margin: money(p.margin),
      marginPercent: p.margin_percent === null ? null : new Big(p.margin_percent).toFixed(2),
      revenueBacklog: money(p.revenue_backlog),
    };
  }
  const invoices: ReadModelFigures['invoices'] = {};
  const open = new Map<string, string[]>();
  for (const e of (await pool.query(`SELECT invoice_id, exception_id FROM billing.invoice_exception WHERE resolved_at IS NULL ORDER BY raised_at, exception_id`)).rows) {
    open.set(e.invoice_id, [...(open.get(e.invoice_id) ?? []), e.exception_id]);
  }
  for (const i of (await pool.query(`SELECT i.*, a.root_id FROM billing.invoice i JOIN customer.account a ON a.id = i.account_id ORDER BY i.id`)).rows) {
    invoices[i.id] = {
      invoiceId: i.id, projectId: i.project_id, customerId: i.root_id, currency: i.currency, status: i.status,
      taxStatus: i.tax_status, paymentState: i.payment_state, netTotal: money(i.net_total), taxTotal: money(i.tax_total),
      grossTotal: money(i.gross_total), amountPaid: money(i.amount_paid), amountDue: money(i.amount_due),
      number: i.invoice_number, dueDate: i.due_date, openExceptions: open.get(i.id) ?? [],
    };
  }
  const customers: ReadModelFigures['customers'] = {};
  const balances = new Map<string, { amount: string; currency: string }[]>();
  for (const b of (await pool.query(
    `SELECT a.root_id, b.currency, sum(b.outstanding) AS outstanding FROM billing.account_balance b
     JOIN customer.account a ON a.id = b.account_id GROUP BY a.root_id, b.currency HAVING sum(b.posted_invoices) > 0
     ORDER BY a.root_id, b.currency`)).rows) {
    balances.set(b.root_id, [...(balances.get(b.root_id) ?? []), { amount: money(b.outstanding)!, currency: b.currency }]);
  }
  for (const a of (await pool.query(`SELECT * FROM customer.account ORDER BY id`)).rows) {
    const merged = a.merged_into !== null;
    customers[a.id] = {
      customerId: a.id, name: a.name, status: merged ? 'merged' : a.status, mergedInto: merged ? a.root_id : null,
      outstandingBalance: merged ? [] : balances.get(a.id) ?? [],
    };
  }
  return { projects, invoices, customers };
}
