/**
 * Changes to the running totals (project figures, account balances) that a
 * batch's facts cause, kept as deltas and applied to the rows once at the end
 * of the batch: one load and one write per row, however many facts moved it.
 * Listeners never read totals to decide, so deferring them changes nothing
 * but the number of round trips.
 */
import { balanceContribution, projectContribution, type BalanceContribution, type Totals } from './contributions';
import { DatedTotals } from './datedTotals';
import { ExactSum } from './exactSum';
import { keyOf } from './keys';
import { PROJECT_TOTAL_FIELDS, type ProjectTotals, type RowByTable, type TableName } from './rows';
import type { UnitOfWork } from './unitOfWork';

type ProjectDelta = Partial<Record<keyof ProjectTotals, ExactSum>>;
interface BalanceDelta { accountId: string; currency: string; outstanding: ExactSum; postedInvoices: number }

/**
 * Whether the figures over time are kept (listeners/datedTotals.ts). Off only
 * to measure what keeping them costs (`npm run bench -- ingest --figures-over-time both`):
 * the months, aging and DSO then stay empty.
 */
export const KEEP_FIGURES_OVER_TIME = process.env.SERVICEGRAPH_FIGURES_OVER_TIME !== 'off';

export class RunningTotals {
  private readonly projects = new Map<string, ProjectDelta>();
  private readonly balances = new Map<string, BalanceDelta>();

  /**
   * @param dated where the same contributions go by day and month: shared by
   * the batch's totals and each event's (which {@link merge} does not copy)
   */
  constructor(readonly dated: DatedTotals | undefined = KEEP_FIGURES_OVER_TIME ? new DatedTotals() : undefined) {}

  /** Records a fact moving from `before` to `after` (either may be absent). */
  addFact<T extends TableName>(table: T, before: RowByTable[T] | undefined, after: RowByTable[T] | undefined): void {
    if (before) this.addRow(table, before, -1);
    if (after) this.addRow(table, after, 1);
  }

  /** Projects whose figures these deltas actually change. */
  changedProjects(): string[] {
    const changed: string[] = [];
    for (const [id, delta] of this.projects) {
      if (PROJECT_TOTAL_FIELDS.some((field) => delta[field] !== undefined && !delta[field].isZero())) changed.push(id);
    }
    return changed;
  }

  merge(other: RunningTotals): void {
    for (const [id, delta] of other.projects) {
      const mine = this.projectDelta(id);
      for (const field of PROJECT_TOTAL_FIELDS) {
        const change = delta[field];
        if (change !== undefined) (mine[field] ??= new ExactSum()).addSum(change);
      }
    }
    for (const [id, balance] of other.balances) {
      const mine = this.balanceDelta(id, balance);
      mine.outstanding.addSum(balance.outstanding);
      mine.postedInvoices += balance.postedInvoices;
    }
  }

  /**
   * Writes the accumulated deltas onto the rows: one load for all of them.
   * The dated deltas learn their projects' legal entities here and are
   * written with the batch ({@link DatedTotals.write}).
   */
  async applyTo(uow: UnitOfWork): Promise<void> {
    const projectIds = this.changedProjects();
    const balances = [...this.balances.values()];
    const datedProjects = this.dated?.projectIds() ?? new Set<string>();
    await uow.load([
      ...projectIds.map((id) => keyOf('project', id)),
      ...[...datedProjects].map((id) => keyOf('project', id)),
      ...balances.map((b) => keyOf('account_balance', b.accountId, b.currency)),
    ]);
    // Before the project rows change below: only their currency and legal entity are read, and those never change.
    this.dated?.resolve((id) => uow.loaded('project', id) ?? undefined);
    for (const projectId of projectIds) {
      const delta = this.projects.get(projectId)!;
      const project = await uow.current('project', projectId);
      if (!project) throw new Error(`project ${projectId} is missing while its figures change`);
      const next = { ...project };
      for (const field of PROJECT_TOTAL_FIELDS) {
        const change = delta[field];
        if (change !== undefined && !change.isZero()) next[field] = new ExactSum().add(project[field]).addSum(change).toText();
      }
      uow.put({ table: 'project', row: next });
    }
    for (const delta of balances) {
      const current = await uow.current('account_balance', delta.accountId, delta.currency);
      // The row exists once an invoice of its account and currency has been posted, however the events
      // fell into batches: a posting and its voiding in one batch leave it as they would in two.
      if (current && delta.outstanding.isZero() && delta.postedInvoices === 0) continue;
      uow.put({ table: 'account_balance', row: {
        accountId: delta.accountId, currency: delta.currency,
        outstanding: new ExactSum().add(current?.outstanding ?? '0').addSum(delta.outstanding).toText(),
        postedInvoices: (current?.postedInvoices ?? 0) + delta.postedInvoices,
      } });
    }
  }

  private addRow(table: TableName, row: RowByTable[TableName], sign: 1 | -1): void {
    const project = projectContribution(table, row);
    if (project) {
      this.addToProject(project.projectId, project.totals, sign);
      this.dated?.addProject(project, sign);
    }
    const balance = balanceContribution(table, row);
    if (balance) {
      this.addToBalance(balance, sign);
      this.dated?.addBalance(balance, sign);
    }
  }

  private projectDelta(projectId: string): ProjectDelta {
    let delta = this.projects.get(projectId);
    if (!delta) this.projects.set(projectId, (delta = {}));
    return delta;
  }

  private balanceDelta(id: string, balance: { accountId: string; currency: string }): BalanceDelta {
    let delta = this.balances.get(id);
    if (!delta) {
      delta = { accountId: balance.accountId, currency: balance.currency, outstanding: new ExactSum(), postedInvoices: 0 };
      this.balances.set(id, delta);
    }
    return delta;
  }

  private addToProject(projectId: string, totals: Totals, sign: 1 | -1): void {
    const delta = this.projectDelta(projectId);
    for (const field of PROJECT_TOTAL_FIELDS) {
      const value = totals[field];
      if (value !== undefined) (delta[field] ??= new ExactSum()).add(value, sign);
    }
  }

  private addToBalance(balance: BalanceContribution, sign: 1 | -1): void {
    const delta = this.balanceDelta(`${balance.accountId}/${balance.currency}`, balance);
    delta.outstanding.add(balance.outstanding, sign);
    delta.postedInvoices += sign * balance.postedInvoices;
  }
}
