"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * Subscriptions through the gateway, the same cases over graphql-ws and
 * graphql-sse: filters applied by the hub, payload fields from every
 * subgraph, no notification before its commit, and the last pushed figures
 * equal to the oracle's final figures.
 */
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const firm_1 = require("../../simulator/firm");
const oracle_1 = require("../../simulator/oracle");
const post_1 = require("../../simulator/post");
const liveClients_1 = require("../support/liveClients");
const liveHub_1 = require("../support/liveHub");
const firm = (0, firm_1.simulateFirm)({ seed: 'live', scale: 0.4 });
const oracle = (0, oracle_1.expectedFigures)(firm.events);
// A customer no account was merged into: the filter matches the customer an invoice counts
// under when its change is read, and a merge moves invoices between customers mid-run.
const mergeSurvivors = new Set(Object.values(oracle.customers).map((c) => c.mergedInto));
const unmerged = Object.values(oracle.customers).filter((c) => c.status !== 'merged' && !mergeSurvivors.has(c.customerId));
const customer = unmerged.reduce((a, b) => (b.invoiceIds.length > a.invoiceIds.length ? b : a));
const project = Object.values(oracle.projects).filter((p) => p.recognizedRevenue !== '0.00')
    .reduce((a, b) => (Number(b.billedAmount) > Number(a.billedAmount) ? b : a));
const INVOICES_OF_CUSTOMER = `subscription Invoices($customerId: ID) {
  invoiceStatusChanged(customerId: $customerId) {
    eventType eventId at
    invoice { id status paymentState amountPaid { amount } customer { id name } project { id margin { amount } } }
  }
}`;
const ONE_PROJECT = `subscription OneProject($projectId: ID) {
  projectFinancialsChanged(projectId: $projectId) {
    eventId
    project { id marginPercent customer { name } invoices { nodes { status } } }
  }
}`;
const ALL_PROJECTS = `subscription AllProjects {
  change: projectFinancialsChanged {
    eventId
    project {
      id approvedHours labor: laborCost { amount } billedAmount { amount } unbilledApprovedAmount { amount }
      recognizedRevenue { amount } margin { amount } marginPercent
    }
  }
}`;
async function quiet(subscriptions, ms = 400) {
    let last = -1;
    for (;;) {
        const count = subscriptions.reduce((n, s) => n + s.received.length, 0);
        if (count === last)
            return;
        last = count;
        await new Promise((resolve) => setTimeout(resolve, ms));
    }
}
for (const transport of liveClients_1.TRANSPORTS) {
    (0, node_test_1.describe)(`subscriptions over ${transport === 'websocket' ? 'graphql-ws' : 'graphql-sse'}`, () => {
        let hub;
        let client;
        let invoices;
        let oneProject;
        let allProjects;
        const visibility = [];
        (0, node_test_1.before)(async () => {
            // A capacity above the run's changes: nothing is coalesced, so counts are exact.
            hub = await (0, liveHub_1.startLiveHub)({ queueCapacity: 100_000 });
            client = (0, liveClients_1.liveClient)(transport, hub.gateway.url);
            invoices = client.subscribe(INVOICES_OF_CUSTOMER, { customerId: customer.customerId });
            oneProject = client.subscribe(ONE_PROJECT, { projectId: project.projectId });
            allProjects = client.subscribe(ALL_PROJECTS, undefined, (r) => {
                const eventId = r.data?.change?.eventId;
                if (eventId) {
                    visibility.push(hub.db.pool.query(`SELECT 1 FROM hub.change_feed WHERE event_id = $1`, [eventId]).then((q) => q.rowCount > 0));
                }
            });
            // Let the subscriptions register before the first change commits.
            await new Promise((resolve) => setTimeout(resolve, 300));
            await (0, post_1.postEvents)(firm.events, { url: hub.ingestUrl, batchSize: 50, progress: false });
            await hub.settled();
            await quiet([invoices, oneProject, allProjects]);
        });
        (0, node_test_1.after)(async () => {
            await client?.close();
            await hub?.close();
        });
        (0, node_test_1.it)('delivers payloads without errors', () => {
            for (const s of [invoices, oneProject, allProjects]) {
                strict_1.default.ok(s.received.length > 0, 'something was delivered');
                strict_1.default.deepEqual(s.received.filter((r) => r.errors), []);
            }
        });
        (0, node_test_1.it)('applies the customer filter: every invoice change of that customer, and only those', async () => {
            const { rows } = await hub.db.pool.query(`SELECT count(*)::int AS n FROM hub.change_feed c JOIN billing.invoice i ON i.id = c.entity_id
         JOIN customer.account a ON a.id = i.account_id WHERE c.entity_kind = 'invoice' AND a.root_id = $1`, [customer.customerId]);
            strict_1.default.equal(invoices.received.length, rows[0].n);
            for (const r of invoices.received)
                strict_1.default.equal(r.data.invoiceStatusChanged.invoice.customer.id, customer.customerId);
        });
        (0, node_test_1.it)('applies the project filter and resolves fields of other subgraphs', () => {
            for (const r of oneProject.received) {
                const p = r.data.projectFinancialsChanged.project;
                strict_1.default.equal(p.id, project.projectId);
                strict_1.default.equal(typeof p.customer.name, 'string');
                strict_1.default.ok(Array.isArray(p.invoices.nodes));
            }
            const lastInvoice = invoices.received.at(-1).data.invoiceStatusChanged;
            strict_1.default.match(lastInvoice.invoice.project.margin.amount, /^-?\d+\.\d{2}$/, 'a revenue field through the billing stub');
            strict_1.default.match(lastInvoice.at, /^\d{4}-\d{2}-\d{2}T/);
        });
        (0, node_test_1.it)('never notifies a change before it is committed', async () => {
            strict_1.default.ok(visibility.length > 0);
            strict_1.default.deepEqual((await Promise.all(visibility)).filter((seen) => !seen), []);
        });
        (0, node_test_1.it)('ends with the figures of the oracle for every project that changed', () => {
            const last = new Map();
            for (const r of allProjects.received)
                last.set(r.data.change.project.id, r.data.change.project);
            strict_1.default.ok(last.size > 0);
            for (const [id, p] of last) {
                const expected = oracle.projects[id];
                strict_1.default.deepEqual([p.approvedHours, p.labor.amount, p.billedAmount.amount, p.unbilledApprovedAmount.amount, p.recognizedRevenue.amount, p.margin.amount, p.marginPercent], [expected.approvedHours, expected.laborCost, expected.billedAmount, expected.unbilledApprovedAmount, expected.recognizedRevenue, expected.margin, expected.marginPercent], `project ${id}`);
            }
        });
    });
}
//# sourceMappingURL=live.subscriptions.e2e.test.js.map