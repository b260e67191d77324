/**
 * Changes to the running totals (project figures, account balances) that a
 * batch's facts cause, kept as deltas and applied to the rows once at the end
 * of the batch: one load and one write per row, however many facts moved it.
 * Listeners never read totals to decide, so deferring them changes nothing
 * but the number of round trips.
 */
import Big from 'big.js';
import { decimalText, ZERO } from '../events/decimal';
import { balanceContribution, projectContribution, type BalanceContribution, type Totals } from './contributions';
import { keyOf } from './keys';
import { PROJECT_TOTAL_FIELDS, type RowByTable, type TableName } from './rows';
import type { UnitOfWork } from './unitOfWork';

export class RunningTotals {
  private readonly projects = new Map<string, Totals>();
  private readonly balances = new Map<string, BalanceContribution>();

  /** Records a fact moving from `before` to `after` (either may be absent). */
  addFact<T extends TableName>(table: T, before: RowByTable[T] | undefined, after: RowByTable[T] | undefined): void {
    for (const [row, sign] of [[before, -1], [after, 1]] as const) {
      if (!row) continue;
      const project = projectContribution(table, row);
      if (project) this.addToProject(project.projectId, project.totals, sign);
      const balance = balanceContribution(table, row);
      if (balance) this.addToBalance(balance, sign);
    }
  }

  /** Projects whose figures these deltas actually change. */
  changedProjects(): string[] {
    return [...this.projects].filter(([, delta]) => Object.values(delta).some((v) => v && !v.eq(0))).map(([id]) => id);
  }

  merge(other: RunningTotals): void {
    for (const [id, totals] of other.projects) this.addToProject(id, totals, 1);
    for (const balance of other.balances.values()) this.addToBalance(balance, 1);
  }

  /** Writes the accumulated deltas onto the rows: one load for all of them. */
  async applyTo(uow: UnitOfWork): Promise<void> {
    const projectIds = this.changedProjects();
    const balances = [...this.balances.values()].filter((b) => !b.outstanding.eq(0) || b.postedInvoices !== 0);
    await uow.load([
      ...projectIds.map((id) => keyOf('project', id)),
      ...balances.map((b) => keyOf('account_balance', b.accountId, b.currency)),
    ]);
    for (const projectId of projectIds) {
      const delta = this.projects.get(projectId)!;
      const project = await uow.current('project', projectId);
      if (!project) throw new Error(`project ${projectId} is missing while its figures change`);
      const next = { ...project };
      for (const field of PROJECT_TOTAL_FIELDS) {
        const change = delta[field];
        if (change && !change.eq(0)) next[field] = decimalText(new Big(project[field]).plus(change));
      }
      uow.put({ table: 'project', row: next });
    }
    for (const delta of balances) {
      const current = await uow.current('account_balance', delta.accountId, delta.currency);
      uow.put({ table: 'account_balance', row: {
        accountId: delta.accountId, currency: delta.currency,
        outstanding: decimalText(new Big(current?.outstanding ?? '0').plus(delta.outstanding)),
        postedInvoices: (current?.postedInvoices ?? 0) + delta.postedInvoices,
      } });
    }
  }

  private addToProject(projectId: string, totals: Totals, sign: 1 | -1): void {
    let delta = this.projects.get(projectId);
    if (!delta) this.projects.set(projectId, (delta = {}));
    for (const field of PROJECT_TOTAL_FIELDS) {
      const value = totals[field];
      if (value) delta[field] = (delta[field] ?? ZERO).plus(sign === 1 ? value : value.neg());
    }
  }

  private addToBalance(balance: BalanceContribution, sign: 1 | -1): void {
    const id = `${balance.accountId}/${balance.currency}`;
    const current = this.balances.get(id) ?? { accountId: balance.accountId, currency: balance.currency, outstanding: ZERO, postedInvoices: 0 };
    current.outstanding = current.outstanding.plus(sign === 1 ? balance.outstanding : balance.outstanding.neg());
    current.postedInvoices += sign * balance.postedInvoices;
    this.balances.set(id, current);
  }
}
