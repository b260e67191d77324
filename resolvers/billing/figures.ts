import Big from 'big.js';
import type { Project } from '../../entities';
import type { ColumnRow } from '../../entities/columns';
import type { Money } from '../shared/money';
import { decimalText, money } from '../shared/amounts';
import { PORTFOLIO_GROUPING, portfolioId } from '../shared/portfolioKey';
import { inScope, type RowScope } from '../shared/rowScope';
import { keyCondition, Params, type Queryable } from '../shared/sql';

/** The billing figures billing adds to projects, customers and portfolio rows. */

/** A project's billing figures, from its row (running totals the billing listener keeps). */
export interface ProjectBilling {
  readonly id: string;
  readonly billedAmount: Money;
  readonly unbilledApprovedAmount: Money;
  readonly unbilledApprovedHours: string;
}

/** Projects' billing figures by id; a project outside `scope` is not found. */
export async function projectBillingById(db: Queryable, ids: readonly string[], scope: RowScope): Promise<ProjectBilling[]> {
  const params = new Params();
  const { rows } = await db.query<Pick<ColumnRow<Project>, 'id' | 'currency' | 'billed_amount' | 'unbilled_approved_amount' | 'unbilled_approved_hours'>>(
    `SELECT id, currency, billed_amount, unbilled_approved_amount, unbilled_approved_hours FROM project.project p
     WHERE ${keyCondition('id', ids, params)} AND ${inScope('project', 'p', scope, params)}`,
    params.values,
  );
  return rows.map((row) => ({
    id: row.id,
    billedAmount: money(row.billed_amount, row.currency),
    unbilledApprovedAmount: money(row.unbilled_approved_amount, row.currency),
    unbilledApprovedHours: decimalText(row.unbilled_approved_hours),
  }));
}

/**
 * Outstanding balances of many customers (survivors): per currency, Σ
 * outstanding of the balance rows of every account whose root is the customer
 * and that have a posted, not voided invoice in it; sorted by currency. A
 * merged account is nobody's root, so it has none.
 *
 * The balance rows are running totals of every invoice of the account. For a
 * request that does not see every legal entity, the posted invoices of those
 * accounts it does not see (an invoice of another legal entity's project) are
 * taken back out, so the balance is that of the invoices that exist for it; a
 * currency whose posted invoices are all out of scope is not listed.
 */
export async function outstandingBalancesOf(db: Queryable, customerIds: readonly string[], scope: RowScope): Promise<(Money & { customerId: string })[]> {
  const params = new Params();
  const ofCustomers = keyCondition('a.root_id', customerIds, params);
  const unseen = scope === null ? 'SELECT NULL::text AS customer_id, NULL::char(3) AS currency, 0::numeric AS outstanding, 0::bigint AS posted WHERE false'
    : `SELECT a.root_id AS customer_id, i.currency, sum(i.amount_due) AS outstanding, count(*) AS posted
       FROM billing.invoice i JOIN customer.account a ON a.id = i.account_id
       WHERE ${ofCustomers} AND i.status = 'posted' AND (${inScope('invoice', 'i', scope, params)}) IS NOT TRUE
       GROUP BY a.root_id, i.currency`;
  const { rows } = await db.query<{ customer_id: string; currency: string; outstanding: string }>(
    `WITH balances AS (
       SELECT a.root_id AS customer_id, b.currency, sum(b.outstanding) AS outstanding, sum(b.posted_invoices) AS posted
       FROM billing.account_balance b JOIN customer.account a ON a.id = b.account_id
       WHERE ${ofCustomers} AND b.posted_invoices > 0
       GROUP BY a.root_id, b.currency
     ), unseen AS (${unseen})
     SELECT customer_id, currency, balances.outstanding - coalesce(unseen.outstanding, 0) AS outstanding
     FROM balances LEFT JOIN unseen USING (customer_id, currency)
     WHERE balances.posted - coalesce(unseen.posted, 0) > 0
     ORDER BY customer_id, currency`,
    params.values,
  );
  return rows.map((row) => ({ customerId: row.customer_id, ...money(row.outstanding, row.currency) }));
}

/** Billing's sums of one portfolio row. */
export interface PortfolioBilling {
  readonly id: string;
  readonly billedAmount: Money;
  readonly unbilledApprovedAmount: Money;
  readonly outstandingBalance: Money;
  readonly openInvoiceExceptions: number;
}

/**
 * Billing's sums of the portfolio rows of the given currencies, per currency
 * and per (currency, legal entity), in one statement, over the projects in
 * `scope`. An invoice counts under its project's legal entity; outstanding is
 * Σ amountDue of posted invoices.
 */
export async function portfolioBillingOf(db: Queryable, currencies: readonly string[], scope: RowScope): Promise<PortfolioBilling[]> {
  const params = new Params();
  const ofCurrencies = params.add(currencies);
  const visible = inScope('project', 'p', scope, params);
  const { rows } = await db.query<{
    currency: string; legal_entity_id: string | null; billed: string; unbilled: string; outstanding: string; open_exceptions: number;
  }>(
    `WITH projects AS (
       SELECT currency, legal_entity_id, sum(billed_amount) AS billed, sum(unbilled_approved_amount) AS unbilled
       FROM project.project p WHERE currency = ANY(${ofCurrencies}) AND ${visible} GROUP BY currency, legal_entity_id
     ), invoices AS (
       SELECT i.currency, p.legal_entity_id, sum(i.amount_due) AS outstanding
       FROM billing.invoice i JOIN project.project p ON p.id = i.project_id
       WHERE i.status = 'posted' AND i.currency = ANY(${ofCurrencies}) AND ${visible} GROUP BY i.currency, p.legal_entity_id
     ), exceptions AS (
       SELECT i.currency, p.legal_entity_id, count(*) AS open_exceptions
       FROM billing.invoice_exception x JOIN billing.invoice i ON i.id = x.invoice_id JOIN project.project p ON p.id = i.project_id
       WHERE x.resolved_at IS NULL AND i.currency = ANY(${ofCurrencies}) AND ${visible} GROUP BY i.currency, p.legal_entity_id
     ), rows AS (
       SELECT currency, legal_entity_id, billed, unbilled,
              coalesce(invoices.outstanding, 0) AS outstanding, coalesce(exceptions.open_exceptions, 0) AS open_exceptions
       FROM projects LEFT JOIN invoices USING (currency, legal_entity_id) LEFT JOIN exceptions USING (currency, legal_entity_id)
     )
     SELECT currency, legal_entity_id, sum(billed) AS billed, sum(unbilled) AS unbilled,
            sum(outstanding) AS outstanding, sum(open_exceptions)::int AS open_exceptions
     FROM rows GROUP BY ${PORTFOLIO_GROUPING}`,
    params.values,
  );
  return rows.map((row) => ({
    id: portfolioId({ currency: row.currency, legalEntityId: row.legal_entity_id }),
    billedAmount: money(row.billed, row.currency),
    unbilledApprovedAmount: money(row.unbilled, row.currency),
    outstandingBalance: money(new Big(row.outstanding), row.currency),
    openInvoiceExceptions: row.open_exceptions,
  }));
}
