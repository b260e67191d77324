"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const runningTotals_1 = require("../../listeners/runningTotals");
const posted = {
    id: 'i1', accountId: 'a1', projectId: 'p1', currency: 'EUR', status: 'posted', taxStatus: 'succeeded', netTotal: '100',
    taxTotal: '21', postedGrossTotal: '121', amountPaid: '0', invoiceNumber: 'N1', invoiceDate: '2026-01-01', dueDate: '2026-01-31',
    draftedAt: '2026-01-01T00:00:00Z', postedAt: '2026-01-02T00:00:00Z', sentAt: null, voidedAt: null,
};
const voided = { ...posted, status: 'voided', voidedAt: '2026-01-03T00:00:00Z' };
/** The read model of one project and nothing else, recording what is written. */
function readModel() {
    const writes = [];
    const project = { id: 'p1', billedAmount: '0', currency: 'EUR', legalEntityId: 'LE-1' };
    const uow = {
        load: async () => undefined,
        current: async (table) => (table === 'project' ? project : undefined),
        loaded: (table) => (table === 'project' ? project : undefined),
        put: (write) => { writes.push(write); return ''; },
    };
    return { uow, writes };
}
(0, node_test_1.describe)('running totals applied to the rows', () => {
    (0, node_test_1.it)('leave a balance row when a posting and its voiding fall in one batch, as they do in two', async () => {
        const { uow, writes } = readModel();
        const totals = new runningTotals_1.RunningTotals();
        totals.addFact('invoice', undefined, posted);
        totals.addFact('invoice', posted, voided);
        await totals.applyTo(uow);
        const balances = writes.filter((w) => w.table === 'account_balance').map((w) => w.row);
        strict_1.default.deepEqual(balances, [{ accountId: 'a1', currency: 'EUR', outstanding: '0', postedInvoices: 0 }]);
    });
});
//# sourceMappingURL=listeners.runningTotals.unit.test.js.map