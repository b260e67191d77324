"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const contributions_1 = require("../../listeners/contributions");
const evolve_1 = require("../../listeners/evolve");
const project_1 = require("../../listeners/project");
const events_1 = require("../support/events");
const rowsView_1 = require("../support/rowsView");
const T0 = '2026-03-02T10:00:00Z';
const account = (id, over = {}) => ({
    id, name: `Account ${id}`, legalEntityId: 'LE-1', billingCurrency: 'EUR', country: 'DE', status: 'active',
    externalIds: {}, mergedInto: null, rootId: id, updatedAt: T0, ...over,
});
const project = (over = {}) => (0, project_1.newProject)({
    id: 'p1', accountId: 'a1', name: 'Rollout', billingModel: 'time_and_materials', status: 'active', currency: 'EUR',
    legalEntityId: 'LE-1', contractValue: null, budgetHours: null, plannedStart: null, plannedEnd: null, createdAt: T0,
    ...over,
});
const entry = (over = {}) => ({
    id: 'te1', projectId: 'p1', resourceId: 'r1', role: null, workDate: '2026-03-02', hours: '7.33', billable: true,
    status: 'submitted', approvedBy: null, billRate: null, costRate: null, billAmount: null, costAmount: null,
    billedByInvoiceIds: [], updatedAt: T0, ...over,
});
const invoice = (over = {}) => ({
    id: 'i1', accountId: 'a1', projectId: 'p1', currency: 'EUR', status: 'draft', taxStatus: 'pending', netTotal: '904.89',
    taxTotal: null, postedGrossTotal: null, amountPaid: '0', invoiceNumber: null, invoiceDate: null, dueDate: null,
    draftedAt: T0, postedAt: null, sentAt: null, voidedAt: null, ...over,
});
const timeLine = { invoiceId: 'i1', lineId: 'l1', kind: 'time', sourceIds: ['te1'], amount: '904.89', description: null };
const revenue = (over = {}) => ({
    id: 'rev1', projectId: 'p1', period: '2026-03', amount: '1000.00', currency: 'EUR', method: 'time_and_materials',
    reversed: false, recognizedAt: T0, reversedAt: null, ...over,
});
const eur = (amount) => ({ amount, currency: 'EUR' });
const base = { account: [account('a1')], project: [project()] };
function writesOf(decision) {
    strict_1.default.equal(decision.kind, 'apply', `expected apply, got ${JSON.stringify(decision)}`);
    return decision.kind === 'apply' ? decision.writes : [];
}
function rowOf(decision, table) {
    const found = writesOf(decision).find((w) => w.table === table);
    strict_1.default.ok(found, `expected a write to ${table}`);
    return found.row;
}
function assertIllegal(decision, pattern) {
    strict_1.default.equal(decision.kind, 'exception', `expected an exception, got ${JSON.stringify(decision)}`);
    if (decision.kind === 'exception') {
        strict_1.default.equal(decision.code, 'ILLEGAL_TRANSITION');
        strict_1.default.match(decision.message, pattern);
    }
}
function assertParked(decision, waitingFor) {
    strict_1.default.equal(decision.kind, 'park', `expected park, got ${JSON.stringify(decision)}`);
    if (decision.kind === 'park')
        strict_1.default.equal(decision.waitingFor, waitingFor);
}
(0, node_test_1.describe)('customer listener', () => {
    (0, node_test_1.it)('creates an account from an upsert, active by default', () => {
        const row = rowOf((0, evolve_1.evolve)((0, rowsView_1.rowsView)({}), (0, events_1.anEvent)('ps.customer.account.upserted', { accountId: 'a9', name: 'Globex', legalEntityId: 'LE-2', billingCurrency: 'USD' })), 'account');
        strict_1.default.equal(row.status, 'active');
        strict_1.default.equal(row.rootId, 'a9');
        strict_1.default.equal(row.mergedInto, null);
    });
    (0, node_test_1.it)('replaces the fields of an existing account but keeps its merge', () => {
        const merged = account('a2', { mergedInto: 'a1', rootId: 'a1' });
        const row = rowOf((0, evolve_1.evolve)((0, rowsView_1.rowsView)({ account: [account('a1'), merged] }), (0, events_1.anEvent)('ps.customer.account.upserted', { accountId: 'a2', name: 'Renamed', legalEntityId: 'LE-1', billingCurrency: 'EUR', status: 'inactive' })), 'account');
        strict_1.default.equal(row.name, 'Renamed');
        strict_1.default.equal(row.status, 'inactive');
        strict_1.default.equal(row.mergedInto, 'a1');
        strict_1.default.equal(row.rootId, 'a1');
    });
    (0, node_test_1.it)('points a merged account and the accounts merged into it at the survivor root', () => {
        const given = { account: [account('a1'), account('a2'), account('a3', { mergedInto: 'a2', rootId: 'a2' })] };
        const writes = writesOf((0, evolve_1.evolve)((0, rowsView_1.rowsView)(given), (0, events_1.anEvent)('ps.customer.account.merged', { survivorAccountId: 'a1', mergedAccountId: 'a2' })));
        const byId = new Map(writes.map((w) => [w.row.id, w.row]));
        strict_1.default.equal(byId.get('a2')?.mergedInto, 'a1');
        strict_1.default.equal(byId.get('a2')?.rootId, 'a1');
        strict_1.default.equal(byId.get('a3')?.mergedInto, 'a2');
        strict_1.default.equal(byId.get('a3')?.rootId, 'a1');
    });
    (0, node_test_1.it)('parks a merge until both accounts have arrived', () => {
        assertParked((0, evolve_1.evolve)((0, rowsView_1.rowsView)({ account: [account('a1')] }), (0, events_1.anEvent)('ps.customer.account.merged', { survivorAccountId: 'a1', mergedAccountId: 'a2' })), 'account:a2');
    });
    (0, node_test_1.it)('refuses merging an account twice or into itself or back into its own merge', () => {
        const given = { account: [account('a1'), account('a2', { mergedInto: 'a1', rootId: 'a1' }), account('a3')] };
        assertIllegal((0, evolve_1.evolve)((0, rowsView_1.rowsView)(given), (0, events_1.anEvent)('ps.customer.account.merged', { survivorAccountId: 'a3', mergedAccountId: 'a2' })), /already merged/);
        assertIllegal((0, evolve_1.evolve)((0, rowsView_1.rowsView)(given), (0, events_1.anEvent)('ps.customer.account.merged', { survivorAccountId: 'a1', mergedAccountId: 'a1' })), /itself/);
        assertIllegal((0, evolve_1.evolve)((0, rowsView_1.rowsView)(given), (0, events_1.anEvent)('ps.customer.account.merged', { survivorAccountId: 'a2', mergedAccountId: 'a1' })), /cycle/);
    });
});
(0, node_test_1.describe)('project listener', () => {
    (0, node_test_1.it)('creates a project in setup with zero figures, parked until its account arrives', () => {
        const created = (0, events_1.anEvent)('ps.project.project.created', {
            projectId: 'p2', accountId: 'a1', name: 'New', billingModel: 'milestone', currency: 'EUR', legalEntityId: 'LE-1',
            contractValue: eur('50000.00'), budgetHours: '120',
        });
        const row = rowOf((0, evolve_1.evolve)((0, rowsView_1.rowsView)(base), created), 'project');
        strict_1.default.equal(row.status, 'setup');
        strict_1.default.equal(row.contractValue, '50000.00');
        strict_1.default.equal(row.laborCost, '0');
        assertParked((0, evolve_1.evolve)((0, rowsView_1.rowsView)({}), created), 'account:a1');
        assertIllegal((0, evolve_1.evolve)((0, rowsView_1.rowsView)({ ...base, project: [project({ id: 'p2' })] }), created), /already exists/);
    });
    (0, node_test_1.it)('moves status freely except out of closed and cancelled', () => {
        strict_1.default.equal(rowOf((0, evolve_1.evolve)((0, rowsView_1.rowsView)(base), (0, events_1.anEvent)('ps.project.project.status_changed', { projectId: 'p1', status: 'on_hold' })), 'project').status, 'on_hold');
        for (const final of ['closed', 'cancelled']) {
            assertIllegal((0, evolve_1.evolve)((0, rowsView_1.rowsView)({ ...base, project: [project({ status: final })] }), (0, events_1.anEvent)('ps.project.project.status_changed', { projectId: 'p1', status: 'active' })), new RegExp(`is ${final}`));
        }
        assertParked((0, evolve_1.evolve)((0, rowsView_1.rowsView)({}), (0, events_1.anEvent)('ps.project.project.status_changed', { projectId: 'p1', status: 'active' })), 'project:p1');
    });
    const submitted = (0, events_1.anEvent)('ps.project.time_entry.submitted', { timeEntryId: 'te1', projectId: 'p1', resourceId: 'r1', workDate: '2026-03-02', hours: '8', billable: true });
    (0, node_test_1.it)('records a submitted time entry, and a resubmission only after rejection', () => {
        strict_1.default.equal(rowOf((0, evolve_1.evolve)((0, rowsView_1.rowsView)(base), submitted), 'time_entry').status, 'submitted');
        const resubmitted = rowOf((0, evolve_1.evolve)((0, rowsView_1.rowsView)({ ...base, time_entry: [entry({ status: 'rejected' })] }), submitted), 'time_entry');
        strict_1.default.equal(resubmitted.status, 'submitted');
        strict_1.default.equal(resubmitted.hours, '8');
        assertIllegal((0, evolve_1.evolve)((0, rowsView_1.rowsView)({ ...base, time_entry: [entry({ status: 'approved' })] }), submitted), /approved; only a rejected/);
        assertIllegal((0, evolve_1.evolve)((0, rowsView_1.rowsView)({ ...base, time_entry: [entry()] }), submitted), /submitted; only a rejected/);
        assertParked((0, evolve_1.evolve)((0, rowsView_1.rowsView)({}), submitted), 'project:p1');
    });
    const approved = (0, events_1.anEvent)('ps.project.time_entry.approved', { timeEntryId: 'te1', approvedBy: 'm1', billRate: eur('123.45'), costRate: eur('61.15') });
    (0, node_test_1.it)('derives bill and cost amounts rounded half away from zero per entry', () => {
        const row = rowOf((0, evolve_1.evolve)((0, rowsView_1.rowsView)({ ...base, time_entry: [entry()] }), approved), 'time_entry');
        // 7.33 × 123.45 = 904.8885 → 904.89; 7.33 × 61.15 = 448.2295 → 448.23
        strict_1.default.equal(row.billAmount, '904.89');
        strict_1.default.equal(row.costAmount, '448.23');
        strict_1.default.equal(row.status, 'approved');
    });
    (0, node_test_1.it)('bills nothing for a non-billable entry but still costs it', () => {
        const row = rowOf((0, evolve_1.evolve)((0, rowsView_1.rowsView)({ ...base, time_entry: [entry({ billable: false })] }), approved), 'time_entry');
        strict_1.default.equal(row.billAmount, '0');
        strict_1.default.equal(row.costAmount, '448.23');
    });
    (0, node_test_1.it)('refuses approving an entry that is not submitted, parks one that has not arrived', () => {
        assertIllegal((0, evolve_1.evolve)((0, rowsView_1.rowsView)({ ...base, time_entry: [entry({ status: 'approved' })] }), approved), /is approved; only a submitted/);
        assertIllegal((0, evolve_1.evolve)((0, rowsView_1.rowsView)({ ...base, time_entry: [entry({ status: 'approved', billedByInvoiceIds: ['i1'] })] }), approved), /is billed/);
        assertIllegal((0, evolve_1.evolve)((0, rowsView_1.rowsView)({ ...base, time_entry: [entry({ status: 'rejected' })] }), approved), /is rejected/);
        assertParked((0, evolve_1.evolve)((0, rowsView_1.rowsView)(base), approved), 'time_entry:te1');
    });
    (0, node_test_1.it)('raises a currency mismatch for rates in another currency', () => {
        const usd = (0, events_1.anEvent)('ps.project.time_entry.approved', { timeEntryId: 'te1', approvedBy: 'm1', billRate: { amount: '100', currency: 'USD' }, costRate: eur('50') });
        const decision = (0, evolve_1.evolve)((0, rowsView_1.rowsView)({ ...base, time_entry: [entry()] }), usd);
        strict_1.default.equal(decision.kind, 'exception');
        strict_1.default.equal(decision.kind === 'exception' && decision.code, 'CURRENCY_MISMATCH');
    });
    (0, node_test_1.it)('rejects only a submitted entry', () => {
        const rejected = (0, events_1.anEvent)('ps.project.time_entry.rejected', { timeEntryId: 'te1', reason: 'wrong project' });
        strict_1.default.equal(rowOf((0, evolve_1.evolve)((0, rowsView_1.rowsView)({ ...base, time_entry: [entry()] }), rejected), 'time_entry').status, 'rejected');
        assertIllegal((0, evolve_1.evolve)((0, rowsView_1.rowsView)({ ...base, time_entry: [entry({ status: 'approved' })] }), rejected), /only a submitted/);
        assertParked((0, evolve_1.evolve)((0, rowsView_1.rowsView)(base), rejected), 'time_entry:te1');
    });
    (0, node_test_1.it)('approves an expense, billing its amount unless told otherwise', () => {
        const expense = (billable, billAmount) => (0, events_1.anEvent)('ps.project.expense.approved', {
            expenseId: 'x1', projectId: 'p1', expenseDate: '2026-03-03', amount: eur('80.00'), billable,
            ...(billAmount ? { billAmount: eur(billAmount) } : {}),
        });
        strict_1.default.equal(rowOf((0, evolve_1.evolve)((0, rowsView_1.rowsView)(base), expense(true)), 'expense').billAmount, '80.00');
        strict_1.default.equal(rowOf((0, evolve_1.evolve)((0, rowsView_1.rowsView)(base), expense(true, '95.00')), 'expense').billAmount, '95.00');
        strict_1.default.equal(rowOf((0, evolve_1.evolve)((0, rowsView_1.rowsView)(base), expense(false)), 'expense').billAmount, '0');
        const existing = { id: 'x1', projectId: 'p1', expenseDate: '2026-03-03', amount: '80.00', currency: 'EUR', billable: true, billAmount: '80.00', billedByInvoiceIds: [], approvedAt: T0 };
        const corrected = rowOf((0, evolve_1.evolve)((0, rowsView_1.rowsView)({ ...base, expense: [{ ...existing, billedByInvoiceIds: ['i1'] }] }), expense(true, '90.00')), 'expense');
        strict_1.default.equal(corrected.billAmount, '90.00');
        strict_1.default.deepEqual(corrected.billedByInvoiceIds, ['i1']);
        assertParked((0, evolve_1.evolve)((0, rowsView_1.rowsView)({}), expense(true)), 'project:p1');
    });
    (0, node_test_1.it)('approves a milestone, a second approval correcting the first', () => {
        const milestone = (0, events_1.anEvent)('ps.project.milestone.approved', { milestoneId: 'm1', projectId: 'p1', name: 'Go-live', amount: eur('5000.00') });
        strict_1.default.equal(rowOf((0, evolve_1.evolve)((0, rowsView_1.rowsView)(base), milestone), 'milestone').amount, '5000.00');
        const existing = { id: 'm1', projectId: 'p1', name: 'Go-live', amount: '5000.00', currency: 'EUR', billedByInvoiceIds: [], approvedAt: T0 };
        strict_1.default.equal(rowOf((0, evolve_1.evolve)((0, rowsView_1.rowsView)({ ...base, milestone: [{ ...existing, amount: '4000.00' }] }), milestone), 'milestone').amount, '5000.00');
    });
});
(0, node_test_1.describe)('billing listener', () => {
    const drafted = (0, events_1.anEvent)('ps.billing.invoice.drafted', {
        invoiceId: 'i1', accountId: 'a1', projectId: 'p1', currency: 'EUR',
        lines: [{ lineId: 'l1', kind: 'time', sourceIds: ['te1'], amount: eur('904.89') }, { lineId: 'l2', kind: 'fee', sourceIds: [], amount: eur('10.01') }],
    });
    (0, node_test_1.it)('drafts an invoice whose net total is the sum of its lines, parked until the facts it bills arrive', () => {
        const decision = (0, evolve_1.evolve)((0, rowsView_1.rowsView)({ ...base, time_entry: [entry()] }), drafted);
        const row = rowOf(decision, 'invoice');
        strict_1.default.equal(row.netTotal, '914.9');
        strict_1.default.equal(row.status, 'draft');
        strict_1.default.equal(row.taxStatus, 'pending');
        strict_1.default.equal(writesOf(decision).filter((w) => w.table === 'invoice_line').length, 2);
        assertParked((0, evolve_1.evolve)((0, rowsView_1.rowsView)(base), drafted), 'time_entry:te1');
        assertIllegal((0, evolve_1.evolve)((0, rowsView_1.rowsView)({ ...base, time_entry: [entry()], invoice: [invoice()] }), drafted), /already drafted/);
    });
    const withDraft = { ...base, time_entry: [entry({ status: 'approved', billAmount: '904.89', costAmount: '448.23' })], invoice: [invoice()], invoice_line: [timeLine] };
    (0, node_test_1.it)('calculates tax again after a failure but not after a success', () => {
        const failed = (0, events_1.anEvent)('ps.billing.invoice.tax_calculated', { invoiceId: 'i1', taxStatus: 'failed' });
        strict_1.default.equal(rowOf((0, evolve_1.evolve)((0, rowsView_1.rowsView)(withDraft), failed), 'invoice').taxStatus, 'failed');
        const succeeded = (0, events_1.anEvent)('ps.billing.invoice.tax_calculated', { invoiceId: 'i1', taxStatus: 'succeeded', taxTotal: eur('171.93') });
        const row = rowOf((0, evolve_1.evolve)((0, rowsView_1.rowsView)({ ...withDraft, invoice: [invoice({ taxStatus: 'failed' })] }), succeeded), 'invoice');
        strict_1.default.equal(row.taxTotal, '171.93');
        assertIllegal((0, evolve_1.evolve)((0, rowsView_1.rowsView)({ ...withDraft, invoice: [invoice({ taxStatus: 'succeeded' })] }), succeeded), /already succeeded/);
        assertParked((0, evolve_1.evolve)((0, rowsView_1.rowsView)(base), succeeded), 'invoice:i1');
    });
    (0, node_test_1.it)('raises and resolves invoice exceptions once each', () => {
        const raised = (0, events_1.anEvent)('ps.billing.invoice.exception_raised', { invoiceId: 'i1', exceptionId: 'e1', stage: 'tax', code: 'TAX_TIMEOUT' });
        strict_1.default.equal(rowOf((0, evolve_1.evolve)((0, rowsView_1.rowsView)(withDraft), raised), 'invoice_exception').resolvedAt, null);
        const open = { invoiceId: 'i1', exceptionId: 'e1', stage: 'tax', code: 'TAX_TIMEOUT', message: null, raisedAt: T0, resolvedAt: null, resolution: null };
        assertIllegal((0, evolve_1.evolve)((0, rowsView_1.rowsView)({ ...withDraft, invoice_exception: [open] }), raised), /already raised/);
        const resolved = (0, events_1.anEvent)('ps.billing.invoice.exception_resolved', { invoiceId: 'i1', exceptionId: 'e1', resolution: 'retried' });
        strict_1.default.equal(rowOf((0, evolve_1.evolve)((0, rowsView_1.rowsView)({ ...withDraft, invoice_exception: [open] }), resolved), 'invoice_exception').resolution, 'retried');
        assertParked((0, evolve_1.evolve)((0, rowsView_1.rowsView)(withDraft), resolved), 'invoice_exception:i1/e1');
        assertIllegal((0, evolve_1.evolve)((0, rowsView_1.rowsView)({ ...withDraft, invoice_exception: [{ ...open, resolvedAt: T0 }] }), resolved), /already resolved/);
    });
    const posted = (0, events_1.anEvent)('ps.billing.invoice.posted', { invoiceId: 'i1', invoiceNumber: 'INV-1', invoiceDate: '2026-03-31', dueDate: '2026-04-30', grossTotal: eur('1076.82') });
    (0, node_test_1.it)('posts a draft and marks the facts it names billed', () => {
        const decision = (0, evolve_1.evolve)((0, rowsView_1.rowsView)(withDraft), posted);
        const row = rowOf(decision, 'invoice');
        strict_1.default.equal(row.status, 'posted');
        strict_1.default.equal(row.postedGrossTotal, '1076.82');
        strict_1.default.deepEqual(rowOf(decision, 'time_entry').billedByInvoiceIds, ['i1']);
        assertIllegal((0, evolve_1.evolve)((0, rowsView_1.rowsView)({ ...withDraft, invoice: [invoice({ status: 'posted' })] }), posted), /only a draft/);
        assertParked((0, evolve_1.evolve)((0, rowsView_1.rowsView)(base), posted), 'invoice:i1');
    });
    (0, node_test_1.it)('records the latest send time', () => {
        const sent = (0, events_1.anEvent)('ps.billing.invoice.sent', { invoiceId: 'i1', channel: 'email' }, { time: '2026-04-01T08:00:00Z' });
        strict_1.default.equal(rowOf((0, evolve_1.evolve)((0, rowsView_1.rowsView)(withDraft), sent), 'invoice').sentAt, '2026-04-01T08:00:00Z');
        const later = invoice({ sentAt: '2026-04-05T08:00:00Z' });
        strict_1.default.equal(rowOf((0, evolve_1.evolve)((0, rowsView_1.rowsView)({ ...withDraft, invoice: [later] }), sent), 'invoice').sentAt, '2026-04-05T08:00:00Z');
    });
    const voided = (0, events_1.anEvent)('ps.billing.invoice.voided', { invoiceId: 'i1', reason: 'wrong rate' });
    (0, node_test_1.it)('voids a posted invoice without payments and unbills its facts', () => {
        const postedRows = { ...withDraft, invoice: [invoice({ status: 'posted' })], time_entry: [entry({ status: 'approved', billedByInvoiceIds: ['i1'] })] };
        const decision = (0, evolve_1.evolve)((0, rowsView_1.rowsView)(postedRows), voided);
        strict_1.default.equal(rowOf(decision, 'invoice').status, 'voided');
        strict_1.default.deepEqual(rowOf(decision, 'time_entry').billedByInvoiceIds, []);
        assertIllegal((0, evolve_1.evolve)((0, rowsView_1.rowsView)({ ...postedRows, invoice: [invoice({ status: 'posted', amountPaid: '10.00' })] }), voided), /payments allocated/);
        assertIllegal((0, evolve_1.evolve)((0, rowsView_1.rowsView)({ ...postedRows, invoice: [invoice({ status: 'voided' })] }), voided), /already voided/);
    });
    (0, node_test_1.it)('cancels a draft by voiding it, unbilling nothing', () => {
        const decision = (0, evolve_1.evolve)((0, rowsView_1.rowsView)(withDraft), voided);
        strict_1.default.equal(rowOf(decision, 'invoice').status, 'voided');
        strict_1.default.equal(writesOf(decision).filter((w) => w.table === 'time_entry').length, 0);
    });
    (0, node_test_1.it)('keeps a fact billed while another posted invoice still names it, whatever the order', () => {
        const rebilled = { ...withDraft, invoice: [invoice({ status: 'posted' })], time_entry: [entry({ status: 'approved', billedByInvoiceIds: ['i1', 'i2'] })] };
        strict_1.default.deepEqual(rowOf((0, evolve_1.evolve)((0, rowsView_1.rowsView)(rebilled), voided), 'time_entry').billedByInvoiceIds, ['i2']);
        const billedByLater = { ...withDraft, time_entry: [entry({ status: 'approved', billedByInvoiceIds: ['i2'] })] };
        strict_1.default.deepEqual(rowOf((0, evolve_1.evolve)((0, rowsView_1.rowsView)(billedByLater), posted), 'time_entry').billedByInvoiceIds, ['i1', 'i2']);
    });
    (0, node_test_1.it)('does not unbill facts a later invoice has billed', () => {
        const rebilled = { ...withDraft, invoice: [invoice({ status: 'posted' })], time_entry: [entry({ status: 'approved', billedByInvoiceIds: ['i2'] })] };
        strict_1.default.equal(writesOf((0, evolve_1.evolve)((0, rowsView_1.rowsView)(rebilled), voided)).filter((w) => w.table === 'time_entry').length, 0);
    });
    (0, node_test_1.it)('allocates one payment across invoices, parked until every invoice arrived', () => {
        const payment = (0, events_1.anEvent)('ps.billing.payment.received', {
            paymentId: 'pay1', accountId: 'a1', amount: eur('1500.00'), receivedDate: '2026-04-10',
            allocations: [{ invoiceId: 'i1', amount: eur('1000.00') }, { invoiceId: 'i2', amount: eur('500.00') }],
        });
        const given = { ...withDraft, invoice: [invoice({ status: 'posted' }), invoice({ id: 'i2', status: 'posted', amountPaid: '100.00' })] };
        const writes = writesOf((0, evolve_1.evolve)((0, rowsView_1.rowsView)(given), payment));
        const invoices = writes.filter((w) => w.table === 'invoice').map((w) => w.row);
        strict_1.default.deepEqual(invoices.map((i) => [i.id, i.amountPaid]), [['i1', '1000'], ['i2', '600']]);
        strict_1.default.equal(writes.filter((w) => w.table === 'payment_allocation').length, 2);
        assertParked((0, evolve_1.evolve)((0, rowsView_1.rowsView)(withDraft), payment), 'invoice:i2');
        assertIllegal((0, evolve_1.evolve)((0, rowsView_1.rowsView)({ ...given, payment: [{ id: 'pay1', accountId: 'a1', amount: '1500.00', currency: 'EUR', receivedDate: '2026-04-10' }] }), payment), /already received/);
    });
});
(0, node_test_1.describe)('revenue listener', () => {
    const recognized = (0, events_1.anEvent)('ps.revenue.revenue_event.recognized', { revenueEventId: 'rev1', projectId: 'p1', period: '2026-03', amount: eur('1000.00'), method: 'time_and_materials' });
    const reversed = (0, events_1.anEvent)('ps.revenue.revenue_event.reversed', { revenueEventId: 'rev1', reason: 'restated' });
    (0, node_test_1.it)('recognizes once and reverses once', () => {
        strict_1.default.equal(rowOf((0, evolve_1.evolve)((0, rowsView_1.rowsView)(base), recognized), 'revenue_event').reversed, false);
        assertIllegal((0, evolve_1.evolve)((0, rowsView_1.rowsView)({ ...base, revenue_event: [revenue()] }), recognized), /already recognized/);
        strict_1.default.equal(rowOf((0, evolve_1.evolve)((0, rowsView_1.rowsView)({ ...base, revenue_event: [revenue()] }), reversed), 'revenue_event').reversed, true);
        assertIllegal((0, evolve_1.evolve)((0, rowsView_1.rowsView)({ ...base, revenue_event: [revenue({ reversed: true })] }), reversed), /already reversed/);
        assertParked((0, evolve_1.evolve)((0, rowsView_1.rowsView)(base), reversed), 'revenue_event:rev1');
        assertParked((0, evolve_1.evolve)((0, rowsView_1.rowsView)({}), recognized), 'project:p1');
    });
});
(0, node_test_1.describe)('figure contributions', () => {
    (0, node_test_1.it)('counts an approved billable entry as unbilled work until an invoice bills it', () => {
        const approvedEntry = entry({ status: 'approved', billAmount: '904.89', costAmount: '448.23' });
        const unbilled = (0, contributions_1.projectContribution)('time_entry', approvedEntry).totals;
        strict_1.default.equal(unbilled.unbilledApprovedAmount, '904.89');
        strict_1.default.equal(unbilled.unbilledApprovedHours, '7.33');
        const billed = (0, contributions_1.projectContribution)('time_entry', { ...approvedEntry, billedByInvoiceIds: ['i1'] }).totals;
        strict_1.default.equal(billed.unbilledApprovedAmount, undefined, 'a billed entry adds nothing to unbilled work');
        strict_1.default.equal(billed.approvedHours, '7.33');
        strict_1.default.equal(billed.laborCost, '448.23');
        strict_1.default.equal((0, contributions_1.projectContribution)('time_entry', entry()), undefined);
    });
    (0, node_test_1.it)('takes the posted gross total over net plus tax', () => {
        strict_1.default.equal((0, contributions_1.grossTotalOf)(invoice({ taxTotal: '171.93' })).toFixed(2), '1076.82');
        strict_1.default.equal((0, contributions_1.grossTotalOf)(invoice({ taxTotal: '171.93', postedGrossTotal: '1076.83' })).toFixed(2), '1076.83');
    });
    (0, node_test_1.it)('counts only posted invoices as billed and only unreversed revenue', () => {
        strict_1.default.equal((0, contributions_1.projectContribution)('invoice', invoice()), undefined);
        strict_1.default.equal((0, contributions_1.projectContribution)('invoice', invoice({ status: 'posted' })).totals.billedAmount, '904.89');
        strict_1.default.equal((0, contributions_1.projectContribution)('invoice', invoice({ status: 'voided' })), undefined);
        strict_1.default.equal((0, contributions_1.projectContribution)('revenue_event', revenue({ reversed: true })), undefined);
    });
});
//# sourceMappingURL=listeners.evolve.unit.test.js.map