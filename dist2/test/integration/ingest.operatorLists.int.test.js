"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const projector_1 = require("../../listeners/projector");
const events_1 = require("../support/events");
const ingestHarness_1 = require("../support/ingestHarness");
const eur = (amount) => ({ amount, currency: 'EUR' });
(0, node_test_1.describe)('operator lists on the ingest port', () => {
    let h;
    (0, node_test_1.before)(async () => {
        h = await (0, ingestHarness_1.startIngestHarness)();
        const account = (0, events_1.anEvent)('ps.customer.account.upserted', { accountId: 'A1', name: 'Globex', legalEntityId: 'LE', billingCurrency: 'EUR' }, { id: 'op-1' });
        const project = (0, events_1.anEvent)('ps.project.project.created', { projectId: 'P1', accountId: 'A1', name: 'P', billingModel: 'fixed_fee', currency: 'EUR', legalEntityId: 'LE' }, { id: 'op-2' });
        const orphanApproval = (0, events_1.anEvent)('ps.project.time_entry.approved', { timeEntryId: 'TE-404', approvedBy: 'm', billRate: eur('100.00'), costRate: eur('50.00') }, { id: 'op-3' });
        const closed = (0, events_1.anEvent)('ps.project.project.status_changed', { projectId: 'P1', status: 'closed' }, { id: 'op-4' });
        const reopened = (0, events_1.anEvent)('ps.project.project.status_changed', { projectId: 'P1', status: 'active' }, { id: 'op-5' });
        const broken = { ...account, id: 'op-6', data: { ...account.data, billingCurrency: 'euro' } };
        const answer = await h.post([account, project, orphanApproval, closed, reopened, broken]);
        strict_1.default.equal(answer.status, 202);
        await new projector_1.Projector(h.db.pool).drain();
    });
    (0, node_test_1.after)(() => h.close());
    (0, node_test_1.it)('lists a parked event with what it waits for', async () => {
        const { status, body } = await h.request('GET', '/parked');
        strict_1.default.equal(status, 200);
        strict_1.default.equal(body.parked.length, 1);
        strict_1.default.equal(body.parked[0].id, 'op-3');
        strict_1.default.equal(body.parked[0].waitingFor, 'time_entry:TE-404');
        strict_1.default.match(body.parked[0].reason, /time entry TE-404 has not arrived/);
    });
    (0, node_test_1.it)('lists an exception with its code and reason', async () => {
        const { body } = await h.request('GET', '/exceptions');
        strict_1.default.deepEqual(body.exceptions.map((e) => [e.id, e.code]), [['op-5', 'ILLEGAL_TRANSITION']]);
        strict_1.default.match(body.exceptions[0].message, /closed and cannot move to active/);
    });
    (0, node_test_1.it)('lists a rejected event with its errors', async () => {
        const { body } = await h.request('GET', '/rejected?limit=5');
        strict_1.default.equal(body.rejected[0].id, 'op-6');
        strict_1.default.equal(body.rejected[0].errors[0].path, 'data.billingCurrency');
    });
    (0, node_test_1.it)('says what limit it expected', async () => {
        const { status, body } = await h.request('GET', '/parked?limit=5000');
        strict_1.default.equal(status, 400);
        strict_1.default.match(body.error.message, /limit: expected an integer from 1 to 1000, got "5000"/);
    });
});
//# sourceMappingURL=ingest.operatorLists.int.test.js.map