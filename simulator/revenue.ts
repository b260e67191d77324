/**
 * Revenue recognition as the ERP's month-end close does it, per project and
 * month: time and materials as billable work is approved, milestones when
 * approved, fixed fees by cost to cost (trued up at completion), retainers
 * ratably per month. A few postings are reversed and most of those
 * recognized again with a corrected amount.
 */
import type { RecognitionMethod } from '../events/types';
import { DAY, HOUR, MINUTE, addBusinessDays, addMonths, nthBusinessDay, periodText } from './calendar';
import { centsText, scaleCents } from './cents';
import { newStream } from './emitter';
import type { Project } from './model';
import type { Sim } from './sim';

/** The close of month m runs on the third business day of month m+1. */
export function scheduleRevenue(sim: Sim): void {
  for (let m = 0; m < sim.settings.months + 1; m++) {
    const monthStart = addMonths(sim.horizonStart, m);
    const closeAt = nthBusinessDay(addMonths(monthStart, 1), 3) + 15 * HOUR;
    sim.at(closeAt, () => closeMonth(sim, monthStart, closeAt));
  }
}

const METHOD: Record<Project['model'], RecognitionMethod> = {
  time_and_materials: 'time_and_materials',
  fixed_fee: 'cost_to_cost',
  milestone: 'milestone',
  retainer: 'ratable',
};

function dueThisClose(project: Project, monthStart: number): number {
  switch (project.model) {
    case 'time_and_materials':
    case 'milestone':
      return project.pendingRevenueCents;
    case 'fixed_fee': {
      const contract = project.contractCents!;
      const target = project.finished && project.status !== 'cancelled'
        ? contract
        : Math.min(contract, scaleCents(contract, project.costToDateCents, project.estimatedCostCents));
      return Math.max(0, target - project.recognizedCents);
    }
    case 'retainer': {
      const monthEnd = addMonths(monthStart, 1) - DAY;
      const last = project.cancelAt ?? project.end;
      const touches = project.start <= monthEnd && last >= monthStart;
      return touches && project.retainerMonthsRecognized < project.feeCount ? project.feeCents : 0;
    }
  }
}

function closeMonth(sim: Sim, monthStart: number, closeAt: number): void {
  const period = periodText(monthStart);
  let i = 0;
  for (const project of sim.projects) {
    if (project.status === 'planned') continue;
    const amount = dueThisClose(project, monthStart);
    if (amount <= 0) continue;
    const at = closeAt + (i++) * 2_000;
    recognize(sim, project, period, amount, at);
    if (project.model === 'time_and_materials' || project.model === 'milestone') project.pendingRevenueCents = 0;
    if (project.model === 'retainer') project.retainerMonthsRecognized += 1;
  }
}

function recognize(sim: Sim, project: Project, period: string, amount: number, at: number, correction = false): void {
  const r = sim.revenue;
  const revenueEventId = sim.nextId('REV', 6);
  const stream = newStream();
  sim.emitter.emit('erp', 'ps.revenue.revenue_event.recognized', {
    revenueEventId, projectId: project.id, period, amount: { amount: centsText(amount), currency: project.currency }, method: METHOD[project.model],
  }, at, stream);
  project.recognizedCents += amount;
  if (correction || !(!sim.firsts.reversal || r.chance(0.05))) return;
  sim.firsts.reversal = true;
  const reverseAt = addBusinessDays(at, r.int(1, 4)) + r.int(10 * 60, 15 * 60) * MINUTE;
  const rerecognize = r.chance(0.7);
  const corrected = Math.max(1, Math.round(amount * r.float(0.95, 1)));
  sim.at(reverseAt, () => {
    sim.emitter.emit('erp', 'ps.revenue.revenue_event.reversed', { revenueEventId, reason: 'Posted with the wrong amount' }, reverseAt, stream);
    project.recognizedCents -= amount;
    if (project.model === 'time_and_materials' || project.model === 'milestone') {
      // what is not recognized again is recognized at the next close
      if (!rerecognize) project.pendingRevenueCents += amount;
      else project.pendingRevenueCents += amount - corrected;
    }
    if (project.model === 'retainer' && !rerecognize) project.retainerMonthsRecognized -= 1;
    if (rerecognize) recognize(sim, project, period, corrected, reverseAt + MINUTE, true);
  });
}
