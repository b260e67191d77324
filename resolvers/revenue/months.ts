import type { Project, ProjectMonth as ProjectMonthTable } from '../../entities';
import type { ColumnRow } from '../../entities/columns';
import { decimalText, money } from '../shared/amounts';
import { badUserInput, shown } from '../shared/errors';
import type { Queryable } from '../shared/sql';
import type { PortfolioMonth, ProjectMonth } from './projectMonth';

/**
 * The reads of `project.project_month`: running totals per project and
 * month, kept by the listeners. A range is answered month by month, zeros
 * where nothing counted, so a trend has no holes.
 */

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
/** Months one answer may span (a century): bounds what one request builds. */
export const MAX_MONTHS = 1200;

/** A range of months asked for; a bound left out is the first or last month with a figure. */
export interface MonthRange { readonly from: string | null; readonly to: string | null }

/** Checks `from` and `to` (YYYY-MM, from ≤ to); client mistakes are BAD_USER_INPUT errors. */
export function monthRange(from: string | null | undefined, to: string | null | undefined): MonthRange {
  for (const [name, value] of [['from', from], ['to', to]] as const) {
    if (value != null && !MONTH.test(value)) throw badUserInput(`${name}: expected a month YYYY-MM, got ${shown(value)}`, { argumentName: name });
  }
  if (from != null && to != null) {
    if (from > to) throw badUserInput(`from: expected a month no later than to (${to}), got ${shown(from)}`, { argumentName: 'from' });
    if (monthsBetween(from, to) > MAX_MONTHS) {
      throw badUserInput(`to: expected at most ${MAX_MONTHS} months after from (${from}), got ${shown(to)}`, { argumentName: 'to' });
    }
  }
  return { from: from ?? null, to: to ?? null };
}

/** Months from `from` to `to` inclusive. */
function monthsBetween(from: string, to: string): number {
  return (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)) + 1;
}

/** Every month of [first, last], at most MAX_MONTHS of them (a range open on one side ends at the data). */
function monthsOf(first: string, last: string): string[] {
  const months: string[] = [];
  let year = Number(first.slice(0, 4));
  let month = Number(first.slice(5, 7));
  for (let text = first; text <= last && months.length < MAX_MONTHS;) {
    months.push(text);
    month = month === 12 ? 1 : month + 1;
    if (month === 1) year += 1;
    text = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
  }
  return months;
}

/** A month's figures; the portfolio's rows are their sums under the same names (numeric sums are numeric). */
type MonthRow = Pick<ColumnRow<ProjectMonthTable>, 'month' | 'approved_hours' | 'labor_cost' | 'expense_cost' | 'billed_amount'
  | 'recognized_revenue' | 'margin'>;
type ProjectCurrency = Pick<ColumnRow<Project>, 'currency'>;

const ZERO_ROW: Omit<MonthRow, 'month'> = {
  approved_hours: '0', labor_cost: '0', expense_cost: '0', billed_amount: '0', recognized_revenue: '0', margin: '0',
};

function toMonth(row: MonthRow, currency: string): ProjectMonth {
  return {
    month: row.month,
    approvedHours: decimalText(row.approved_hours),
    laborCost: money(row.labor_cost, currency),
    expenseCost: money(row.expense_cost, currency),
    billedAmount: money(row.billed_amount, currency),
    recognizedRevenue: money(row.recognized_revenue, currency),
    margin: money(row.margin, currency),
  };
}

/** The range to answer: the bounds asked, else the first and last month of `known` (sorted); null when empty. */
function answeredRange(range: MonthRange, known: readonly string[]): [string, string] | null {
  const first = range.from ?? known[0];
  const last = range.to ?? known[known.length - 1];
  return first === undefined || last === undefined || first > last ? null : [first, last];
}

/** `Project.months` of several projects with one range: one statement; a project without months gets []. */
export async function monthsOfProjects(db: Queryable, projectIds: readonly string[], range: MonthRange): Promise<ProjectMonth[][]> {
  const { rows } = await db.query<MonthRow & Pick<ColumnRow<ProjectMonthTable>, 'project_id'> & ProjectCurrency>(
    `SELECT m.project_id, p.currency, m.month, m.approved_hours, m.labor_cost, m.expense_cost, m.billed_amount, m.recognized_revenue, m.margin
       FROM project.project_month m JOIN project.project p ON p.id = m.project_id
      WHERE m.project_id = ANY($1) AND ($2::text IS NULL OR m.month >= $2) AND ($3::text IS NULL OR m.month <= $3)
      ORDER BY m.project_id, m.month`,
    [projectIds, range.from, range.to],
  );
  // A range open on a side needs the project's first or last month even outside the other bound: read as rows come.
  const byProject = new Map<string, { currency: string; rows: Map<string, MonthRow> }>();
  for (const row of rows) {
    let project = byProject.get(row.project_id);
    if (!project) byProject.set(row.project_id, (project = { currency: row.currency, rows: new Map() }));
    project.rows.set(row.month, row);
  }
  const currencies = range.from !== null && range.to !== null ? await currenciesOf(db, projectIds, byProject) : new Map<string, string>();
  return projectIds.map((id) => {
    const project = byProject.get(id);
    const span = answeredRange(range, project ? [...project.rows.keys()] : []);
    const currency = project?.currency ?? currencies.get(id);
    if (!span || currency === undefined) return [];
    return monthsOf(...span).map((month) => toMonth(project?.rows.get(month) ?? { month, ...ZERO_ROW }, currency));
  });
}

/** Currencies of the projects without a month in a closed range (their months are all zeros). */
async function currenciesOf(db: Queryable, projectIds: readonly string[], known: ReadonlyMap<string, { currency: string }>): Promise<Map<string, string>> {
  const missing = projectIds.filter((id) => !known.has(id));
  if (missing.length === 0) return new Map();
  const { rows } = await db.query<Pick<ColumnRow<Project>, 'id' | 'currency'>>(`SELECT id, currency FROM project.project WHERE id = ANY($1)`, [missing]);
  return new Map(rows.map((row) => [row.id, row.currency]));
}

/**
 * `portfolioMonths`: per month and currency, the sums of the projects' months
 * (of one legal entity's projects, and only of `legalEntities` when given:
 * the principal's); every month of the range for every currency with a month in it.
 */
export async function portfolioMonths(db: Queryable, range: MonthRange, legalEntityId: string | null, legalEntities: readonly string[] | null): Promise<PortfolioMonth[]> {
  const { rows } = await db.query<MonthRow & ProjectCurrency & { project_count: number }>(
    `SELECT p.currency, m.month, count(*)::int AS project_count, sum(m.approved_hours) AS approved_hours,
            sum(m.labor_cost) AS labor_cost, sum(m.expense_cost) AS expense_cost, sum(m.billed_amount) AS billed_amount,
            sum(m.recognized_revenue) AS recognized_revenue, sum(m.margin) AS margin
       FROM project.project_month m JOIN project.project p ON p.id = m.project_id
      WHERE ($1::text IS NULL OR m.month >= $1) AND ($2::text IS NULL OR m.month <= $2)
        AND ($3::text IS NULL OR p.legal_entity_id = $3) AND ($4::text[] IS NULL OR p.legal_entity_id = ANY($4))
      GROUP BY p.currency, m.month ORDER BY m.month, p.currency`,
    [range.from, range.to, legalEntityId, legalEntities],
  );
  const span = answeredRange(range, [...new Set(rows.map((row) => row.month))].sort());
  if (!span) return [];
  const cells = new Map(rows.map((row) => [`${row.month}|${row.currency}`, row]));
  const currencies = [...new Set(rows.map((row) => row.currency))].sort();
  const answer: PortfolioMonth[] = [];
  for (const month of monthsOf(...span)) {
    for (const currency of currencies) {
      const row = cells.get(`${month}|${currency}`);
      answer.push({
        ...toMonth(row ?? { month, ...ZERO_ROW }, currency),
        currency, legalEntityId, projectCount: row?.project_count ?? 0,
      });
    }
  }
  return answer;
}
