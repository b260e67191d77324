/**
 * Delivery work as the PSA records it: consultants log time every business
 * day (some to the quarter hour, some to five minutes, so 7.33 h × 123.45
 * happens), managers approve or reject it, rejected time is resubmitted with
 * corrected hours, and expenses are approved with and without a billAmount.
 */
import type { ExpenseApproved } from '../events/types';
import { DAY, HOUR, MINUTE, addBusinessDays, dateText, isBusinessDay } from './calendar';
import { centsText, hoursText, hoursTimesRate, percentOf } from './cents';
import { newStream } from './emitter';
import type { Consultant, Expense, Project, TimeEntry } from './model';
import type { Sim } from './sim';
import { EXPENSE_KINDS } from './world';

const REJECTION_REASONS = [
  'Hours exceed the agreed daily cap',
  'Wrong project: please rebook',
  'Missing task description',
  'Work date falls on a public holiday',
];

/** Schedules the first working day; each day schedules the next. */
export function scheduleWork(sim: Sim): void {
  let day = sim.horizonStart;
  while (!isBusinessDay(day)) day += DAY;
  sim.at(day + 6 * HOUR, () => workDay(sim, day));
}

function workDay(sim: Sim, day: number): void {
  for (const consultant of sim.consultants) logTime(sim, consultant, day);
  for (const project of sim.live) {
    if (project.status === 'active' && project.start <= day && day <= project.end && sim.work.chance(0.07)) {
      spend(sim, project, day);
    }
  }
  const next = addBusinessDays(day, 1);
  sim.at(next + 6 * HOUR, () => workDay(sim, next));
}

function logTime(sim: Sim, consultant: Consultant, day: number): void {
  const r = sim.work;
  if (consultant.assignments.length === 0) return;
  consultant.assignments = consultant.assignments.filter((p) => p.status !== 'completed' && p.status !== 'closed' && p.status !== 'cancelled');
  if (r.chance(0.06)) return; // away: holiday, sick, training
  const open = consultant.assignments.filter((p) => p.status === 'active' && p.start <= day && day <= p.end);
  if (open.length === 0) return;
  const chosen = open.length >= 2 && r.chance(0.45) ? r.sample(open, 2) : [r.pick(open)];
  const step = consultant.precise ? 5 : 15;
  const total = step * r.int(Math.ceil(420 / step), Math.floor(570 / step));
  const minutes = chosen.length === 1 ? [total] : split(r.int(Math.ceil((total * 0.3) / step), Math.floor((total * 0.7) / step)) * step, total);
  chosen.forEach((project, i) => {
    const entry: TimeEntry = {
      id: sim.nextId('TE', 7),
      project,
      consultant,
      workDay: day,
      hours: Math.round((minutes[i] * 100) / 60),
      billable: project.model === 'time_and_materials' && r.chance(0.9),
      stream: newStream(),
      billCents: 0,
      costCents: 0,
    };
    const at = day + 16 * HOUR + r.int(0, 210) * MINUTE + r.int(0, 59) * 1000;
    sim.at(at, () => submit(sim, entry, at, false));
  });
}

function split(first: number, total: number): number[] {
  return [first, total - first];
}

function approverOf(entry: TimeEntry): string {
  return entry.project.manager === entry.consultant ? 'RES-0000' : entry.project.manager.id;
}

function submit(sim: Sim, entry: TimeEntry, at: number, resubmission: boolean): void {
  const r = sim.work;
  sim.emitter.emit('psa', 'ps.project.time_entry.submitted', {
    timeEntryId: entry.id,
    projectId: entry.project.id,
    resourceId: entry.consultant.id,
    role: entry.consultant.role,
    workDate: dateText(entry.workDay),
    hours: hoursText(entry.hours),
    billable: entry.billable,
  }, at, entry.stream);
  const reject = !resubmission && (!sim.firsts.rejection || r.chance(0.035));
  const days = resubmission ? r.int(1, 2) : r.weighted([[1, 0.5], [2, 0.3], [3, 0.12], [6, 0.08]] as const);
  const decideAt = addBusinessDays(at, days) + 9 * HOUR + r.int(0, 180) * MINUTE + r.int(0, 59) * 1000;
  if (reject) {
    sim.firsts.rejection = true;
    sim.at(decideAt, () => rejectEntry(sim, entry, decideAt));
  } else {
    sim.at(decideAt, () => approve(sim, entry, decideAt));
  }
}

function rejectEntry(sim: Sim, entry: TimeEntry, at: number): void {
  const r = sim.work;
  sim.emitter.emit('psa', 'ps.project.time_entry.rejected', {
    timeEntryId: entry.id, rejectedBy: approverOf(entry), reason: r.pick(REJECTION_REASONS),
  }, at, entry.stream);
  if (!sim.firsts.hoursChanged || r.chance(0.6)) {
    sim.firsts.hoursChanged = true;
    const delta = Math.round((r.int(1, 4) * 15 * 100) / 60) * (r.chance(0.7) ? -1 : 1);
    entry.hours = Math.min(2400, Math.max(25, entry.hours + delta));
  }
  const again = addBusinessDays(at, 1) + 10 * HOUR + r.int(0, 420) * MINUTE;
  sim.at(again, () => submit(sim, entry, again, true));
}

function approve(sim: Sim, entry: TimeEntry, at: number): void {
  const project = entry.project;
  const billRate = project.billRates.get(entry.consultant.role)!;
  const costRate = project.costRates.get(entry.consultant.id)!;
  sim.emitter.emit('psa', 'ps.project.time_entry.approved', {
    timeEntryId: entry.id,
    approvedBy: approverOf(entry),
    billRate: { amount: centsText(billRate), currency: project.currency },
    costRate: { amount: centsText(costRate), currency: project.currency },
  }, at, entry.stream);
  entry.billCents = entry.billable ? hoursTimesRate(entry.hours, billRate) : 0;
  entry.costCents = hoursTimesRate(entry.hours, costRate);
  project.costToDateCents += entry.costCents;
  if (entry.billable) {
    project.unbilledTime.push(entry);
    if (project.model === 'time_and_materials') project.pendingRevenueCents += entry.billCents;
    sim.live.add(project);
  }
  if (sim.approved.length < 2) sim.approved.push(entry);
}

/** One expense of a project on `day`; the first three cover billable with and without billAmount and non-billable. */
function spend(sim: Sim, project: Project, day: number): void {
  const r = sim.work;
  const n = sim.expenseCount++;
  const kind = r.pick(EXPENSE_KINDS);
  const amountCents = r.int(kind.minCents, kind.maxCents);
  const billable = n < 3 ? n < 2 : r.chance(kind.billableShare);
  const explicit = billable && (n < 3 ? n === 1 : r.chance(0.4));
  const billCents = !billable ? 0 : !explicit ? amountCents : r.chance(0.5) ? percentOf(amountCents, 11_000) : amountCents - percentOf(amountCents, 1_500);
  const expense: Expense = { id: sim.nextId('EXP', 6), project, kind: kind.name, amountCents, billCents };
  const at = addBusinessDays(day, r.int(2, 6)) + 11 * HOUR + r.int(0, 300) * MINUTE;
  sim.at(at, () => {
    const data: ExpenseApproved = {
      expenseId: expense.id,
      projectId: project.id,
      expenseDate: dateText(day),
      amount: { amount: centsText(amountCents), currency: project.currency },
      billable,
    };
    if (explicit) data.billAmount = { amount: centsText(billCents), currency: project.currency };
    sim.emitter.emit('psa', 'ps.project.expense.approved', data, at, newStream());
    if (billable) {
      project.unbilledExpenses.push(expense);
      if (project.model === 'time_and_materials') project.pendingRevenueCents += billCents;
      sim.live.add(project);
    }
  });
}

