/**
 * The figures over time (docs/api.md, "Figures over time"), kept as running
 * totals by day or month beside the all-time ones, moved by the same
 * contributions (listeners/contributions.ts) so that they always sum to them:
 *
 * - `project.project_month`: per project and month, hours, costs, billed and
 *   recognized revenue (margin generated);
 * - `project.unbilled_by_fact_date`: unbilled approved amount per currency,
 *   legal entity and the day of the fact (unbilled aging);
 * - `billing.receivable_by_due_date`: amount due of posted invoices per
 *   currency, legal entity and due date (receivables aging, DSO);
 * - `billing.posted_by_invoice_date`: gross total of posted invoices per
 *   currency, legal entity and invoice date (DSO).
 *
 * Each is small (days × currencies × legal entities, or months × projects):
 * whatever depends on "today" is computed from them at read time.
 *
 * Listeners never read these rows, so a batch only adds to them: one
 * additive upsert per table, no load, nothing cached. Each row counts the
 * facts behind it and goes when none is left, so which rows exist depends
 * only on the facts, never on how the events fell into batches (a rebuild
 * compares them row by row).
 */
import { PostedByInvoiceDate, ProjectMonth, ReceivableByDueDate, UnbilledByFactDate } from '../entities';
import { tableOf } from '../entities/columns';
import type { BalanceContribution, ProjectContribution, Totals } from './contributions';
import { ExactSum } from './exactSum';
import type { ProjectRow } from './rows';
import type { Queryable } from './statements';

/** The section-4 totals a month keeps (the month entity's properties of the same names). */
const MONTH_FIELDS = ['approvedHours', 'laborCost', 'expenseCost', 'billedAmount', 'recognizedRevenue'] as const;

interface DatedTableSpec {
  readonly sqlName: string;
  /** Key columns and their SQL types, in primary-key order. */
  readonly key: readonly (readonly [string, string])[];
  /** Numeric columns added to, and their entity properties. */
  readonly sums: readonly string[];
  readonly sumProperties: readonly string[];
  /** The integer column counting the facts behind the row. */
  readonly count: string;
}

/** A table's spec from its entity (the one declaration of its columns): key, numeric sums, the integer count. */
function datedSpec(entity: Function): DatedTableSpec {
  const table = tableOf(entity);
  const written = table.columns.filter((c) => !c.generated);
  const sums = written.filter((c) => !c.primary && c.type === 'numeric');
  const counts = written.filter((c) => !c.primary && c.type === 'integer');
  if (counts.length !== 1 || sums.length + counts.length + written.filter((c) => c.primary).length !== written.length) {
    throw new Error(`${table.sqlName}: a dated table has key columns, numeric sums and one integer count, nothing else`);
  }
  return {
    sqlName: table.sqlName,
    key: written.filter((c) => c.primary).map((c) => [c.column, c.type] as const),
    sums: sums.map((c) => c.column), sumProperties: sums.map((c) => c.property), count: counts[0]!.column,
  };
}

/** The tables this module keeps, for writing and for `rebuild`'s comparison. */
export const DATED_TABLES = {
  projectMonth: datedSpec(ProjectMonth),
  unbilledByFactDate: datedSpec(UnbilledByFactDate),
  receivableByDueDate: datedSpec(ReceivableByDueDate),
  postedByInvoiceDate: datedSpec(PostedByInvoiceDate),
} as const;

export const DATED_TABLE_SPECS: readonly DatedTableSpec[] = Object.values(DATED_TABLES);

/** Where each month field sits among the month table's sums. */
const MONTH_SUM_INDEX = MONTH_FIELDS.map((field) => {
  const index = DATED_TABLES.projectMonth.sumProperties.indexOf(field);
  if (index < 0) throw new Error(`project_month has no column for ${field}`);
  return index;
});

/** Changes to one row: key parts, sums (as the spec orders them), facts added (negative: removed). */
interface RowDelta { key: string[]; sums: ExactSum[]; count: number }

const statementsByTable = new Map<DatedTableSpec, { upsert: string; prune: string }>();

/** The additive upsert of a table's deltas, and the delete of its rows no fact is left behind. */
function statementsOf(spec: DatedTableSpec): { upsert: string; prune: string } {
  let texts = statementsByTable.get(spec);
  if (texts) return texts;
  const keyColumns = spec.key.map(([column]) => column);
  const columns = [...keyColumns, ...spec.sums, spec.count];
  const record = [...spec.key.map(([column, type]) => `${column} ${type}`), ...spec.sums.map((c) => `${c} numeric`), `${spec.count} integer`];
  // trim_scale: the same text whatever the batches (a sum of 1.50 and -0.50 is 1, as in the all-time totals).
  const updates = [
    ...spec.sums.map((c) => `${c} = trim_scale(t.${c} + EXCLUDED.${c})`),
    `${spec.count} = t.${spec.count} + EXCLUDED.${spec.count}`,
  ];
  texts = {
    upsert: `INSERT INTO ${spec.sqlName} AS t (${columns.join(', ')})
      SELECT ${columns.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS r(${record.join(', ')})
      ON CONFLICT (${keyColumns.join(', ')}) DO UPDATE SET ${updates.join(', ')}`,
    prune: `DELETE FROM ${spec.sqlName} WHERE ${spec.count} = 0 AND (${keyColumns.join(', ')}) IN (
      SELECT ${keyColumns.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS r(${record.slice(0, spec.key.length).join(', ')}))`,
  };
  statementsByTable.set(spec, texts);
  return texts;
}

class DeltaMap {
  private readonly rows = new Map<string, RowDelta>();
  constructor(readonly spec: DatedTableSpec) {}

  at(key: string[]): RowDelta {
    const id = key.join('\u0000');
    let delta = this.rows.get(id);
    if (!delta) this.rows.set(id, (delta = { key, sums: this.spec.sums.map(() => new ExactSum()), count: 0 }));
    return delta;
  }

  values(): IterableIterator<RowDelta> {
    return this.rows.values();
  }

  get size(): number {
    return this.rows.size;
  }

  clear(): void {
    this.rows.clear();
  }
}

/** Deltas keyed by project until the projects' currency and legal entity are known. */
interface PendingByProject { projectId: string; currency: string | undefined; day: string; sums: ExactSum[]; count: number }

export class DatedTotals {
  private readonly months = new DeltaMap(DATED_TABLES.projectMonth);
  private readonly unbilled = new Map<string, PendingByProject>();
  private readonly receivable = new Map<string, PendingByProject>();
  private readonly posted = new Map<string, PendingByProject>();
  /** Rows by legal entity, once {@link resolve} has put the projects' legal entities in. */
  private readonly resolved = new Map<DatedTableSpec, DeltaMap>();

  addProject(contribution: ProjectContribution, sign: 1 | -1): void {
    const { totals, projectId, day } = contribution;
    if (hasMonthField(totals)) {
      const month = this.months.at([projectId, day.slice(0, 7)]);
      for (let i = 0; i < MONTH_FIELDS.length; i++) {
        const value = totals[MONTH_FIELDS[i]!];
        if (value !== undefined) month.sums[MONTH_SUM_INDEX[i]!]!.add(value, sign);
      }
      month.count += sign;
    }
    const unbilled = totals.unbilledApprovedAmount;
    if (unbilled !== undefined) add(this.unbilled, projectId, undefined, day, [unbilled], sign);
  }

  addBalance(contribution: BalanceContribution, sign: 1 | -1): void {
    const { projectId, currency } = contribution;
    add(this.receivable, projectId, currency, contribution.dueDate, [contribution.outstanding], sign);
    add(this.posted, projectId, currency, contribution.invoiceDate, [contribution.grossTotal], sign);
  }

  /** Projects whose currency and legal entity {@link resolve} needs. */
  projectIds(): Set<string> {
    const ids = new Set<string>();
    for (const map of [this.unbilled, this.receivable, this.posted]) for (const pending of map.values()) ids.add(pending.projectId);
    return ids;
  }

  /** Puts each delta under its project's currency and legal entity (a project's never change once created). */
  resolve(projectOf: (projectId: string) => ProjectRow | undefined): void {
    const pairs: [Map<string, PendingByProject>, DatedTableSpec][] = [
      [this.unbilled, DATED_TABLES.unbilledByFactDate],
      [this.receivable, DATED_TABLES.receivableByDueDate],
      [this.posted, DATED_TABLES.postedByInvoiceDate],
    ];
    for (const [pending, spec] of pairs) {
      let target = this.resolved.get(spec);
      if (!target) this.resolved.set(spec, (target = new DeltaMap(spec)));
      for (const delta of pending.values()) {
        const project = projectOf(delta.projectId);
        if (!project) throw new Error(`project ${delta.projectId} is missing while its dated figures change`);
        const row = target.at([delta.currency ?? project.currency, project.legalEntityId, delta.day]);
        row.count += delta.count;
        delta.sums.forEach((sum, i) => row.sums[i]!.addSum(sum));
      }
      pending.clear();
    }
  }

  /** Sends the batch's upserts (and deletes of rows left without facts); resolves once Postgres has run them. */
  write(client: Queryable): Promise<unknown> {
    const maps = [this.months, ...this.resolved.values()];
    const sent: Promise<unknown>[] = [];
    for (const map of maps) {
      if (map.size === 0) continue;
      const texts = statementsOf(map.spec);
      const rows: Record<string, string | number>[] = [];
      const emptied: Record<string, string>[] = [];
      for (const delta of map.values()) {
        if (delta.count === 0 && delta.sums.every((sum) => sum.isZero())) continue;
        const row: Record<string, string | number> = {};
        map.spec.key.forEach(([column], i) => (row[column] = delta.key[i]!));
        map.spec.sums.forEach((column, i) => (row[column] = delta.sums[i]!.toText()));
        row[map.spec.count] = delta.count;
        rows.push(row);
        if (delta.count < 0) {
          const key: Record<string, string> = {};
          map.spec.key.forEach(([column], i) => (key[column] = delta.key[i]!));
          emptied.push(key);
        }
      }
      if (rows.length > 0) sent.push(client.query(texts.upsert, [JSON.stringify(rows)]));
      if (emptied.length > 0) sent.push(client.query(texts.prune, [JSON.stringify(emptied)]));
      map.clear();
    }
    return Promise.all(sent);
  }
}

function hasMonthField(totals: Totals): boolean {
  return totals.approvedHours !== undefined || totals.laborCost !== undefined || totals.expenseCost !== undefined ||
    totals.billedAmount !== undefined || totals.recognizedRevenue !== undefined;
}

function add(map: Map<string, PendingByProject>, projectId: string, currency: string | undefined, day: string, values: string[], sign: 1 | -1): void {
  const id = `${projectId}\u0000${currency ?? ''}\u0000${day}`;
  let pending = map.get(id);
  if (!pending) map.set(id, (pending = { projectId, currency, day, sums: values.map(() => new ExactSum()), count: 0 }));
  values.forEach((value, i) => pending!.sums[i]!.add(value, sign));
  pending.count += sign;
}
