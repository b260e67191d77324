/**
 * The oracle's figures over time (docs/api.md, "Figures over time"), computed
 * straight from the facts the oracle holds ({@link Oracle.datedFacts}) by the
 * contract's definitions: every month, bucket and ratio recomputed from the
 * facts each time, sharing nothing with the listeners' running totals.
 */
import Big from 'big.js';
import { decimalText, moneyText, ZERO } from '../events/decimal';
import type { DatedFacts, DatedProject } from './oracle';

export interface MonthFigures {
  readonly month: string;
  readonly approvedHours: string;
  readonly laborCost: string;
  readonly expenseCost: string;
  readonly billedAmount: string;
  readonly recognizedRevenue: string;
  readonly margin: string;
}

export interface PortfolioMonthFigures extends MonthFigures {
  readonly currency: string;
  readonly legalEntityId: string | null;
  readonly projectCount: number;
}

export interface AgingFigures {
  readonly currency: string;
  readonly legalEntityId: string | null;
  readonly asOf: string;
  /** null in the unbilled aging. */
  readonly current: string | null;
  readonly days1to30: string;
  readonly days31to60: string;
  readonly days61to90: string;
  readonly over90: string;
  readonly total: string;
}

export interface DsoFigures { readonly currency: string; readonly legalEntityId: string | null; readonly days: string | null }

export interface UnbilledFactFigures {
  readonly id: string;
  readonly kind: 'time' | 'expense' | 'milestone';
  readonly projectId: string;
  readonly customerId: string;
  readonly amount: string;
  readonly currency: string;
  readonly factDate: string;
  readonly ageDays: number;
}

const DAY_MS = 86_400_000;

/** big.js with 40 fraction digits in division: the rounding to 1 decimal then sees the quotient as it is. */
const Precise = Big();
Precise.DP = 40;

/** Whole days from `from` to `to` (both `YYYY-MM-DD`). */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

function utcDay(timestamp: string): string {
  return new Date(Date.parse(timestamp)).toISOString().slice(0, 10);
}

/** The months from `from` to `to`, both `YYYY-MM`, inclusive. */
function monthsFrom(from: string, to: string): string[] {
  const months: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  for (;;) {
    const text = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
    if (text > to) return months;
    months.push(text);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
}

interface MonthSums { hours: Big; labor: Big; expense: Big; billed: Big; revenue: Big }

function emptySums(): MonthSums {
  return { hours: ZERO, labor: ZERO, expense: ZERO, billed: ZERO, revenue: ZERO };
}

/** Σ per project and month, each fact by its date basis; only months with a fact appear. */
function monthSums(facts: DatedFacts): Map<string, Map<string, MonthSums>> {
  const byProject = new Map<string, Map<string, MonthSums>>();
  const at = (projectId: string, month: string): MonthSums => {
    let months = byProject.get(projectId);
    if (!months) byProject.set(projectId, (months = new Map()));
    let sums = months.get(month);
    if (!sums) months.set(month, (sums = emptySums()));
    return sums;
  };
  for (const t of facts.time) {
    const sums = at(t.projectId, t.workDate.slice(0, 7));
    sums.hours = sums.hours.plus(t.hours);
    sums.labor = sums.labor.plus(t.cost);
  }
  for (const e of facts.expenses) {
    const sums = at(e.projectId, e.expenseDate.slice(0, 7));
    sums.expense = sums.expense.plus(e.cost);
  }
  for (const i of facts.invoices) {
    const sums = at(i.projectId, i.invoiceDate.slice(0, 7));
    sums.billed = sums.billed.plus(i.net);
  }
  for (const r of facts.revenue) {
    const sums = at(r.projectId, r.period);
    sums.revenue = sums.revenue.plus(r.amount);
  }
  return byProject;
}

function monthFigures(month: string, sums: MonthSums): MonthFigures {
  return {
    month,
    approvedHours: decimalText(sums.hours),
    laborCost: moneyText(sums.labor),
    expenseCost: moneyText(sums.expense),
    billedAmount: moneyText(sums.billed),
    recognizedRevenue: moneyText(sums.revenue),
    margin: moneyText(sums.revenue.minus(sums.labor).minus(sums.expense)),
  };
}

/** The range asked, each bound defaulting to the first or last month with a fact; null when there is none. */
function rangeOf(months: Iterable<string>, from?: string, to?: string): [string, string] | null {
  const known = [...months].sort();
  const first = from ?? known[0];
  const last = to ?? known[known.length - 1];
  if (first === undefined || last === undefined || first > last) return null;
  return [first, last];
}

/** `Project.months(from, to)`: every month of the range, zeros where nothing counted. */
export function projectMonths(facts: DatedFacts, projectId: string, from?: string, to?: string): MonthFigures[] {
  const months = monthSums(facts).get(projectId) ?? new Map<string, MonthSums>();
  const range = rangeOf(months.keys(), from, to);
  if (!range) return [];
  return monthsFrom(...range).map((month) => monthFigures(month, months.get(month) ?? emptySums()));
}

/** `portfolioMonths(from, to, legalEntityId)`: per month and currency, sums over the projects (of one legal entity). */
export function portfolioMonths(facts: DatedFacts, from?: string, to?: string, legalEntityId?: string): PortfolioMonthFigures[] {
  const byProject = monthSums(facts);
  const cells = new Map<string, { sums: MonthSums; projects: number }>();
  const allMonths = new Set<string>();
  for (const [projectId, months] of byProject) {
    const project = facts.projects.get(projectId)!;
    if (legalEntityId !== undefined && project.legalEntityId !== legalEntityId) continue;
    for (const [month, sums] of months) {
      allMonths.add(month);
      const key = `${month}|${project.currency}`;
      const cell = cells.get(key) ?? { sums: emptySums(), projects: 0 };
      cell.projects += 1;
      cell.sums = {
        hours: cell.sums.hours.plus(sums.hours), labor: cell.sums.labor.plus(sums.labor), expense: cell.sums.expense.plus(sums.expense),
        billed: cell.sums.billed.plus(sums.billed), revenue: cell.sums.revenue.plus(sums.revenue),
      };
      cells.set(key, cell);
    }
  }
  const range = rangeOf(allMonths, from, to);
  if (!range) return [];
  const [first, last] = range;
  const currencies = new Set<string>();
  for (const key of cells.keys()) {
    const [month, currency] = key.split('|') as [string, string];
    if (month >= first && month <= last) currencies.add(currency);
  }
  const rows: PortfolioMonthFigures[] = [];
  for (const month of monthsFrom(first, last)) {
    for (const currency of [...currencies].sort()) {
      const cell = cells.get(`${month}|${currency}`);
      rows.push({ ...monthFigures(month, cell?.sums ?? emptySums()), currency, legalEntityId: legalEntityId ?? null, projectCount: cell?.projects ?? 0 });
    }
  }
  return rows;
}

type Bucket = 'current' | 'days1to30' | 'days31to60' | 'days61to90' | 'over90';

/** The bucket of an age in days (days past due, or days since the fact). */
function bucketOf(days: number): Bucket {
  if (days <= 0) return 'current';
  if (days <= 30) return 'days1to30';
  if (days <= 60) return 'days31to60';
  if (days <= 90) return 'days61to90';
  return 'over90';
}

function aging(items: { currency: string; days: number; amount: Big }[], asOf: string, legalEntityId: string | undefined, withCurrent: boolean): AgingFigures[] {
  const byCurrency = new Map<string, Record<Bucket, Big>>();
  for (const item of items) {
    let buckets = byCurrency.get(item.currency);
    if (!buckets) byCurrency.set(item.currency, (buckets = { current: ZERO, days1to30: ZERO, days31to60: ZERO, days61to90: ZERO, over90: ZERO }));
    // The unbilled aging has no `current`: a fact of today (or later) is in its first bucket.
    const bucket = withCurrent ? bucketOf(item.days) : bucketOf(Math.max(item.days, 1));
    buckets[bucket] = buckets[bucket].plus(item.amount);
  }
  return [...byCurrency.keys()].sort().map((currency) => {
    const b = byCurrency.get(currency)!;
    const total = b.current.plus(b.days1to30).plus(b.days31to60).plus(b.days61to90).plus(b.over90);
    return {
      currency, legalEntityId: legalEntityId ?? null, asOf,
      current: withCurrent ? moneyText(b.current) : null,
      days1to30: moneyText(b.days1to30), days31to60: moneyText(b.days31to60), days61to90: moneyText(b.days61to90),
      over90: moneyText(b.over90), total: moneyText(total),
    };
  });
}

function inScope(project: DatedProject | undefined, legalEntityId: string | undefined): boolean {
  return legalEntityId === undefined || project?.legalEntityId === legalEntityId;
}

/** `receivablesAging(asOf, legalEntityId)`: amount due of posted invoices by days past due. */
export function receivablesAging(facts: DatedFacts, asOf: string, legalEntityId?: string): AgingFigures[] {
  const items = facts.invoices
    .filter((i) => inScope(facts.projects.get(i.projectId), legalEntityId))
    .map((i) => ({ currency: i.currency, days: daysBetween(i.dueDate, asOf), amount: i.due }));
  return aging(items, asOf, legalEntityId, true);
}

/** Every approved billable fact on no posted invoice, with its project, date and bill amount. */
function unbilled(facts: DatedFacts): { id: string; kind: UnbilledFactFigures['kind']; project: DatedProject; date: string; amount: Big }[] {
  const list: { id: string; kind: UnbilledFactFigures['kind']; project: DatedProject; date: string; amount: Big }[] = [];
  for (const t of facts.time) {
    if (t.billAmount && !t.billed) list.push({ id: t.id, kind: 'time', project: facts.projects.get(t.projectId)!, date: t.workDate, amount: t.billAmount });
  }
  for (const e of facts.expenses) {
    if (e.billAmount && !e.billed) list.push({ id: e.id, kind: 'expense', project: facts.projects.get(e.projectId)!, date: e.expenseDate, amount: e.billAmount });
  }
  for (const m of facts.milestones) {
    if (!m.billed) list.push({ id: m.id, kind: 'milestone', project: facts.projects.get(m.projectId)!, date: utcDay(m.approvedAt), amount: m.amount });
  }
  return list;
}

/** `unbilledAging(asOf, legalEntityId)`: the unbilled approved amount by the age of each fact. */
export function unbilledAging(facts: DatedFacts, asOf: string, legalEntityId?: string): AgingFigures[] {
  const items = unbilled(facts)
    .filter((f) => inScope(f.project, legalEntityId))
    .map((f) => ({ currency: f.project.currency, days: daysBetween(f.date, asOf), amount: f.amount }));
  return aging(items, asOf, legalEntityId, false);
}

/** `dso(legalEntityId)` as of `asOf`: Σ amount due ÷ Σ gross posted with an invoiceDate in the 90 days up to asOf × 90. */
export function dso(facts: DatedFacts, asOf: string, legalEntityId?: string): DsoFigures[] {
  const byCurrency = new Map<string, { due: Big; gross: Big; posted: number }>();
  for (const i of facts.invoices) {
    if (!inScope(facts.projects.get(i.projectId), legalEntityId)) continue;
    const row = byCurrency.get(i.currency) ?? { due: ZERO, gross: ZERO, posted: 0 };
    row.due = row.due.plus(i.due);
    const age = daysBetween(i.invoiceDate, asOf);
    if (age >= 0 && age < 90) {
      row.gross = row.gross.plus(i.gross);
      row.posted += 1;
    }
    byCurrency.set(i.currency, row);
  }
  return [...byCurrency.keys()].sort().map((currency) => {
    const row = byCurrency.get(currency)!;
    if (row.posted === 0 || row.gross.eq(0)) return { currency, legalEntityId: legalEntityId ?? null, days: null };
    const days = new Precise(row.due.toString()).times(90).div(row.gross.toString());
    return { currency, legalEntityId: legalEntityId ?? null, days: days.round(1, Big.roundHalfUp).toFixed(1) };
  });
}

/** `unbilledFacts(olderThanDays)` as of `asOf`: oldest first (date, kind, id). */
export function unbilledFacts(facts: DatedFacts, olderThanDays: number, asOf: string): UnbilledFactFigures[] {
  return unbilled(facts)
    .map((f) => ({
      id: f.id, kind: f.kind, projectId: f.project.projectId, customerId: f.project.customerId,
      amount: moneyText(f.amount), currency: f.project.currency, factDate: f.date, ageDays: daysBetween(f.date, asOf),
    }))
    .filter((f) => f.ageDays > olderThanDays)
    .sort((a, b) => (a.factDate < b.factDate ? -1 : a.factDate > b.factDate ? 1 : a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
