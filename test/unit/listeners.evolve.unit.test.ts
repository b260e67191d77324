import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { grossTotalOf, projectContribution } from '../../listeners/contributions';
import type { Decision } from '../../listeners/decision';
import { evolve } from '../../listeners/evolve';
import { newProject } from '../../listeners/project';
import type { AccountRow, InvoiceLineRow, InvoiceRow, ProjectRow, RevenueEventRow, TimeEntryRow } from '../../listeners/rows';
import { anEvent } from '../support/events';
import { rowsView, type GivenRows } from '../support/rowsView';

const T0 = '2026-03-02T10:00:00Z';
const account = (id: string, over: Partial<AccountRow> = {}): AccountRow => ({
  id, name: `Account ${id}`, legalEntityId: 'LE-1', billingCurrency: 'EUR', country: 'DE', status: 'active',
  externalIds: {}, mergedInto: null, rootId: id, updatedAt: T0, ...over,
});
const project = (over: Partial<ProjectRow> = {}): ProjectRow => newProject({
  id: 'p1', accountId: 'a1', name: 'Rollout', billingModel: 'time_and_materials', status: 'active', currency: 'EUR',
  legalEntityId: 'LE-1', contractValue: null, budgetHours: null, plannedStart: null, plannedEnd: null, createdAt: T0,
  ...over,
});
const entry = (over: Partial<TimeEntryRow> = {}): TimeEntryRow => ({
  id: 'te1', projectId: 'p1', resourceId: 'r1', role: null, workDate: '2026-03-02', hours: '7.33', billable: true,
  status: 'submitted', approvedBy: null, billRate: null, costRate: null, billAmount: null, costAmount: null,
  billedByInvoiceIds: [], updatedAt: T0, ...over,
});
const invoice = (over: Partial<InvoiceRow> = {}): InvoiceRow => ({
  id: 'i1', accountId: 'a1', projectId: 'p1', currency: 'EUR', status: 'draft', taxStatus: 'pending', netTotal: '904.89',
  taxTotal: null, postedGrossTotal: null, amountPaid: '0', invoiceNumber: null, invoiceDate: null, dueDate: null,
  draftedAt: T0, postedAt: null, sentAt: null, voidedAt: null, ...over,
});
const timeLine: InvoiceLineRow = { invoiceId: 'i1', lineId: 'l1', kind: 'time', sourceIds: ['te1'], amount: '904.89', description: null };
const revenue = (over: Partial<RevenueEventRow> = {}): RevenueEventRow => ({
  id: 'rev1', projectId: 'p1', period: '2026-03', amount: '1000.00', currency: 'EUR', method: 'time_and_materials',
  reversed: false, recognizedAt: T0, reversedAt: null, ...over,
});
const eur = (amount: string) => ({ amount, currency: 'EUR' });
const base: GivenRows = { account: [account('a1')], project: [project()] };

function writesOf(decision: Decision) {
  assert.equal(decision.kind, 'apply', `expected apply, got ${JSON.stringify(decision)}`);
  return decision.kind === 'apply' ? decision.writes : [];
}
function rowOf(decision: Decision, table: string): Record<string, unknown> {
  const found = writesOf(decision).find((w) => w.table === table);
  assert.ok(found, `expected a write to ${table}`);
  return found.row as unknown as Record<string, unknown>;
}
function assertIllegal(decision: Decision, pattern: RegExp) {
  assert.equal(decision.kind, 'exception', `expected an exception, got ${JSON.stringify(decision)}`);
  if (decision.kind === 'exception') {
    assert.equal(decision.code, 'ILLEGAL_TRANSITION');
    assert.match(decision.message, pattern);
  }
}
function assertParked(decision: Decision, waitingFor: string) {
  assert.equal(decision.kind, 'park', `expected park, got ${JSON.stringify(decision)}`);
  if (decision.kind === 'park') assert.equal(decision.waitingFor, waitingFor);
}

describe('customer listener', () => {
  it('creates an account from an upsert, active by default', () => {
    const row = rowOf(evolve(rowsView({}), anEvent('ps.customer.account.upserted',
      { accountId: 'a9', name: 'Globex', legalEntityId: 'LE-2', billingCurrency: 'USD' })), 'account');
    assert.equal(row.status, 'active');
    assert.equal(row.rootId, 'a9');
    assert.equal(row.mergedInto, null);
  });
  it('replaces the fields of an existing account but keeps its merge', () => {
    const merged = account('a2', { mergedInto: 'a1', rootId: 'a1' });
    const row = rowOf(evolve(rowsView({ account: [account('a1'), merged] }), anEvent('ps.customer.account.upserted',
      { accountId: 'a2', name: 'Renamed', legalEntityId: 'LE-1', billingCurrency: 'EUR', status: 'inactive' })), 'account');
    assert.equal(row.name, 'Renamed');
    assert.equal(row.status, 'inactive');
    assert.equal(row.mergedInto, 'a1');
    assert.equal(row.rootId, 'a1');
  });
  it('points a merged account and the accounts merged into it at the survivor root', () => {
    const given = { account: [account('a1'), account('a2'), account('a3', { mergedInto: 'a2', rootId: 'a2' })] };
    const writes = writesOf(evolve(rowsView(given), anEvent('ps.customer.account.merged', { survivorAccountId: 'a1', mergedAccountId: 'a2' })));
    const byId = new Map(writes.map((w) => [(w.row as AccountRow).id, w.row as AccountRow]));
    assert.equal(byId.get('a2')?.mergedInto, 'a1');
    assert.equal(byId.get('a2')?.rootId, 'a1');
    assert.equal(byId.get('a3')?.mergedInto, 'a2');
    assert.equal(byId.get('a3')?.rootId, 'a1');
  });
  it('parks a merge until both accounts have arrived', () => {
    assertParked(evolve(rowsView({ account: [account('a1')] }), anEvent('ps.customer.account.merged',
      { survivorAccountId: 'a1', mergedAccountId: 'a2' })), 'account:a2');
  });
  it('refuses merging an account twice or into itself or back into its own merge', () => {
    const given = { account: [account('a1'), account('a2', { mergedInto: 'a1', rootId: 'a1' }), account('a3')] };
    assertIllegal(evolve(rowsView(given), anEvent('ps.customer.account.merged', { survivorAccountId: 'a3', mergedAccountId: 'a2' })), /already merged/);
    assertIllegal(evolve(rowsView(given), anEvent('ps.customer.account.merged', { survivorAccountId: 'a1', mergedAccountId: 'a1' })), /itself/);
    assertIllegal(evolve(rowsView(given), anEvent('ps.customer.account.merged', { survivorAccountId: 'a2', mergedAccountId: 'a1' })), /cycle/);
  });
});

describe('project listener', () => {
  it('creates a project in setup with zero figures, parked until its account arrives', () => {
    const created = anEvent('ps.project.project.created', {
      projectId: 'p2', accountId: 'a1', name: 'New', billingModel: 'milestone', currency: 'EUR', legalEntityId: 'LE-1',
      contractValue: eur('50000.00'), budgetHours: '120',
    });
    const row = rowOf(evolve(rowsView(base), created), 'project');
    assert.equal(row.status, 'setup');
    assert.equal(row.contractValue, '50000.00');
    assert.equal(row.laborCost, '0');
    assertParked(evolve(rowsView({}), created), 'account:a1');
    assertIllegal(evolve(rowsView({ ...base, project: [project({ id: 'p2' })] }), created), /already exists/);
  });
  it('moves status freely except out of closed and cancelled', () => {
    assert.equal(rowOf(evolve(rowsView(base), anEvent('ps.project.project.status_changed', { projectId: 'p1', status: 'on_hold' })), 'project').status, 'on_hold');
    for (const final of ['closed', 'cancelled'] as const) {
      assertIllegal(evolve(rowsView({ ...base, project: [project({ status: final })] }),
        anEvent('ps.project.project.status_changed', { projectId: 'p1', status: 'active' })), new RegExp(`is ${final}`));
    }
    assertParked(evolve(rowsView({}), anEvent('ps.project.project.status_changed', { projectId: 'p1', status: 'active' })), 'project:p1');
  });
  const submitted = anEvent('ps.project.time_entry.submitted',
    { timeEntryId: 'te1', projectId: 'p1', resourceId: 'r1', workDate: '2026-03-02', hours: '8', billable: true });
  it('records a submitted time entry, and a resubmission only after rejection', () => {
    assert.equal(rowOf(evolve(rowsView(base), submitted), 'time_entry').status, 'submitted');
    const resubmitted = rowOf(evolve(rowsView({ ...base, time_entry: [entry({ status: 'rejected' })] }), submitted), 'time_entry');
    assert.equal(resubmitted.status, 'submitted');
    assert.equal(resubmitted.hours, '8');
    assertIllegal(evolve(rowsView({ ...base, time_entry: [entry({ status: 'approved' })] }), submitted), /approved; only a rejected/);
    assertIllegal(evolve(rowsView({ ...base, time_entry: [entry()] }), submitted), /submitted; only a rejected/);
    assertParked(evolve(rowsView({}), submitted), 'project:p1');
  });
  const approved = anEvent('ps.project.time_entry.approved',
    { timeEntryId: 'te1', approvedBy: 'm1', billRate: eur('123.45'), costRate: eur('61.15') });
  it('derives bill and cost amounts rounded half away from zero per entry', () => {
    const row = rowOf(evolve(rowsView({ ...base, time_entry: [entry()] }), approved), 'time_entry');
    // 7.33 × 123.45 = 904.8885 → 904.89; 7.33 × 61.15 = 448.2295 → 448.23
    assert.equal(row.billAmount, '904.89');
    assert.equal(row.costAmount, '448.23');
    assert.equal(row.status, 'approved');
  });
  it('bills nothing for a non-billable entry but still costs it', () => {
    const row = rowOf(evolve(rowsView({ ...base, time_entry: [entry({ billable: false })] }), approved), 'time_entry');
    assert.equal(row.billAmount, '0');
    assert.equal(row.costAmount, '448.23');
  });
  it('refuses approving an entry that is not submitted, parks one that has not arrived', () => {
    assertIllegal(evolve(rowsView({ ...base, time_entry: [entry({ status: 'approved' })] }), approved), /is approved; only a submitted/);
    assertIllegal(evolve(rowsView({ ...base, time_entry: [entry({ status: 'approved', billedByInvoiceIds: ['i1'] })] }), approved), /is billed/);
    assertIllegal(evolve(rowsView({ ...base, time_entry: [entry({ status: 'rejected' })] }), approved), /is rejected/);
    assertParked(evolve(rowsView(base), approved), 'time_entry:te1');
  });
  it('raises a currency mismatch for rates in another currency', () => {
    const usd = anEvent('ps.project.time_entry.approved',
      { timeEntryId: 'te1', approvedBy: 'm1', billRate: { amount: '100', currency: 'USD' }, costRate: eur('50') });
    const decision = evolve(rowsView({ ...base, time_entry: [entry()] }), usd);
    assert.equal(decision.kind, 'exception');
    assert.equal(decision.kind === 'exception' && decision.code, 'CURRENCY_MISMATCH');
  });
  it('rejects only a submitted entry', () => {
    const rejected = anEvent('ps.project.time_entry.rejected', { timeEntryId: 'te1', reason: 'wrong project' });
    assert.equal(rowOf(evolve(rowsView({ ...base, time_entry: [entry()] }), rejected), 'time_entry').status, 'rejected');
    assertIllegal(evolve(rowsView({ ...base, time_entry: [entry({ status: 'approved' })] }), rejected), /only a submitted/);
    assertParked(evolve(rowsView(base), rejected), 'time_entry:te1');
  });
  it('approves an expense, billing its amount unless told otherwise', () => {
    const expense = (billable: boolean, billAmount?: string) => anEvent('ps.project.expense.approved', {
      expenseId: 'x1', projectId: 'p1', expenseDate: '2026-03-03', amount: eur('80.00'), billable,
      ...(billAmount ? { billAmount: eur(billAmount) } : {}),
    });
    assert.equal(rowOf(evolve(rowsView(base), expense(true)), 'expense').billAmount, '80.00');
    assert.equal(rowOf(evolve(rowsView(base), expense(true, '95.00')), 'expense').billAmount, '95.00');
    assert.equal(rowOf(evolve(rowsView(base), expense(false)), 'expense').billAmount, '0');
    const existing = { id: 'x1', projectId: 'p1', expenseDate: '2026-03-03', amount: '80.00', currency: 'EUR', billable: true, billAmount: '80.00', billedByInvoiceIds: [], approvedAt: T0 };
    const corrected = rowOf(evolve(rowsView({ ...base, expense: [{ ...existing, billedByInvoiceIds: ['i1'] }] }), expense(true, '90.00')), 'expense');
    assert.equal(corrected.billAmount, '90.00');
    assert.deepEqual(corrected.billedByInvoiceIds, ['i1']);
    assertParked(evolve(rowsView({}), expense(true)), 'project:p1');
  });
  it('approves a milestone, a second approval correcting the first', () => {
    const milestone = anEvent('ps.project.milestone.approved', { milestoneId: 'm1', projectId: 'p1', name: 'Go-live', amount: eur('5000.00') });
    assert.equal(rowOf(evolve(rowsView(base), milestone), 'milestone').amount, '5000.00');
    const existing = { id: 'm1', projectId: 'p1', name: 'Go-live', amount: '5000.00', currency: 'EUR', billedByInvoiceIds: [], approvedAt: T0 };
    assert.equal(rowOf(evolve(rowsView({ ...base, milestone: [{ ...existing, amount: '4000.00' }] }), milestone), 'milestone').amount, '5000.00');
  });
});

describe('billing listener', () => {
  const drafted = anEvent('ps.billing.invoice.drafted', {
    invoiceId: 'i1', accountId: 'a1', projectId: 'p1', currency: 'EUR',
    lines: [{ lineId: 'l1', kind: 'time', sourceIds: ['te1'], amount: eur('904.89') }, { lineId: 'l2', kind: 'fee', sourceIds: [], amount: eur('10.01') }],
  });
  it('drafts an invoice whose net total is the sum of its lines, parked until the facts it bills arrive', () => {
    const decision = evolve(rowsView({ ...base, time_entry: [entry()] }), drafted);
    const row = rowOf(decision, 'invoice');
    assert.equal(row.netTotal, '914.9');
    assert.equal(row.status, 'draft');
    assert.equal(row.taxStatus, 'pending');
    assert.equal(writesOf(decision).filter((w) => w.table === 'invoice_line').length, 2);
    assertParked(evolve(rowsView(base), drafted), 'time_entry:te1');
    assertIllegal(evolve(rowsView({ ...base, time_entry: [entry()], invoice: [invoice()] }), drafted), /already drafted/);
  });
  const withDraft: GivenRows = { ...base, time_entry: [entry({ status: 'approved', billAmount: '904.89', costAmount: '448.23' })], invoice: [invoice()], invoice_line: [timeLine] };
  it('calculates tax again after a failure but not after a success', () => {
    const failed = anEvent('ps.billing.invoice.tax_calculated', { invoiceId: 'i1', taxStatus: 'failed' });
    assert.equal(rowOf(evolve(rowsView(withDraft), failed), 'invoice').taxStatus, 'failed');
    const succeeded = anEvent('ps.billing.invoice.tax_calculated', { invoiceId: 'i1', taxStatus: 'succeeded', taxTotal: eur('171.93') });
    const row = rowOf(evolve(rowsView({ ...withDraft, invoice: [invoice({ taxStatus: 'failed' })] }), succeeded), 'invoice');
    assert.equal(row.taxTotal, '171.93');
    assertIllegal(evolve(rowsView({ ...withDraft, invoice: [invoice({ taxStatus: 'succeeded' })] }), succeeded), /already succeeded/);
    assertParked(evolve(rowsView(base), succeeded), 'invoice:i1');
  });
  it('raises and resolves invoice exceptions once each', () => {
    const raised = anEvent('ps.billing.invoice.exception_raised', { invoiceId: 'i1', exceptionId: 'e1', stage: 'tax', code: 'TAX_TIMEOUT' });
    assert.equal(rowOf(evolve(rowsView(withDraft), raised), 'invoice_exception').resolvedAt, null);
    const open = { invoiceId: 'i1', exceptionId: 'e1', stage: 'tax' as const, code: 'TAX_TIMEOUT', message: null, raisedAt: T0, resolvedAt: null, resolution: null };
    assertIllegal(evolve(rowsView({ ...withDraft, invoice_exception: [open] }), raised), /already raised/);
    const resolved = anEvent('ps.billing.invoice.exception_resolved', { invoiceId: 'i1', exceptionId: 'e1', resolution: 'retried' });
    assert.equal(rowOf(evolve(rowsView({ ...withDraft, invoice_exception: [open] }), resolved), 'invoice_exception').resolution, 'retried');
    assertParked(evolve(rowsView(withDraft), resolved), 'invoice_exception:i1/e1');
    assertIllegal(evolve(rowsView({ ...withDraft, invoice_exception: [{ ...open, resolvedAt: T0 }] }), resolved), /already resolved/);
  });
  const posted = anEvent('ps.billing.invoice.posted', { invoiceId: 'i1', invoiceNumber: 'INV-1', invoiceDate: '2026-03-31', dueDate: '2026-04-30', grossTotal: eur('1076.82') });
  it('posts a draft and marks the facts it names billed', () => {
    const decision = evolve(rowsView(withDraft), posted);
    const row = rowOf(decision, 'invoice');
    assert.equal(row.status, 'posted');
    assert.equal(row.postedGrossTotal, '1076.82');
    assert.deepEqual(rowOf(decision, 'time_entry').billedByInvoiceIds, ['i1']);
    assertIllegal(evolve(rowsView({ ...withDraft, invoice: [invoice({ status: 'posted' })] }), posted), /only a draft/);
    assertParked(evolve(rowsView(base), posted), 'invoice:i1');
  });
  it('records the latest send time', () => {
    const sent = anEvent('ps.billing.invoice.sent', { invoiceId: 'i1', channel: 'email' }, { time: '2026-04-01T08:00:00Z' });
    assert.equal(rowOf(evolve(rowsView(withDraft), sent), 'invoice').sentAt, '2026-04-01T08:00:00Z');
    const later = invoice({ sentAt: '2026-04-05T08:00:00Z' });
    assert.equal(rowOf(evolve(rowsView({ ...withDraft, invoice: [later] }), sent), 'invoice').sentAt, '2026-04-05T08:00:00Z');
  });
  const voided = anEvent('ps.billing.invoice.voided', { invoiceId: 'i1', reason: 'wrong rate' });
  it('voids a posted invoice without payments and unbills its facts', () => {
    const postedRows: GivenRows = { ...withDraft, invoice: [invoice({ status: 'posted' })], time_entry: [entry({ status: 'approved', billedByInvoiceIds: ['i1'] })] };
    const decision = evolve(rowsView(postedRows), voided);
    assert.equal(rowOf(decision, 'invoice').status, 'voided');
    assert.deepEqual(rowOf(decision, 'time_entry').billedByInvoiceIds, []);
    assertIllegal(evolve(rowsView({ ...postedRows, invoice: [invoice({ status: 'posted', amountPaid: '10.00' })] }), voided), /payments allocated/);
    assertIllegal(evolve(rowsView({ ...postedRows, invoice: [invoice({ status: 'voided' })] }), voided), /already voided/);
  });
  it('cancels a draft by voiding it, unbilling nothing', () => {
    const decision = evolve(rowsView(withDraft), voided);
    assert.equal(rowOf(decision, 'invoice').status, 'voided');
    assert.equal(writesOf(decision).filter((w) => w.table === 'time_entry').length, 0);
  });
  it('keeps a fact billed while another posted invoice still names it, whatever the order', () => {
    const rebilled: GivenRows = { ...withDraft, invoice: [invoice({ status: 'posted' })], time_entry: [entry({ status: 'approved', billedByInvoiceIds: ['i1', 'i2'] })] };
    assert.deepEqual(rowOf(evolve(rowsView(rebilled), voided), 'time_entry').billedByInvoiceIds, ['i2']);
    const billedByLater: GivenRows = { ...withDraft, time_entry: [entry({ status: 'approved', billedByInvoiceIds: ['i2'] })] };
    assert.deepEqual(rowOf(evolve(rowsView(billedByLater), posted), 'time_entry').billedByInvoiceIds, ['i1', 'i2']);
  });
  it('does not unbill facts a later invoice has billed', () => {
    const rebilled: GivenRows = { ...withDraft, invoice: [invoice({ status: 'posted' })], time_entry: [entry({ status: 'approved', billedByInvoiceIds: ['i2'] })] };
    assert.equal(writesOf(evolve(rowsView(rebilled), voided)).filter((w) => w.table === 'time_entry').length, 0);
  });
  it('allocates one payment across invoices, parked until every invoice arrived', () => {
    const payment = anEvent('ps.billing.payment.received', {
      paymentId: 'pay1', accountId: 'a1', amount: eur('1500.00'), receivedDate: '2026-04-10',
      allocations: [{ invoiceId: 'i1', amount: eur('1000.00') }, { invoiceId: 'i2', amount: eur('500.00') }],
    });
    const given = { ...withDraft, invoice: [invoice({ status: 'posted' }), invoice({ id: 'i2', status: 'posted', amountPaid: '100.00' })] };
    const writes = writesOf(evolve(rowsView(given), payment));
    const invoices = writes.filter((w) => w.table === 'invoice').map((w) => w.row as InvoiceRow);
    assert.deepEqual(invoices.map((i) => [i.id, i.amountPaid]), [['i1', '1000'], ['i2', '600']]);
    assert.equal(writes.filter((w) => w.table === 'payment_allocation').length, 2);
    assertParked(evolve(rowsView(withDraft), payment), 'invoice:i2');
    assertIllegal(evolve(rowsView({ ...given, payment: [{ id: 'pay1', accountId: 'a1', amount: '1500.00', currency: 'EUR', receivedDate: '2026-04-10' }] }), payment), /already received/);
  });
});

describe('revenue listener', () => {
  const recognized = anEvent('ps.revenue.revenue_event.recognized', { revenueEventId: 'rev1', projectId: 'p1', period: '2026-03', amount: eur('1000.00'), method: 'time_and_materials' });
  const reversed = anEvent('ps.revenue.revenue_event.reversed', { revenueEventId: 'rev1', reason: 'restated' });
  it('recognizes once and reverses once', () => {
    assert.equal(rowOf(evolve(rowsView(base), recognized), 'revenue_event').reversed, false);
    assertIllegal(evolve(rowsView({ ...base, revenue_event: [revenue()] }), recognized), /already recognized/);
    assert.equal(rowOf(evolve(rowsView({ ...base, revenue_event: [revenue()] }), reversed), 'revenue_event').reversed, true);
    assertIllegal(evolve(rowsView({ ...base, revenue_event: [revenue({ reversed: true })] }), reversed), /already reversed/);
    assertParked(evolve(rowsView(base), reversed), 'revenue_event:rev1');
    assertParked(evolve(rowsView({}), recognized), 'project:p1');
  });
});

describe('figure contributions', () => {
  it('counts an approved billable entry as unbilled work until an invoice bills it', () => {
    const approvedEntry = entry({ status: 'approved', billAmount: '904.89', costAmount: '448.23' });
    const unbilled = projectContribution('time_entry', approvedEntry)!.totals;
    assert.equal(unbilled.unbilledApprovedAmount, '904.89');
    assert.equal(unbilled.unbilledApprovedHours, '7.33');
    const billed = projectContribution('time_entry', { ...approvedEntry, billedByInvoiceIds: ['i1'] })!.totals;
    assert.equal(billed.unbilledApprovedAmount, undefined, 'a billed entry adds nothing to unbilled work');
    assert.equal(billed.approvedHours, '7.33');
    assert.equal(billed.laborCost, '448.23');
    assert.equal(projectContribution('time_entry', entry()), undefined);
  });
  it('takes the posted gross total over net plus tax', () => {
    assert.equal(grossTotalOf(invoice({ taxTotal: '171.93' })).toFixed(2), '1076.82');
    assert.equal(grossTotalOf(invoice({ taxTotal: '171.93', postedGrossTotal: '1076.83' })).toFixed(2), '1076.83');
  });
  it('counts only posted invoices as billed and only unreversed revenue', () => {
    assert.equal(projectContribution('invoice', invoice()), undefined);
    assert.equal(projectContribution('invoice', invoice({ status: 'posted' }))!.totals.billedAmount, '904.89');
    assert.equal(projectContribution('invoice', invoice({ status: 'voided' })), undefined);
    assert.equal(projectContribution('revenue_event', revenue({ reversed: true })), undefined);
  });
});
