/** Project listener: projects, time, expenses and milestones (docs/events.md#project-domain-system-of-record-psa, docs/events.md#lifecycles). */
import { dec, decimalText, roundMoney } from '../events/decimal';
import type { EventOf, Money } from '../events/types';
import { apply, currencyMismatch, illegal, park, write, type Decision } from './decision';
import { keyOf } from './keys';
import type { ProjectRow } from './rows';
import type { ReadView } from './view';

export type ProjectEvent =
  | EventOf<'ps.project.project.created'>
  | EventOf<'ps.project.project.status_changed'>
  | EventOf<'ps.project.time_entry.submitted'>
  | EventOf<'ps.project.time_entry.approved'>
  | EventOf<'ps.project.time_entry.rejected'>
  | EventOf<'ps.project.expense.approved'>
  | EventOf<'ps.project.milestone.approved'>;

const FINAL_PROJECT_STATUSES = new Set(['closed', 'cancelled']);

/** A project row with every running total at zero. */
export function newProject(fields: Omit<ProjectRow, keyof import('./rows').ProjectTotals>): ProjectRow {
  return {
    ...fields,
    approvedHours: '0', billableApprovedHours: '0', laborCost: '0', expenseCost: '0', billedAmount: '0',
    unbilledApprovedAmount: '0', unbilledApprovedHours: '0', recognizedRevenue: '0', billableWorkAmount: '0',
    approvedMilestoneAmount: '0',
  };
}

/** Parks on the project when it has not arrived yet. */
function withProject(view: ReadView, projectId: string, what: string, then: (project: ProjectRow) => Decision): Decision {
  const project = view.get('project', projectId);
  if (!project) return park(keyOf('project', projectId), `project ${projectId} of ${what} has not arrived`);
  return then(project);
}

/** Figures are kept in the project's currency; a fact in another one would corrupt them. */
function currencyCheck(project: ProjectRow, money: Money, field: string): Decision | undefined {
  if (money.currency === project.currency) return undefined;
  return currencyMismatch(`${field} is in ${money.currency} but project ${project.id} is in ${project.currency}`);
}

export function evolveProject(view: ReadView, event: ProjectEvent): Decision {
  switch (event.type) {
    case 'ps.project.project.created': {
      const d = event.data;
      view.prefetch([keyOf('project', d.projectId), keyOf('account', d.accountId)]);
      if (view.get('project', d.projectId)) return illegal(`project ${d.projectId} already exists`);
      if (!view.get('account', d.accountId)) {
        return park(keyOf('account', d.accountId), `account ${d.accountId} of project ${d.projectId} has not arrived`);
      }
      return apply(write('project', newProject({
        id: d.projectId, accountId: d.accountId, name: d.name, billingModel: d.billingModel, status: 'setup',
        currency: d.currency, legalEntityId: d.legalEntityId, contractValue: d.contractValue?.amount ?? null,
        budgetHours: d.budgetHours ?? null, plannedStart: d.plannedStart ?? null, plannedEnd: d.plannedEnd ?? null,
        createdAt: event.time,
      })));
    }
    case 'ps.project.project.status_changed': {
      const d = event.data;
      return withProject(view, d.projectId, 'a status change', (project) => {
        if (FINAL_PROJECT_STATUSES.has(project.status) && d.status !== project.status) {
          return illegal(`project ${project.id} is ${project.status} and cannot move to ${d.status}`);
        }
        return apply(write('project', { ...project, status: d.status }));
      });
    }
    case 'ps.project.time_entry.submitted': {
      const d = event.data;
      view.prefetch([keyOf('time_entry', d.timeEntryId), keyOf('project', d.projectId)]);
      return withProject(view, d.projectId, `time entry ${d.timeEntryId}`, () => {
        const existing = view.get('time_entry', d.timeEntryId);
        if (existing && existing.status !== 'rejected') {
          return illegal(`time entry ${d.timeEntryId} is ${lifecycleOf(existing)}; only a rejected entry may be resubmitted`);
        }
        return apply(write('time_entry', {
          id: d.timeEntryId, projectId: d.projectId, resourceId: d.resourceId, role: d.role ?? null,
          workDate: d.workDate, hours: d.hours, billable: d.billable, status: 'submitted',
          approvedBy: null, billRate: null, costRate: null, billAmount: null, costAmount: null,
          // An invoice posted before the approval arrived still names this entry.
          billedByInvoiceIds: existing?.billedByInvoiceIds ?? [],
          updatedAt: event.time,
        }));
      });
    }
    case 'ps.project.time_entry.approved': {
      const d = event.data;
      const entry = view.get('time_entry', d.timeEntryId);
      if (!entry) return park(keyOf('time_entry', d.timeEntryId), `time entry ${d.timeEntryId} has not arrived`);
      if (entry.status !== 'submitted') {
        return illegal(`time entry ${d.timeEntryId} is ${lifecycleOf(entry)}; only a submitted entry may be approved`);
      }
      return withProject(view, entry.projectId, `time entry ${d.timeEntryId}`, (project) => {
        const mismatch = currencyCheck(project, d.billRate, 'data.billRate') ?? currencyCheck(project, d.costRate, 'data.costRate');
        if (mismatch) return mismatch;
        const hours = dec(entry.hours);
        return apply(write('time_entry', {
          ...entry, status: 'approved', approvedBy: d.approvedBy,
          billRate: d.billRate.amount, costRate: d.costRate.amount,
          billAmount: entry.billable ? decimalText(roundMoney(hours.times(d.billRate.amount))) : '0',
          costAmount: decimalText(roundMoney(hours.times(d.costRate.amount))),
          updatedAt: event.time,
        }));
      });
    }
    case 'ps.project.time_entry.rejected': {
      const d = event.data;
      const entry = view.get('time_entry', d.timeEntryId);
      if (!entry) return park(keyOf('time_entry', d.timeEntryId), `time entry ${d.timeEntryId} has not arrived`);
      if (entry.status !== 'submitted') {
        return illegal(`time entry ${d.timeEntryId} is ${lifecycleOf(entry)}; only a submitted entry may be rejected`);
      }
      return apply(write('time_entry', { ...entry, status: 'rejected', updatedAt: event.time }));
    }
    case 'ps.project.expense.approved': {
      const d = event.data;
      view.prefetch([keyOf('expense', d.expenseId), keyOf('project', d.projectId)]);
      return withProject(view, d.projectId, `expense ${d.expenseId}`, (project) => {
        const billAmount = d.billable ? (d.billAmount ?? d.amount) : undefined;
        const mismatch = currencyCheck(project, d.amount, 'data.amount') ??
          (billAmount && currencyCheck(project, billAmount, 'data.billAmount'));
        if (mismatch) return mismatch;
        return apply(write('expense', {
          id: d.expenseId, projectId: d.projectId, expenseDate: d.expenseDate, amount: d.amount.amount,
          currency: d.amount.currency, billable: d.billable, billAmount: billAmount?.amount ?? '0',
          // A second approval corrects the first; an invoice that billed it still does.
          billedByInvoiceIds: view.get('expense', d.expenseId)?.billedByInvoiceIds ?? [], approvedAt: event.time,
        }));
      });
    }
    case 'ps.project.milestone.approved': {
      const d = event.data;
      view.prefetch([keyOf('milestone', d.milestoneId), keyOf('project', d.projectId)]);
      return withProject(view, d.projectId, `milestone ${d.milestoneId}`, (project) => {
        const mismatch = currencyCheck(project, d.amount, 'data.amount');
        if (mismatch) return mismatch;
        return apply(write('milestone', {
          id: d.milestoneId, projectId: d.projectId, name: d.name, amount: d.amount.amount,
          currency: d.amount.currency, billedByInvoiceIds: view.get('milestone', d.milestoneId)?.billedByInvoiceIds ?? [],
          approvedAt: event.time,
        }));
      });
    }
    default: {
      const unhandled: never = event;
      throw new Error(`project listener got ${(unhandled as { type: string }).type}`);
    }
  }
}

/** The contract's lifecycle word for a time entry (`billed` is approved + on a posted invoice). */
export function lifecycleOf(entry: { status: string; billedByInvoiceIds: readonly string[] }): string {
  return entry.status === 'approved' && entry.billedByInvoiceIds.length > 0 ? 'billed' : entry.status;
}
