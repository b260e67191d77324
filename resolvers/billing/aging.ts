import { money } from '../shared/amounts';
import type { Queryable } from '../shared/sql';
import type { AgingBuckets, Dso } from './overTime';

/**
 * Aging and DSO as of a day, read from the small aggregates the listeners
 * keep (amounts per currency, legal entity and day): a few hundred rows a
 * year whatever the number of invoices and facts, so the answer costs the
 * same at a thousand events and at a million.
 *
 * Days are counted `asOf − date`: receivables by days past due (due on asOf
 * or later: current; 1–30; 31–60; 61–90; over 90), unbilled work by days since
 * the fact (at most 30, facts dated asOf or later included; 31–60; 61–90; over 90).
 */

/** The legal entities a reader sees (null: all) and the one asked for (null: all). */
export interface LegalEntityScope {
  readonly legalEntityId: string | null;
  readonly visible: readonly string[] | null;
}

interface AgingSource { table: string; date: string; amount: string; current: boolean }

const RECEIVABLES: AgingSource = { table: 'billing.receivable_by_due_date', date: 'due_date', amount: 'amount_due', current: true };
const UNBILLED: AgingSource = { table: 'project.unbilled_by_fact_date', date: 'fact_date', amount: 'amount', current: false };

interface AgingRow { currency: string; current: string; days1to30: string; days31to60: string; days61to90: string; over90: string; total: string }

function agingStatement({ table, date, amount, current }: AgingSource): string {
  const sum = (condition: string) => `coalesce(sum(${amount}) FILTER (WHERE ${condition}), 0)`;
  return `SELECT currency,
      ${current ? sum(`${date} >= $1::date`) : '0'} AS current,
      ${sum(current ? `${date} < $1::date AND ${date} >= $1::date - 30` : `${date} >= $1::date - 30`)} AS days1to30,
      ${sum(`${date} < $1::date - 30 AND ${date} >= $1::date - 60`)} AS days31to60,
      ${sum(`${date} < $1::date - 60 AND ${date} >= $1::date - 90`)} AS days61to90,
      ${sum(`${date} < $1::date - 90`)} AS over90,
      sum(${amount}) AS total
    FROM ${table}
    WHERE ($2::text IS NULL OR legal_entity_id = $2) AND ($3::text[] IS NULL OR legal_entity_id = ANY($3))
    GROUP BY currency ORDER BY currency`;
}

async function aging(db: Queryable, source: AgingSource, asOf: string, scope: LegalEntityScope): Promise<AgingBuckets[]> {
  const { rows } = await db.query<AgingRow>(agingStatement(source), [asOf, scope.legalEntityId, scope.visible]);
  return rows.map((row) => ({
    currency: row.currency, legalEntityId: scope.legalEntityId, asOf,
    current: source.current ? money(row.current, row.currency) : null,
    days1to30: money(row.days1to30, row.currency), days31to60: money(row.days31to60, row.currency),
    days61to90: money(row.days61to90, row.currency), over90: money(row.over90, row.currency), total: money(row.total, row.currency),
  }));
}

/** `receivablesAging`: amount due of posted, not voided invoices by days past their due date. */
export function receivablesAging(db: Queryable, asOf: string, scope: LegalEntityScope): Promise<AgingBuckets[]> {
  return aging(db, RECEIVABLES, asOf, scope);
}

/** `unbilledAging`: the unbilled approved amount by the age of each fact. */
export function unbilledAging(db: Queryable, asOf: string, scope: LegalEntityScope): Promise<AgingBuckets[]> {
  return aging(db, UNBILLED, asOf, scope);
}

/** Days the DSO window spans, the day itself included. */
export const DSO_WINDOW_DAYS = 90;

/** `dso`: per currency, Σ amount due ÷ Σ gross posted in the window × 90, 1 decimal, half away from zero. */
export async function dso(db: Queryable, asOf: string, scope: LegalEntityScope): Promise<Dso[]> {
  const { rows } = await db.query<{ currency: string; due: string | null; gross: string | null; invoices: number | null }>(
    `WITH due AS (
       SELECT currency, sum(amount_due) AS due FROM billing.receivable_by_due_date
        WHERE ($2::text IS NULL OR legal_entity_id = $2) AND ($3::text[] IS NULL OR legal_entity_id = ANY($3)) GROUP BY currency
     ), posted AS (
       SELECT currency, sum(gross_total) AS gross, sum(invoices)::int AS invoices FROM billing.posted_by_invoice_date
        WHERE invoice_date > $1::date - ${DSO_WINDOW_DAYS} AND invoice_date <= $1::date
          AND ($2::text IS NULL OR legal_entity_id = $2) AND ($3::text[] IS NULL OR legal_entity_id = ANY($3)) GROUP BY currency
     )
     SELECT currency, due.due, posted.gross, posted.invoices FROM due FULL JOIN posted USING (currency) ORDER BY currency`,
    [asOf, scope.legalEntityId, scope.visible],
  );
  return rows.map((row) => ({
    currency: row.currency, legalEntityId: scope.legalEntityId,
    days: row.invoices ? daysOf(row.due ?? '0', row.gross ?? '0') : null,
  }));
}

/** due ÷ gross × 90 with 1 decimal, rounded half away from zero, exactly (integers of cents); null for a zero gross. */
export function daysOf(due: string, gross: string): string | null {
  const d = cents(due);
  const g = cents(gross);
  if (g === 0n) return null;
  const numerator = d * BigInt(DSO_WINDOW_DAYS) * 10n; // tenths of a day
  const negative = numerator < 0n !== g < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const m = g < 0n ? -g : g;
  let tenths = n / m;
  if (2n * (n - tenths * m) >= m) tenths += 1n;
  const text = `${tenths / 10n}.${tenths % 10n}`;
  return negative && tenths !== 0n ? `-${text}` : text;
}

/** A money text (at most 2 fraction digits) as an integer of cents. */
function cents(amount: string): bigint {
  const [whole, fraction = ''] = amount.replace('-', '').split('.');
  const value = BigInt(whole!) * 100n + BigInt((fraction + '00').slice(0, 2));
  return amount.startsWith('-') ? -value : value;
}
