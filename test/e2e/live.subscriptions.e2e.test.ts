/**
 * Subscriptions through the gateway, the same cases over graphql-ws and
 * graphql-sse: filters applied by the hub, payload fields from every
 * subgraph, no notification before its commit, and the last pushed figures
 * equal to the oracle's final figures.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { simulateFirm } from '../../simulator/firm';
import { expectedFigures } from '../../simulator/oracle';
import { postEvents } from '../../simulator/post';
import { liveClient, TRANSPORTS, type LiveClient, type Subscription } from '../support/liveClients';
import { startLiveHub, type LiveHub } from '../support/liveHub';

const firm = simulateFirm({ seed: 'live', scale: 0.4 });
const oracle = expectedFigures(firm.events);
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

async function quiet(subscriptions: readonly Subscription[], ms = 400): Promise<void> {
  let last = -1;
  for (;;) {
    const count = subscriptions.reduce((n, s) => n + s.received.length, 0);
    if (count === last) return;
    last = count;
    await new Promise((resolve) => setTimeout(resolve, ms));
  }
}

for (const transport of TRANSPORTS) {
  describe(`subscriptions over ${transport === 'websocket' ? 'graphql-ws' : 'graphql-sse'}`, () => {
    let hub: LiveHub;
    let client: LiveClient;
    let invoices: Subscription;
    let oneProject: Subscription;
    let allProjects: Subscription;
    const visibility: Promise<boolean>[] = [];

    before(async () => {
      // A capacity above the run's changes: nothing is coalesced, so counts are exact.
      hub = await startLiveHub({ queueCapacity: 100_000 });
      client = liveClient(transport, hub.gateway.url);
      invoices = client.subscribe(INVOICES_OF_CUSTOMER, { customerId: customer.customerId });
      oneProject = client.subscribe(ONE_PROJECT, { projectId: project.projectId });
      allProjects = client.subscribe(ALL_PROJECTS, undefined, (r) => {
        const eventId = r.data?.change?.eventId;
        if (eventId) {
          visibility.push(hub.db.pool.query(`SELECT 1 FROM hub.change_feed WHERE event_id = $1`, [eventId]).then((q) => q.rowCount! > 0));
        }
      });
      // Let the subscriptions register before the first change commits.
      await new Promise((resolve) => setTimeout(resolve, 300));
      await postEvents(firm.events, { url: hub.ingestUrl, batchSize: 50, progress: false });
      await hub.settled();
      await quiet([invoices, oneProject, allProjects]);
    });
    after(async () => {
      await client?.close();
      await hub?.close();
    });

    it('delivers payloads without errors', () => {
      for (const s of [invoices, oneProject, allProjects]) {
        assert.ok(s.received.length > 0, 'something was delivered');
        assert.deepEqual(s.received.filter((r) => r.errors), []);
      }
    });

    it('applies the customer filter: every invoice change of that customer, and only those', async () => {
      const { rows } = await hub.db.pool.query(
        `SELECT count(*)::int AS n FROM hub.change_feed c JOIN billing.invoice i ON i.id = c.entity_id
         JOIN customer.account a ON a.id = i.account_id WHERE c.entity_kind = 'invoice' AND a.root_id = $1`, [customer.customerId]);
      assert.equal(invoices.received.length, rows[0].n);
      for (const r of invoices.received) assert.equal(r.data!.invoiceStatusChanged.invoice.customer.id, customer.customerId);
    });

    it('applies the project filter and resolves fields of other subgraphs', () => {
      for (const r of oneProject.received) {
        const p = r.data!.projectFinancialsChanged.project;
        assert.equal(p.id, project.projectId);
        assert.equal(typeof p.customer.name, 'string');
        assert.ok(Array.isArray(p.invoices.nodes));
      }
      const lastInvoice = invoices.received.at(-1)!.data!.invoiceStatusChanged;
      assert.match(lastInvoice.invoice.project.margin.amount, /^-?\d+\.\d{2}$/, 'a revenue field through the billing stub');
      assert.match(lastInvoice.at, /^\d{4}-\d{2}-\d{2}T/);
    });

    it('never notifies a change before it is committed', async () => {
      assert.ok(visibility.length > 0);
      assert.deepEqual((await Promise.all(visibility)).filter((seen) => !seen), []);
    });

    it('ends with the figures of the oracle for every project that changed', () => {
      const last = new Map<string, Record<string, any>>();
      for (const r of allProjects.received) last.set(r.data!.change.project.id, r.data!.change.project);
      assert.ok(last.size > 0);
      for (const [id, p] of last) {
        const expected = oracle.projects[id]!;
        assert.deepEqual(
          [p.approvedHours, p.labor.amount, p.billedAmount.amount, p.unbilledApprovedAmount.amount, p.recognizedRevenue.amount, p.margin.amount, p.marginPercent],
          [expected.approvedHours, expected.laborCost, expected.billedAmount, expected.unbilledApprovedAmount, expected.recognizedRevenue, expected.margin, expected.marginPercent],
          `project ${id}`);
      }
    });
  });
}
