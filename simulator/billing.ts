/**
 * Billing as the billing platform and the ERP run it: a monthly billing run
 * drafts one invoice per project from its approved, not yet invoiced facts
 * and its due fees; tax is calculated (sometimes failing first), exceptions
 * are raised and resolved (some stay open), the ERP posts (grossTotal = net +
 * tax) and the invoice is sent; a few are voided and their facts billed again
 * on a later run; customers pay in full, in part, or several invoices at once.
 */
import type { ExceptionStage, InvoiceLine, PaymentAllocation } from '../events/types';
import { DAY, HOUR, MINUTE, addBusinessDays, addMonths, businessDayAtOrAfter, dateText } from './calendar';
import { centsText, hoursText, percentOf } from './cents';
import { newStream } from './emitter';
import type { Invoice, Project, TimeEntry } from './model';
import type { Sim } from './sim';
import { monthsTouched } from './staffing';

/** Schedules the monthly billing runs (first business day, from 07:00). */
export function scheduleBilling(sim: Sim): void {
  for (const run of sim.billingRuns) {
    sim.at(run + 7 * HOUR, () => billingRun(sim, run));
  }
}

function billingRun(sim: Sim, run: number): void {
  let i = 0;
  for (const project of [...sim.live]) {
    if (project.status === 'planned') continue;
    const lines = hasSomethingToBill(project, run);
    if (!lines) {
      if (project.status === 'closed' || project.status === 'cancelled') sim.live.delete(project);
      continue;
    }
    const at = run + 7 * HOUR + (i++) * 5_000 + sim.billing.int(0, 4_000);
    sim.at(at, () => draft(sim, project, run, at));
  }
}

function hasSomethingToBill(project: Project, run: number): boolean {
  return project.unbilledTime.length > 0 || project.unbilledExpenses.length > 0 || project.unbilledMilestones.length > 0 || feesDue(project, run) > 0;
}

/** Fee lines due on this run: fixed fees in installments (the rest at completion), retainers per month passed. */
function feesDue(project: Project, run: number): number {
  if (project.model === 'fixed_fee') {
    if (project.status === 'cancelled' || project.status === 'setup' || project.start >= run) return 0;
    if (!project.finished && lastDayBilled(run) < project.start) return 0;
    const target = project.finished ? project.feeCount : Math.min(project.feeCount, monthsTouched(project.start, lastDayBilled(run)));
    return Math.max(0, target - project.feesBilled);
  }
  if (project.model === 'retainer') {
    if (project.status === 'setup' || project.start >= run) return 0;
    const last = Math.min(lastDayBilled(run), project.cancelAt ?? project.end);
    if (last < project.start) return 0;
    const target = Math.min(project.feeCount, monthsTouched(project.start, last));
    return Math.max(0, target - project.feesBilled);
  }
  return 0;
}

/** A run bills the months before its own: the last day of the previous month. */
function lastDayBilled(run: number): number {
  return addMonths(run, 0) - DAY;
}

function feeAmount(project: Project, installment: number): number {
  if (project.model === 'fixed_fee' && installment === project.feeCount) {
    return project.contractCents! - project.feeCents * (project.feeCount - 1);
  }
  return project.feeCents;
}

function money(cents: number, currency: string) {
  return { amount: centsText(cents), currency };
}

function draft(sim: Sim, project: Project, run: number, at: number): void {
  const id = sim.nextId('INV', 6);
  const currency = project.currency;
  const lines: InvoiceLine[] = [];
  let netCents = 0;
  const line = (kind: InvoiceLine['kind'], sourceIds: string[], cents: number, description: string) => {
    netCents += cents;
    lines.push({ lineId: `${id}-L${lines.length + 1}`, kind, sourceIds, amount: money(cents, currency), description });
  };

  const time = project.unbilledTime.splice(0);
  const byRole = new Map<string, TimeEntry[]>();
  for (const e of time) {
    const list = byRole.get(e.consultant.role);
    if (list) list.push(e);
    else byRole.set(e.consultant.role, [e]);
  }
  for (const [role, entries] of byRole) {
    const amount = entries.reduce((sum, e) => sum + e.billCents, 0);
    const hours = entries.reduce((sum, e) => sum + e.hours, 0);
    line('time', entries.map((e) => e.id), amount, `${role}: ${hoursText(hours)} h`);
  }
  const expenses = project.unbilledExpenses.splice(0);
  for (const x of expenses) {
    line('expense', [x.id], x.billCents, x.kind);
  }
  const milestones = project.unbilledMilestones.splice(0);
  for (const m of milestones) {
    line('milestone', [m.id], m.amountCents, m.name);
  }
  const fees = feesDue(project, run);
  for (let k = 0; k < fees; k++) {
    const installment = project.feesBilled + 1;
    project.feesBilled += 1;
    const description = project.model === 'retainer'
      ? `Retainer fee, month ${installment} of ${project.feeCount}`
      : `Fixed fee installment ${installment}/${project.feeCount}`;
    line('fee', [], feeAmount(project, installment), description);
  }
  if (lines.length === 0) return;

  const invoice: Invoice = {
    id, project, customer: project.customer, accountId: project.accountId, currency,
    billingStream: newStream(), erpStream: newStream(),
    time, expenses, milestones, fees,
    netCents, taxCents: 0, grossCents: netCents, paidCents: 0, status: 'draft',
    payPlan: [], payStep: 0, nextPayAt: 0,
  };
  sim.emitter.emit('billing', 'ps.billing.invoice.drafted', {
    invoiceId: id, accountId: invoice.accountId, projectId: project.id, currency, lines,
  }, at, invoice.billingStream);
  const taxAt = at + sim.billing.int(3, 12) * MINUTE;
  sim.at(taxAt, () => calculateTax(sim, invoice, taxAt));
}

function raise(sim: Sim, invoice: Invoice, at: number, stage: ExceptionStage, code: string, message: string): string {
  const exceptionId = sim.nextId('EXC', 5);
  sim.emitter.emit('billing', 'ps.billing.invoice.exception_raised', { invoiceId: invoice.id, exceptionId, stage, code, message }, at, invoice.billingStream);
  return exceptionId;
}

function resolve(sim: Sim, invoice: Invoice, exceptionId: string, at: number, resolution: string): void {
  sim.emitter.emit('billing', 'ps.billing.invoice.exception_resolved', { invoiceId: invoice.id, exceptionId, resolution }, at, invoice.billingStream);
}

function calculateTax(sim: Sim, invoice: Invoice, at: number): void {
  const r = sim.billing;
  invoice.taxCents = percentOf(invoice.netCents, invoice.customer.taxBp);
  const fail = (!sim.firsts.taxFailure && !invoice.customer.smooth) || r.chance(0.07);
  if (!fail) {
    sim.emitter.emit('billing', 'ps.billing.invoice.tax_calculated', { invoiceId: invoice.id, taxStatus: 'succeeded', taxTotal: money(invoice.taxCents, invoice.currency) }, at, invoice.billingStream);
    afterTax(sim, invoice, at);
    return;
  }
  sim.firsts.taxFailure = true;
  sim.emitter.emit('billing', 'ps.billing.invoice.tax_calculated', { invoiceId: invoice.id, taxStatus: 'failed' }, at, invoice.billingStream);
  const [code, message] = r.pick([
    ['TAX_SERVICE_UNAVAILABLE', 'Tax engine did not answer within 30 s'],
    ['TAX_ADDRESS_INCOMPLETE', 'Ship-to address lacks a postal code'],
  ] as const);
  const exceptionId = raise(sim, invoice, at, 'tax', code, message);
  const retryAt = at + r.int(60, 26 * 60) * MINUTE;
  sim.at(retryAt, () => {
    sim.emitter.emit('billing', 'ps.billing.invoice.tax_calculated', { invoiceId: invoice.id, taxStatus: 'succeeded', taxTotal: money(invoice.taxCents, invoice.currency) }, retryAt, invoice.billingStream);
    resolve(sim, invoice, exceptionId, retryAt, 'Recalculated');
    afterTax(sim, invoice, retryAt);
  });
}

/** Eligibility and pricing checks; a blocking exception holds the draft until resolved (some never are). */
function afterTax(sim: Sim, invoice: Invoice, at: number): void {
  const r = sim.billing;
  // the last run's first invoice keeps its exception open (unless one already stays open)
  const lastRun = at >= sim.billingRuns[sim.billingRuns.length - 1];
  const forceOpen = !invoice.customer.smooth && !sim.firsts.openException && lastRun;
  if (!invoice.customer.smooth && (forceOpen || r.chance(0.06))) {
    const raisedAt = at + r.int(5, 30) * MINUTE;
    const [stage, code, message] = r.pick([
      ['eligibility', 'PO_NUMBER_MISSING', 'Customer requires a purchase order number on every invoice'],
      ['pricing', 'RATE_MISMATCH', 'Bill rate differs from the rate card of the contract'],
    ] as const);
    const leaveOpen = forceOpen || r.chance(0.2);
    if (leaveOpen) sim.firsts.openException = true;
    sim.at(raisedAt, () => {
      const exceptionId = raise(sim, invoice, raisedAt, stage, code, message);
      if (leaveOpen) return; // stays a draft: its facts stay unbilled
      const resolvedAt = addBusinessDays(raisedAt, r.int(1, 4)) + r.int(9 * 60, 16 * 60) * MINUTE;
      sim.at(resolvedAt, () => {
        resolve(sim, invoice, exceptionId, resolvedAt, stage === 'eligibility' ? 'PO number added' : 'Rate confirmed by account manager');
        const postAt = resolvedAt + r.int(60, 180) * MINUTE;
        sim.at(postAt, () => post(sim, invoice, postAt));
      });
    });
    return;
  }
  const postAt = addBusinessDays(at, 1) + r.int(9 * 60, 15 * 60) * MINUTE;
  sim.at(postAt, () => post(sim, invoice, postAt));
}

function post(sim: Sim, invoice: Invoice, at: number): void {
  const r = sim.billing;
  if (!invoice.customer.smooth && r.chance(0.03)) {
    const exceptionId = raise(sim, invoice, at, 'posting', 'PERIOD_LOCKED', 'Posting period is locked in the ERP');
    const resolvedAt = addBusinessDays(at, 1) + 9 * HOUR + r.int(0, 120) * MINUTE;
    sim.at(resolvedAt, () => {
      resolve(sim, invoice, exceptionId, resolvedAt, 'Period reopened by controller');
      const postAt = resolvedAt + r.int(10, 60) * MINUTE;
      sim.at(postAt, () => reallyPost(sim, invoice, postAt));
    });
    return;
  }
  reallyPost(sim, invoice, at);
}

function reallyPost(sim: Sim, invoice: Invoice, at: number): void {
  const r = sim.billing;
  const le = invoice.project.legalEntity;
  const year = new Date(at).getUTCFullYear();
  const number = sim.nextId(`${le.invoicePrefix}-${year}`, 6);
  invoice.grossCents = invoice.netCents + invoice.taxCents;
  invoice.status = 'posted';
  sim.emitter.emit('erp', 'ps.billing.invoice.posted', {
    invoiceId: invoice.id,
    invoiceNumber: number,
    invoiceDate: dateText(at),
    dueDate: dateText(at + invoice.customer.habit.termsDays * DAY),
    grossTotal: money(invoice.grossCents, invoice.currency),
  }, at, invoice.erpStream);
  const sendAt = at + r.int(20, 180) * MINUTE;
  sim.at(sendAt, () => send(sim, invoice, sendAt));

  // the first invoice with time on it is voided for sure, so its time is billed again
  const voidIt = !invoice.customer.smooth && ((!sim.firsts.void && invoice.time.length > 0) || r.chance(0.045));
  if (voidIt) {
    if (invoice.time.length > 0) sim.firsts.void = true;
    const voidAt = addBusinessDays(at, r.int(1, 4)) + r.int(11 * 60, 16 * 60) * MINUTE;
    sim.at(voidAt, () => voidInvoice(sim, invoice, voidAt));
    return;
  }
  invoice.customer.receivables.push(invoice);
  planPayment(sim, invoice, at);
}

function send(sim: Sim, invoice: Invoice, at: number): void {
  const r = sim.billing;
  sim.emitter.emit('billing', 'ps.billing.invoice.sent', { invoiceId: invoice.id, channel: 'email' }, at, invoice.billingStream);
  if (invoice.customer.smooth || !r.chance(0.05)) return;
  const raisedAt = at + r.int(30, 90) * MINUTE;
  sim.at(raisedAt, () => {
    const exceptionId = raise(sim, invoice, raisedAt, 'delivery', 'EMAIL_BOUNCED', 'Mailbox of the billing contact rejected the message');
    if (r.chance(0.4)) {
      sim.firsts.openException = true;
      return;
    }
    const again = addBusinessDays(raisedAt, 1) + r.int(9 * 60, 12 * 60) * MINUTE;
    sim.at(again, () => {
      sim.emitter.emit('billing', 'ps.billing.invoice.sent', { invoiceId: invoice.id, channel: 'portal' }, again, invoice.billingStream);
      resolve(sim, invoice, exceptionId, again + MINUTE, 'Uploaded to the customer portal');
    });
  });
}

const VOID_REASONS = ['Billed to the wrong legal entity', 'Customer disputes the hours', 'Duplicate of a manual invoice', 'Wrong billing address'];

/** The ERP voids a posted, unpaid invoice: its facts and fees go back to the project and are billed again. */
function voidInvoice(sim: Sim, invoice: Invoice, at: number): void {
  sim.emitter.emit('erp', 'ps.billing.invoice.voided', { invoiceId: invoice.id, reason: sim.billing.pick(VOID_REASONS) }, at, invoice.erpStream);
  invoice.status = 'voided';
  const project = invoice.project;
  project.unbilledTime.push(...invoice.time);
  project.unbilledExpenses.push(...invoice.expenses);
  project.unbilledMilestones.push(...invoice.milestones);
  project.feesBilled -= invoice.fees;
  sim.live.add(project);
}

// ── payments ─────────────────────────────────────────────────────────────────

function planPayment(sim: Sim, invoice: Invoice, postedAt: number): void {
  const r = sim.pay;
  const habit = invoice.customer.habit;
  const gross = invoice.grossCents;
  // The first partly paid invoice pays its first part soon and the rest much later,
  // so that even the smallest firm ends with an invoice paid in part.
  const forced = !sim.firsts.partial && !invoice.customer.smooth && gross >= 2_000;
  const partial = forced || (gross >= 2_000 && r.chance(habit.partialShare));
  if (partial) {
    sim.firsts.partial = true;
    const first = Math.max(100, Math.round((gross * r.float(0.3, 0.7)) / 100) * 100);
    invoice.payPlan = [first, gross - first];
    if (forced) invoice.remainderAfterDays = 45;
  } else {
    invoice.payPlan = [gross];
  }
  // A disputed invoice is paid months late, or not before the simulation ends: receivables age into every
  // bucket. The first invoice of the last five months is disputed for sure, so every firm that long ends with one.
  const lateEnough = postedAt >= sim.horizonEnd - 150 * DAY;
  const disputed = !invoice.customer.smooth && !forced && ((lateEnough && !sim.firsts.dispute) || sim.disputes.chance(0.08));
  if (disputed && lateEnough) sim.firsts.dispute = true;
  const days = disputed ? sim.disputes.int(95, 200) : forced ? r.int(3, 8) : r.int(habit.minDays, habit.maxDays);
  const at = Math.max(businessDayAtOrAfter(postedAt + days * DAY) + r.int(10 * 60, 16 * 60) * MINUTE, postedAt + r.int(2 * 60, 5 * 60) * MINUTE);
  schedulePayment(sim, invoice, at);
}

function schedulePayment(sim: Sim, invoice: Invoice, at: number): void {
  invoice.nextPayAt = at;
  const step = invoice.payStep;
  sim.at(at, () => pay(sim, invoice, step, at));
}

/** Takes the invoice's next planned amount; schedules the rest of a partial plan. */
function take(sim: Sim, invoice: Invoice, at: number): PaymentAllocation {
  const amount = invoice.payPlan[invoice.payStep];
  invoice.payStep += 1;
  invoice.paidCents += amount;
  if (invoice.payStep < invoice.payPlan.length) {
    const next = addBusinessDays(at, invoice.remainderAfterDays ?? sim.pay.int(10, 30)) + sim.pay.int(10 * 60, 16 * 60) * MINUTE;
    schedulePayment(sim, invoice, next);
  } else {
    const list = invoice.customer.receivables;
    list.splice(list.indexOf(invoice), 1);
  }
  return { invoiceId: invoice.id, amount: money(amount, invoice.currency) };
}

function pay(sim: Sim, invoice: Invoice, step: number, at: number): void {
  if (invoice.payStep !== step || invoice.status !== 'posted') return; // already paid with another invoice
  const others = invoice.customer.receivables.filter((o) =>
    o !== invoice && o.accountId === invoice.accountId && o.currency === invoice.currency && o.status === 'posted' &&
    o.payStep < o.payPlan.length && o.nextPayAt <= at + 12 * DAY);
  const batch = others.length > 0 && (invoice.customer.habit.batches || !sim.firsts.split);
  let total = invoice.payPlan[invoice.payStep];
  const allocations = [take(sim, invoice, at)];
  if (batch) {
    sim.firsts.split = true;
    for (const other of others.slice(0, 3)) {
      total += other.payPlan[other.payStep];
      allocations.push(take(sim, other, at));
    }
  }
  sim.emitter.emit('erp', 'ps.billing.payment.received', {
    paymentId: sim.nextId('PAY', 6),
    accountId: invoice.accountId,
    amount: money(total, invoice.currency),
    receivedDate: dateText(at),
    allocations,
  }, at, newStream());
  sim.paidInvoice ??= invoice;
}

