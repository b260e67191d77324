import { money } from '../shared/amounts';
import { anyId, cursorCodec } from '../shared/cursor';
import { isCalendarDate } from '../shared/date.scalar';
import type { PageRequest } from '../shared/pagination';
import { inScope, type RowScope } from '../shared/rowScope';
import { Params, type Queryable } from '../shared/sql';
import type { UnbilledFact, UnbilledFactKind } from './overTime';

/**
 * `unbilledFacts`: approved billable facts no posted, not voided invoice
 * names, oldest first. Each kind is read through its partial index of
 * unbilled facts by date (migration FiguresOverTime), each stopping after the
 * page: however long the history, a page reads about one page of rows.
 */

interface KindSource { kind: UnbilledFactKind; from: string; date: string; id: string; amount: string; unbilled: string }

/** In the order of `kind` (the second sort key). */
const SOURCES: readonly KindSource[] = [
  { kind: 'expense', from: 'project.expense f', date: 'f.expense_date', id: 'f.id', amount: 'f.bill_amount',
    unbilled: `f.billable AND f.billed_by_invoice_ids = '{}'` },
  // The expression of the index milestone_unbilled: the UTC day of the approval.
  { kind: 'milestone', from: 'project.milestone f', date: `((f.approved_at AT TIME ZONE 'UTC')::date)`, id: 'f.id', amount: 'f.amount',
    unbilled: `f.billed_by_invoice_ids = '{}'` },
  { kind: 'time', from: 'project.time_entry f', date: 'f.work_date', id: 'f.id', amount: 'f.bill_amount',
    unbilled: `f.status = 'approved' AND f.billable AND f.billed_by_invoice_ids = '{}'` },
];

const KINDS = new Set<string>(SOURCES.map((source) => source.kind));
export const unbilledFactCursor = cursorCodec('unbilled:date', [isCalendarDate, (kind) => KINDS.has(kind), anyId]);

/** `customer_id`: the survivor of the project's account; null when it is out of the reader's scope. */
interface FactRow { kind: UnbilledFactKind; id: string; fact_date: string; amount: string; currency: string; project_id: string; customer_id: string | null; age_days: number }

/** What every listed fact satisfies: old enough, and in a legal entity the reader sees. */
function conditions(source: KindSource, asOf: string, olderThanDays: number, visible: RowScope, params: Params): string[] {
  const list = [source.unbilled, `${source.date} < ${params.add(asOf)}::date - ${params.add(olderThanDays)}::int`];
  const scoped = inScope('project', 'p', visible, params);
  if (scoped !== 'true') list.push(scoped);
  return list;
}

/** Rows of one kind after the cursor (date, kind, id): the kind decides how the date compares. */
function afterCursor(source: KindSource, after: readonly string[] | null, params: Params): string | undefined {
  if (after === null) return undefined;
  const [date, kind, id] = after as [string, string, string];
  const day = `${params.add(date)}::date`;
  if (source.kind > kind) return `${source.date} >= ${day}`;
  if (source.kind < kind) return `${source.date} > ${day}`;
  return `(${source.date}, ${source.id}) > (${day}, ${params.add(id)}::text)`;
}

/** A page of unbilled facts, oldest first, `first + 1` rows. */
export async function unbilledFactsPage(db: Queryable, asOf: string, olderThanDays: number, visible: RowScope, request: PageRequest): Promise<UnbilledFact[]> {
  const params = new Params();
  const limit = params.add(request.first + 1);
  const parts = SOURCES.map((source) => {
    const where = conditions(source, asOf, olderThanDays, visible, params);
    const after = afterCursor(source, request.after, params);
    if (after) where.push(after);
    return `(SELECT '${source.kind}'::text AS kind, ${source.id} AS id, ${source.date} AS fact_date, ${source.amount} AS amount,
        p.currency, f.project_id,
        CASE WHEN ${inScope('customer', 'r', visible, params)} THEN coalesce(a.root_id, p.account_id) END AS customer_id
       FROM ${source.from} JOIN project.project p ON p.id = f.project_id LEFT JOIN customer.account a ON a.id = p.account_id
       LEFT JOIN customer.account r ON r.id = a.root_id
      WHERE ${where.join(' AND ')} ORDER BY ${source.date}, ${source.id} LIMIT ${limit})`;
  });
  const { rows } = await db.query<FactRow>(
    `SELECT kind, id, to_char(fact_date, 'YYYY-MM-DD') AS fact_date, amount, currency, project_id, customer_id,
            (${params.add(asOf)}::date - fact_date)::int AS age_days
       FROM (${parts.join(' UNION ALL ')}) facts ORDER BY fact_date, kind, id LIMIT ${limit}`,
    params.values,
  );
  return rows.map((row) => ({
    id: row.id, kind: row.kind, project: { id: row.project_id }, customer: row.customer_id === null ? null : { id: row.customer_id },
    amount: money(row.amount, row.currency), factDate: row.fact_date, ageDays: row.age_days,
  }));
}

export const unbilledFactKeys = (fact: UnbilledFact): string[] => [fact.factDate, fact.kind, fact.id];

/** How many facts the whole list holds. */
export async function countUnbilledFacts(db: Queryable, asOf: string, olderThanDays: number, visible: RowScope): Promise<number> {
  const params = new Params();
  const parts = SOURCES.map((source) =>
    `(SELECT count(*) FROM ${source.from} JOIN project.project p ON p.id = f.project_id
       WHERE ${conditions(source, asOf, olderThanDays, visible, params).join(' AND ')})`);
  const { rows } = await db.query<{ n: number }>(`SELECT (${parts.join(' + ')})::int AS n`, params.values);
  return rows[0]!.n;
}
