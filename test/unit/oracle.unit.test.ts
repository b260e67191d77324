/**
 * The oracle against small scenarios whose figures are worked out by hand
 * here, from docs/events.md#lifecycles and docs/api.md#figures.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SUBJECT_FIELD, type BusinessEvent, type EventDataByType, type EventType } from '../../events/types';
import { Oracle, expectedFigures, type ExpectedFigures } from '../../simulator/oracle';

const CRM = '/crm/test/1';
const PSA = '/psa/test/1';
const BILLING = '/billing/test/1';
const ERP = '/erp/test/1';

/** Builds events in business order: ids, subjects, sequences and times filled in. */
function scenario() {
  const events: BusinessEvent[] = [];
  const sequences = new Map<string, number>();
  let clock = Date.UTC(2025, 0, 6, 9);
  const ev = <T extends EventType>(source: string, type: T, data: EventDataByType[T]): BusinessEvent => {
    const subject = String((data as unknown as Record<string, unknown>)[SUBJECT_FIELD[type]]);
    const key = `${source} ${subject}`;
    const sequence = (sequences.get(key) ?? 0) + 1;
    sequences.set(key, sequence);
    clock += 60_000;
    const event = {
      specversion: '1.0', id: `${source}#${events.length + 1}`, source, type, subject,
      time: new Date(clock).toISOString(), sequence: String(sequence), data,
    } as unknown as BusinessEvent;
    events.push(event);
    return event;
  };
  const eur = (amount: string) => ({ amount, currency: 'EUR' });
  const usd = (amount: string) => ({ amount, currency: 'USD' });
  return { events, ev, eur, usd };
}

function figuresOf(events: BusinessEvent[]): ExpectedFigures {
  return expectedFigures(events);
}

describe('oracle: time and materials, worked by hand', () => {
  const { events, ev, eur } = scenario();
  ev(CRM, 'ps.customer.account.upserted', { accountId: 'ACC-1', name: 'Northwind', legalEntityId: 'LE-DE', billingCurrency: 'EUR' });
  ev(PSA, 'ps.project.project.created', { projectId: 'P1', accountId: 'ACC-1', name: 'Data', billingModel: 'time_and_materials', currency: 'EUR', legalEntityId: 'LE-DE' });
  const submit = (id: string, hours: string, billable: boolean) =>
    ev(PSA, 'ps.project.time_entry.submitted', { timeEntryId: id, projectId: 'P1', resourceId: 'R1', workDate: '2025-01-06', hours, billable });
  const approve = (id: string, bill: string, cost: string) =>
    ev(PSA, 'ps.project.time_entry.approved', { timeEntryId: id, approvedBy: 'M1', billRate: eur(bill), costRate: eur(cost) });
  submit('TE1', '7.33', true); approve('TE1', '123.45', '61.20'); // bill 904.8885 → 904.89, cost 448.596 → 448.60
  submit('TE2', '0.5', true); approve('TE2', '123.45', '61.25'); // bill 61.725 → 61.73 (half away from zero), cost 30.625 → 30.63
  submit('TE3', '2', false); approve('TE3', '123.45', '61.20'); // bill 0, cost 122.40
  submit('TE4', '3', true);
  ev(PSA, 'ps.project.time_entry.rejected', { timeEntryId: 'TE4', reason: 'too many hours' });
  submit('TE4', '2.25', true); approve('TE4', '100.00', '50.00'); // resubmitted with fewer hours: bill 225.00, cost 112.50
  submit('TE5', '1', true); // still waiting for approval: counts nowhere
  ev(PSA, 'ps.project.expense.approved', { expenseId: 'E1', projectId: 'P1', expenseDate: '2025-01-06', amount: eur('100.00'), billable: true });
  ev(PSA, 'ps.project.expense.approved', { expenseId: 'E2', projectId: 'P1', expenseDate: '2025-01-06', amount: eur('200.00'), billable: true, billAmount: eur('210.00') });
  ev(PSA, 'ps.project.expense.approved', { expenseId: 'E3', projectId: 'P1', expenseDate: '2025-01-06', amount: eur('50.00'), billable: false, billAmount: eur('60.00') });
  ev(ERP, 'ps.revenue.revenue_event.recognized', { revenueEventId: 'R1', projectId: 'P1', period: '2025-01', amount: eur('500.00'), method: 'time_and_materials' });
  ev(ERP, 'ps.revenue.revenue_event.recognized', { revenueEventId: 'R2', projectId: 'P1', period: '2025-01', amount: eur('300.00'), method: 'time_and_materials' });
  ev(ERP, 'ps.revenue.revenue_event.reversed', { revenueEventId: 'R2' });
  const workDone = events.length;

  it('rounds each time entry half away from zero, then sums', () => {
    const p = figuresOf(events.slice(0, workDone)).projects.P1;
    assert.equal(p.approvedHours, '12.08'); // 7.33 + 0.5 + 2 + 2.25
    assert.equal(p.billableApprovedHours, '10.08'); // 7.33 + 0.5 + 2.25
    assert.equal(p.laborCost, '714.13'); // 448.60 + 30.63 + 122.40 + 112.50
    assert.equal(p.expenseCost, '350.00'); // 100 + 200 + 50, billable or not
    // 904.89 + 61.73 + 225.00 (time; unrounded the first two would give 966.61) + 100.00 + 210.00 (expenses)
    assert.equal(p.unbilledApprovedAmount, '1501.62');
    assert.equal(p.unbilledApprovedHours, '10.08');
    assert.equal(p.billedAmount, '0.00');
    assert.equal(p.recognizedRevenue, '500.00'); // R2 reversed
    assert.equal(p.margin, '-564.13'); // 500 − 714.13 − 350
    assert.equal(p.marginPercent, '-112.83'); // −112.826
    assert.equal(p.revenueBacklog, '1001.62'); // 1191.62 + 310.00 − 500
    assert.equal(p.status, 'setup');
    assert.equal(p.currency, 'EUR');
  });

  it('keeps facts on a draft unbilled, bills them when posted, unbills them when voided', () => {
    ev(BILLING, 'ps.billing.invoice.drafted', {
      invoiceId: 'I1', accountId: 'ACC-1', projectId: 'P1', currency: 'EUR', lines: [
        { lineId: 'L1', kind: 'time', sourceIds: ['TE1', 'TE2'], amount: eur('966.62') },
        { lineId: 'L2', kind: 'expense', sourceIds: ['E1'], amount: eur('100.00') },
      ],
    });
    ev(BILLING, 'ps.billing.invoice.tax_calculated', { invoiceId: 'I1', taxStatus: 'failed' });
    ev(BILLING, 'ps.billing.invoice.exception_raised', { invoiceId: 'I1', exceptionId: 'X1', stage: 'tax', code: 'TAX_DOWN' });
    let f = figuresOf(events);
    assert.equal(f.projects.P1.unbilledApprovedAmount, '1501.62');
    assert.deepEqual(pick(f.invoices.I1, 'status', 'taxStatus', 'taxTotal', 'netTotal', 'grossTotal', 'amountDue', 'paymentState', 'number'), {
      status: 'draft', taxStatus: 'failed', taxTotal: null, netTotal: '1066.62', grossTotal: '1066.62', amountDue: null, paymentState: 'not_paid', number: null,
    });
    assert.deepEqual(f.invoices.I1.openExceptions, ['X1']);

    ev(BILLING, 'ps.billing.invoice.tax_calculated', { invoiceId: 'I1', taxStatus: 'succeeded', taxTotal: eur('202.66') });
    ev(BILLING, 'ps.billing.invoice.exception_resolved', { invoiceId: 'I1', exceptionId: 'X1' });
    f = figuresOf(events);
    assert.deepEqual(pick(f.invoices.I1, 'status', 'taxStatus', 'taxTotal', 'grossTotal', 'amountDue'), {
      status: 'draft', taxStatus: 'succeeded', taxTotal: '202.66', grossTotal: '1269.28', amountDue: null,
    });
    assert.deepEqual(f.invoices.I1.openExceptions, []);
    assert.equal(f.projects.P1.unbilledApprovedAmount, '1501.62', 'a fact on a draft invoice is still unbilled');

    ev(ERP, 'ps.billing.invoice.posted', { invoiceId: 'I1', invoiceNumber: 'DE-1', invoiceDate: '2025-02-03', dueDate: '2025-03-05', grossTotal: eur('1269.28') });
    f = figuresOf(events);
    assert.equal(f.projects.P1.billedAmount, '1066.62');
    assert.equal(f.projects.P1.unbilledApprovedAmount, '435.00'); // TE4 225.00 + E2 210.00
    assert.equal(f.projects.P1.unbilledApprovedHours, '2.25');
    assert.deepEqual(pick(f.invoices.I1, 'status', 'amountDue', 'number'), { status: 'posted', amountDue: '1269.28', number: 'DE-1' });

    ev(ERP, 'ps.billing.invoice.voided', { invoiceId: 'I1', reason: 'wrong address' });
    f = figuresOf(events);
    assert.equal(f.projects.P1.billedAmount, '0.00');
    assert.equal(f.projects.P1.unbilledApprovedAmount, '1501.62', 'voiding makes the facts unbilled again');
    assert.equal(f.projects.P1.unbilledApprovedHours, '10.08');
    assert.deepEqual(pick(f.invoices.I1, 'status', 'amountDue', 'paymentState'), { status: 'voided', amountDue: '0.00', paymentState: 'not_paid' });
    assert.deepEqual(f.customers['ACC-1'].outstandingBalance, [], 'a voided invoice owes nothing');
  });

  it('bills the same facts again on a later invoice, and follows its payments', () => {
    ev(BILLING, 'ps.billing.invoice.drafted', {
      invoiceId: 'I2', accountId: 'ACC-1', projectId: 'P1', currency: 'EUR', lines: [
        { lineId: 'L1', kind: 'time', sourceIds: ['TE1', 'TE2', 'TE4'], amount: eur('1191.62') },
        { lineId: 'L2', kind: 'expense', sourceIds: ['E1'], amount: eur('100.00') },
        { lineId: 'L3', kind: 'expense', sourceIds: ['E2'], amount: eur('210.00') },
      ],
    });
    ev(BILLING, 'ps.billing.invoice.tax_calculated', { invoiceId: 'I2', taxStatus: 'succeeded', taxTotal: eur('285.31') });
    ev(ERP, 'ps.billing.invoice.posted', { invoiceId: 'I2', invoiceNumber: 'DE-2', invoiceDate: '2025-02-10', dueDate: '2025-03-12', grossTotal: eur('1786.93') });
    ev(BILLING, 'ps.billing.invoice.sent', { invoiceId: 'I2', channel: 'email' });
    let f = figuresOf(events);
    assert.equal(f.projects.P1.billedAmount, '1501.62');
    assert.equal(f.projects.P1.unbilledApprovedAmount, '0.00');
    assert.equal(f.projects.P1.unbilledApprovedHours, '0');
    assert.equal(f.projects.P1.revenueBacklog, '1001.62', 'the backlog does not depend on invoicing');
    assert.notEqual(f.invoices.I2.sentAt, null);

    ev(ERP, 'ps.billing.payment.received', { paymentId: 'PAY1', accountId: 'ACC-1', amount: eur('1000.00'), receivedDate: '2025-02-20', allocations: [{ invoiceId: 'I2', amount: eur('1000.00') }] });
    f = figuresOf(events);
    assert.deepEqual(pick(f.invoices.I2, 'paymentState', 'amountPaid', 'amountDue'), { paymentState: 'partial', amountPaid: '1000.00', amountDue: '786.93' });
    assert.deepEqual(f.customers['ACC-1'].outstandingBalance, [{ amount: '786.93', currency: 'EUR' }]);

    ev(ERP, 'ps.billing.payment.received', { paymentId: 'PAY2', accountId: 'ACC-1', amount: eur('786.93'), receivedDate: '2025-03-01', allocations: [{ invoiceId: 'I2', amount: eur('786.93') }] });
    f = figuresOf(events);
    assert.deepEqual(pick(f.invoices.I2, 'paymentState', 'amountPaid', 'amountDue'), { paymentState: 'paid', amountPaid: '1786.93', amountDue: '0.00' });
    assert.deepEqual(f.customers['ACC-1'].outstandingBalance, [{ amount: '0.00', currency: 'EUR' }]);
  });
});

describe('oracle: margin percent and backlog', () => {
  const { events, ev, eur } = scenario();
  ev(CRM, 'ps.customer.account.upserted', { accountId: 'A', name: 'A', legalEntityId: 'LE-DE', billingCurrency: 'EUR' });
  const project = (id: string, billingModel: EventDataByType['ps.project.project.created']['billingModel']) =>
    ev(PSA, 'ps.project.project.created', { projectId: id, accountId: 'A', name: id, billingModel, currency: 'EUR', legalEntityId: 'LE-DE' });
  const cost = (project: string, id: string, costRate: string) => {
    ev(PSA, 'ps.project.time_entry.submitted', { timeEntryId: id, projectId: project, resourceId: 'R', workDate: '2025-01-06', hours: '1', billable: false });
    ev(PSA, 'ps.project.time_entry.approved', { timeEntryId: id, approvedBy: 'M', billRate: eur('150.00'), costRate: eur(costRate) });
  };
  const recognize = (project: string, id: string, amount: string) =>
    ev(ERP, 'ps.revenue.revenue_event.recognized', { revenueEventId: id, projectId: project, period: '2025-01', amount: eur(amount), method: 'milestone' });

  project('NOREV', 'time_and_materials');
  cost('NOREV', 'T1', '80.00');
  project('GONE', 'fixed_fee');
  recognize('GONE', 'R-GONE', '100.00');
  ev(ERP, 'ps.revenue.revenue_event.reversed', { revenueEventId: 'R-GONE' });
  project('UP', 'retainer');
  recognize('UP', 'R-UP', '200.00');
  cost('UP', 'T2', '199.99'); // margin 0.01 → 0.005 % → 0.01
  project('DOWN', 'retainer');
  recognize('DOWN', 'R-DOWN', '200.00');
  cost('DOWN', 'T3', '200.01'); // margin −0.01 → −0.005 % → −0.01
  project('MS', 'milestone');
  ev(PSA, 'ps.project.milestone.approved', { milestoneId: 'M1', projectId: 'MS', name: 'Design', amount: eur('10000.00') });
  ev(PSA, 'ps.project.milestone.approved', { milestoneId: 'M2', projectId: 'MS', name: 'Build', amount: eur('5000.00') });
  recognize('MS', 'R-MS1', '12000.00');
  project('MS2', 'milestone');
  ev(PSA, 'ps.project.milestone.approved', { milestoneId: 'M3', projectId: 'MS2', name: 'All', amount: eur('1000.00') });
  recognize('MS2', 'R-MS2', '1500.00');

  const f = figuresOf(events);

  it('gives null marginPercent without revenue, also after a reversal', () => {
    assert.deepEqual(pick(f.projects.NOREV, 'recognizedRevenue', 'margin', 'marginPercent'), { recognizedRevenue: '0.00', margin: '-80.00', marginPercent: null });
    assert.deepEqual(pick(f.projects.GONE, 'recognizedRevenue', 'margin', 'marginPercent'), { recognizedRevenue: '0.00', margin: '0.00', marginPercent: null });
  });

  it('rounds marginPercent half away from zero on both sides', () => {
    assert.equal(f.projects.UP.marginPercent, '0.01');
    assert.equal(f.projects.DOWN.marginPercent, '-0.01');
    assert.equal(f.projects.DOWN.margin, '-0.01');
  });

  it('gives a backlog for time and materials and milestones only, never below zero', () => {
    assert.equal(f.projects.NOREV.revenueBacklog, '0.00', 'non-billable time bills nothing');
    assert.equal(f.projects.MS.revenueBacklog, '3000.00'); // 15000 approved − 12000 recognized
    assert.equal(f.projects.MS2.revenueBacklog, '0.00'); // max(0, 1000 − 1500)
    assert.equal(f.projects.MS.unbilledApprovedAmount, '15000.00');
    assert.equal(f.projects.GONE.revenueBacklog, null);
    assert.equal(f.projects.UP.revenueBacklog, null);
  });
});

describe('oracle: merged customers, split payments and the portfolio', () => {
  const { events, ev, eur, usd } = scenario();
  ev(CRM, 'ps.customer.account.upserted', { accountId: 'ACC-A', name: 'Globex Corp', legalEntityId: 'LE-DE', billingCurrency: 'EUR' });
  ev(ERP, 'ps.customer.account.upserted', { accountId: 'ACC-B', name: 'GLOBEX CORPORATION', legalEntityId: 'LE-DE', billingCurrency: 'EUR', status: 'active' });
  ev(CRM, 'ps.customer.account.upserted', { accountId: 'ACC-C', name: 'Initech', legalEntityId: 'LE-US', billingCurrency: 'USD', status: 'inactive' });
  ev(PSA, 'ps.project.project.created', { projectId: 'PA', accountId: 'ACC-A', name: 'PA', billingModel: 'time_and_materials', currency: 'EUR', legalEntityId: 'LE-DE' });
  ev(PSA, 'ps.project.project.created', { projectId: 'PA2', accountId: 'ACC-A', name: 'PA2', billingModel: 'fixed_fee', currency: 'USD', legalEntityId: 'LE-US' });
  ev(PSA, 'ps.project.project.created', { projectId: 'PB', accountId: 'ACC-B', name: 'PB', billingModel: 'milestone', currency: 'EUR', legalEntityId: 'LE-NL' });
  ev(PSA, 'ps.project.time_entry.submitted', { timeEntryId: 'T1', projectId: 'PA', resourceId: 'R', workDate: '2025-01-06', hours: '10', billable: false });
  ev(PSA, 'ps.project.time_entry.approved', { timeEntryId: 'T1', approvedBy: 'M', billRate: eur('100.00'), costRate: eur('50.00') });
  ev(PSA, 'ps.project.milestone.approved', { milestoneId: 'M1', projectId: 'PB', name: 'Design', amount: eur('500.00') });
  const invoice = (id: string, accountId: string, projectId: string, money: typeof eur, line: EventDataByType['ps.billing.invoice.drafted']['lines'][number]) =>
    ev(BILLING, 'ps.billing.invoice.drafted', { invoiceId: id, accountId, projectId, currency: money('0').currency, lines: [line] });
  const post = (id: string, gross: string, money: typeof eur = eur) =>
    ev(ERP, 'ps.billing.invoice.posted', { invoiceId: id, invoiceNumber: `N-${id}`, invoiceDate: '2025-02-03', dueDate: '2025-03-05', grossTotal: money(gross) });
  invoice('IA1', 'ACC-A', 'PA', eur, { lineId: 'L', kind: 'fee', sourceIds: [], amount: eur('1000.00') });
  ev(BILLING, 'ps.billing.invoice.tax_calculated', { invoiceId: 'IA1', taxStatus: 'succeeded', taxTotal: eur('190.00') });
  post('IA1', '1190.00');
  invoice('IB1', 'ACC-B', 'PB', eur, { lineId: 'L', kind: 'milestone', sourceIds: ['M1'], amount: eur('500.00') });
  ev(BILLING, 'ps.billing.invoice.tax_calculated', { invoiceId: 'IB1', taxStatus: 'succeeded', taxTotal: eur('95.00') });
  post('IB1', '595.00');
  // one payment across two invoices, before the merge
  ev(ERP, 'ps.billing.payment.received', { paymentId: 'PAY1', accountId: 'ACC-A', amount: eur('495.00'), receivedDate: '2025-02-10', allocations: [
    { invoiceId: 'IA1', amount: eur('400.00') }, { invoiceId: 'IB1', amount: eur('95.00') },
  ] });
  ev(CRM, 'ps.customer.account.merged', { survivorAccountId: 'ACC-A', mergedAccountId: 'ACC-B' });
  // after the merge, the ERP still names the merged account
  invoice('IB2', 'ACC-B', 'PB', eur, { lineId: 'L', kind: 'fee', sourceIds: [], amount: eur('200.00') });
  ev(BILLING, 'ps.billing.invoice.tax_calculated', { invoiceId: 'IB2', taxStatus: 'succeeded', taxTotal: eur('38.00') });
  post('IB2', '238.00');
  ev(ERP, 'ps.billing.payment.received', { paymentId: 'PAY2', accountId: 'ACC-B', amount: eur('238.00'), receivedDate: '2025-02-20', allocations: [{ invoiceId: 'IB2', amount: eur('238.00') }] });
  invoice('IA3', 'ACC-A', 'PA2', usd, { lineId: 'L', kind: 'fee', sourceIds: [], amount: usd('100.00') });
  post('IA3', '100.00', usd); // tax never calculated: pending
  invoice('IA4', 'ACC-A', 'PA', eur, { lineId: 'L', kind: 'fee', sourceIds: [], amount: eur('50.00') });
  ev(BILLING, 'ps.billing.invoice.exception_raised', { invoiceId: 'IA4', exceptionId: 'X1', stage: 'eligibility', code: 'PO_MISSING' });
  invoice('IA5', 'ACC-A', 'PA', eur, { lineId: 'L', kind: 'fee', sourceIds: [], amount: eur('70.00') });
  post('IA5', '70.00');
  ev(ERP, 'ps.billing.invoice.voided', { invoiceId: 'IA5' });
  ev(ERP, 'ps.revenue.revenue_event.recognized', { revenueEventId: 'R1', projectId: 'PA', period: '2025-01', amount: eur('1000.00'), method: 'time_and_materials' });
  ev(ERP, 'ps.revenue.revenue_event.recognized', { revenueEventId: 'R2', projectId: 'PB', period: '2025-01', amount: eur('200.00'), method: 'milestone' });

  const f = figuresOf(events);

  it('counts the merged account under its survivor, per currency', () => {
    // EUR: IA1 1190 − 400 = 790.00; IB1 595 − 95 = 500.00; IB2 paid: 0.00; IA4 draft and IA5 voided do not count
    assert.deepEqual(f.customers['ACC-A'].outstandingBalance, [{ amount: '1290.00', currency: 'EUR' }, { amount: '100.00', currency: 'USD' }]);
    assert.deepEqual(pick(f.customers['ACC-B'], 'status', 'mergedInto', 'outstandingBalance'), { status: 'merged', mergedInto: 'ACC-A', outstandingBalance: [] });
    assert.deepEqual(f.customers['ACC-A'].projectIds, ['PA', 'PA2', 'PB']);
    assert.deepEqual(f.customers['ACC-A'].invoiceIds, ['IA1', 'IA3', 'IA4', 'IA5', 'IB1', 'IB2']);
    assert.equal(f.customers['ACC-A'].status, 'active');
    assert.equal(f.customers['ACC-C'].status, 'inactive');
    assert.equal(f.projects.PB.customerId, 'ACC-A');
    assert.equal(f.projects.PB.accountId, 'ACC-B');
    assert.equal(f.invoices.IB2.customerId, 'ACC-A');
  });

  it('splits one payment over two invoices', () => {
    assert.deepEqual(pick(f.invoices.IA1, 'paymentState', 'amountPaid', 'amountDue'), { paymentState: 'partial', amountPaid: '400.00', amountDue: '790.00' });
    assert.deepEqual(pick(f.invoices.IB1, 'paymentState', 'amountPaid', 'amountDue'), { paymentState: 'partial', amountPaid: '95.00', amountDue: '500.00' });
    assert.deepEqual(pick(f.invoices.IB2, 'paymentState', 'amountDue'), { paymentState: 'paid', amountDue: '0.00' });
  });

  it('takes the posted gross before net plus tax, and leaves drafts without amountDue', () => {
    assert.deepEqual(pick(f.invoices.IA3, 'taxStatus', 'taxTotal', 'grossTotal', 'amountDue', 'currency'), { taxStatus: 'pending', taxTotal: null, grossTotal: '100.00', amountDue: '100.00', currency: 'USD' });
    assert.deepEqual(pick(f.invoices.IA4, 'status', 'grossTotal', 'amountDue', 'openExceptions'), { status: 'draft', grossTotal: '50.00', amountDue: null, openExceptions: ['X1'] });
  });

  it('bills a milestone when its invoice is posted', () => {
    assert.equal(f.projects.PB.unbilledApprovedAmount, '0.00');
    assert.equal(f.projects.PB.billedAmount, '700.00'); // IB1 500 + IB2 200
    assert.equal(f.projects.PB.revenueBacklog, '300.00'); // 500 − 200
    assert.equal(f.projects.PA2.revenueBacklog, null);
  });

  it('sums the portfolio per currency, with marginPercent from the sums', () => {
    assert.deepEqual(f.portfolio, [
      {
        currency: 'EUR', legalEntityId: null, projectCount: 2, approvedHours: '10', laborCost: '500.00', expenseCost: '0.00',
        billedAmount: '1700.00', unbilledApprovedAmount: '0.00', recognizedRevenue: '1200.00', margin: '700.00',
        marginPercent: '58.33', // 700 / 1200, not the mean of 50 % and 100 %
        outstandingBalance: '1290.00', openInvoiceExceptions: 1,
      },
      {
        currency: 'USD', legalEntityId: null, projectCount: 1, approvedHours: '0', laborCost: '0.00', expenseCost: '0.00',
        billedAmount: '100.00', unbilledApprovedAmount: '0.00', recognizedRevenue: '0.00', margin: '0.00', marginPercent: null,
        outstandingBalance: '100.00', openInvoiceExceptions: 0,
      },
    ]);
    assert.deepEqual(f.portfolioByLegalEntity.map((r) => [r.legalEntityId, r.currency, r.projectCount, r.billedAmount, r.outstandingBalance, r.marginPercent, r.openInvoiceExceptions]), [
      ['LE-DE', 'EUR', 1, '1000.00', '790.00', '50.00', 1],
      ['LE-NL', 'EUR', 1, '700.00', '500.00', '100.00', 0],
      ['LE-US', 'USD', 1, '100.00', '100.00', null, 0],
    ]);
  });
});

describe('oracle: illegal transitions and duplicates', () => {
  const { events, ev, eur } = scenario();
  ev(CRM, 'ps.customer.account.upserted', { accountId: 'A', name: 'A', legalEntityId: 'LE-DE', billingCurrency: 'EUR' });
  ev(PSA, 'ps.project.project.created', { projectId: 'P', accountId: 'A', name: 'P', billingModel: 'time_and_materials', currency: 'EUR', legalEntityId: 'LE-DE' });
  ev(PSA, 'ps.project.time_entry.submitted', { timeEntryId: 'T', projectId: 'P', resourceId: 'R', workDate: '2025-01-06', hours: '8', billable: true });
  ev(PSA, 'ps.project.time_entry.approved', { timeEntryId: 'T', approvedBy: 'M', billRate: eur('100.00'), costRate: eur('40.00') });
  ev(BILLING, 'ps.billing.invoice.drafted', { invoiceId: 'I', accountId: 'A', projectId: 'P', currency: 'EUR', lines: [{ lineId: 'L', kind: 'time', sourceIds: ['T'], amount: eur('800.00') }] });
  ev(BILLING, 'ps.billing.invoice.tax_calculated', { invoiceId: 'I', taxStatus: 'succeeded', taxTotal: eur('152.00') });
  ev(ERP, 'ps.billing.invoice.posted', { invoiceId: 'I', invoiceNumber: 'N1', invoiceDate: '2025-02-03', dueDate: '2025-03-05', grossTotal: eur('952.00') });
  ev(ERP, 'ps.billing.payment.received', { paymentId: 'PAY', accountId: 'A', amount: eur('100.00'), receivedDate: '2025-02-10', allocations: [{ invoiceId: 'I', amount: eur('100.00') }] });
  ev(PSA, 'ps.project.project.status_changed', { projectId: 'P', status: 'closed' });
  const legal = figuresOf(events);

  const illegal = [
    ev(PSA, 'ps.project.time_entry.approved', { timeEntryId: 'T', approvedBy: 'M', billRate: eur('200.00'), costRate: eur('90.00') }),
    ev(PSA, 'ps.project.time_entry.submitted', { timeEntryId: 'T', projectId: 'P', resourceId: 'R', workDate: '2025-01-06', hours: '1', billable: true }),
    ev(PSA, 'ps.project.time_entry.rejected', { timeEntryId: 'T' }),
    ev(ERP, 'ps.billing.invoice.voided', { invoiceId: 'I' }),
    ev(ERP, 'ps.billing.invoice.posted', { invoiceId: 'I', invoiceNumber: 'N2', invoiceDate: '2025-02-04', dueDate: '2025-03-06', grossTotal: eur('1.00') }),
    ev(BILLING, 'ps.billing.invoice.tax_calculated', { invoiceId: 'I', taxStatus: 'failed' }),
    ev(PSA, 'ps.project.project.status_changed', { projectId: 'P', status: 'active' }),
    ev(CRM, 'ps.customer.account.merged', { survivorAccountId: 'A', mergedAccountId: 'A' }),
  ];

  it('lists each illegal event and changes nothing', () => {
    const f = figuresOf(events);
    assert.deepEqual(f.exceptions.map((x) => x.id), illegal.map((e) => e.id));
    assert.ok(f.exceptions.every((x) => x.code === 'ILLEGAL_TRANSITION'));
    assert.match(f.exceptions[0].reason, /billed/); // approved and on a posted invoice
    assert.deepEqual(f.projects, legal.projects);
    assert.deepEqual(f.invoices, legal.invoices);
    assert.deepEqual(f.customers, legal.customers);
    assert.equal(f.projects.P.status, 'closed');
    assert.equal(f.projects.P.laborCost, '320.00');
    assert.deepEqual(pick(f.invoices.I, 'status', 'number', 'taxStatus', 'amountDue'), { status: 'posted', number: 'N1', taxStatus: 'succeeded', amountDue: '852.00' });
  });

  it('turns an amount in another currency than its project or invoice into an exception', () => {
    const { events: mixed, ev: ev2 } = scenario();
    mixed.push(...events.slice(0, 2));
    const usd = { amount: '10.00', currency: 'USD' };
    ev2(PSA, 'ps.project.expense.approved', { expenseId: 'EX', projectId: 'P', expenseDate: '2025-01-06', amount: usd, billable: true });
    ev2(ERP, 'ps.revenue.revenue_event.recognized', { revenueEventId: 'RX', projectId: 'P', period: '2025-01', amount: usd, method: 'time_and_materials' });
    const f = figuresOf(mixed);
    assert.deepEqual(f.exceptions.map((x) => x.code), ['CURRENCY_MISMATCH', 'CURRENCY_MISMATCH']);
    assert.match(f.exceptions[0].reason, /expected amounts in EUR, but got 10\.00 USD/);
    assert.equal(f.projects.P.expenseCost, '0.00');
    assert.equal(f.projects.P.recognizedRevenue, '0.00');
  });

  it('applies a repeated (source, id) once', () => {
    const oracle = new Oracle();
    for (const e of events) oracle.apply(e);
    oracle.apply(events[3]);
    oracle.apply(events[7]);
    const f = oracle.figures();
    assert.deepEqual(f.events, { applied: events.length, duplicates: 2 });
    assert.deepEqual(f.projects, legal.projects);
    assert.equal(f.invoices.I.amountPaid, '100.00');
  });

  it('refuses an event naming what it has not seen', () => {
    const { events: orphan, ev: ev2 } = scenario();
    ev2(PSA, 'ps.project.time_entry.approved', { timeEntryId: 'NOPE', approvedBy: 'M', billRate: eur('1.00'), costRate: eur('1.00') });
    assert.throws(() => figuresOf(orphan), /time entry "NOPE"/);
  });
});

function pick<T extends object, K extends keyof T>(value: T, ...keys: K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const k of keys) out[k] = value[k];
  return out;
}
