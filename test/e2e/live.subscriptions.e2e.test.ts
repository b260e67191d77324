/**
 * Subscriptions through the gateway, the same cases over graphql-ws and
 * graphql-sse: filters applied by the hub, payload fields from every
 * subgraph, no notification before its commit, and the last pushed figures
 * equal to the oracle's final figures.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { simulateFirm } from '../../simulator/firm';
import { expectedFigures, Oracle } from '../../simulator/oracle';
import { postEvents } from '../../simulator/post';
import { eventually } from '../support/eventually';
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

/** The figures ALL_PROJECTS selects, as the oracle names them (its exact strings). */
const FIELDS = ['approvedHours', 'laborCost', 'billedAmount', 'unbilledApprovedAmount', 'recognizedRevenue', 'margin', 'marginPercent'] as const;
type Figures = Record<(typeof FIELDS)[number], string | null>;

/**
 * For every project, the values each figure takes after each event of the
 * delivery (the order the hub applies them in), as the points where it
 * changes: what the read model can hold once a given event is committed.
 */
function figureHistory(events: typeof firm.events): { indexOf: Map<string, number>; points: Map<string, { after: number; value: string | null }[]> } {
  const running = new Oracle();
  const points = new Map<string, { after: number; value: string | null }[]>();
  const indexOf = new Map<string, number>();
  events.forEach((event, index) => {
    indexOf.set(event.id, index);
    running.apply(event);
    for (const [id, p] of Object.entries(running.figures().projects)) {
      for (const field of FIELDS) {
        const key = `${id} ${field}`;
        const list = points.get(key) ?? [];
        if (list.length === 0 || list.at(-1)!.value !== p[field]) list.push({ after: index, value: p[field] });
        points.set(key, list);
      }
    }
  });
  return { indexOf, points };
}
const history = figureHistory(firm.events);

/**
 * The values a figure of a project may show once the event at `index` is
 * committed: its value then or any later one (a payload is read after its
 * commit, possibly after later commits too, and each subgraph reads at its own
 * moment); and the value it had just before that event.
 */
function valuesAfter(projectId: string, field: string, index: number): { possible: Set<string | null>; before: string | null | undefined } {
  const list = history.points.get(`${projectId} ${field}`) ?? [];
  let at = -1;
  let before = -1;
  for (let i = 0; i < list.length; i++) {
    if (list[i]!.after <= index) at = i;
    if (list[i]!.after < index) before = i;
  }
  return { possible: new Set(list.slice(Math.max(at, 0)).map((p) => p.value)), before: before >= 0 ? list[before]!.value : undefined };
}

for (const transport of TRANSPORTS) {
  describe(`subscriptions over ${transport === 'websocket' ? 'graphql-ws' : 'graphql-sse'}`, () => {
    let hub: LiveHub;
    let client: LiveClient;
    let invoices: Subscription;
    let oneProject: Subscription;
    let allProjects: Subscription;
    /** Each ALL_PROJECTS change as it arrived: the event it announces and the figures it carries. */
    const arrived: { eventId: string; projectId: string; figures: Figures }[] = [];

    before(async () => {
      // A capacity above the run's changes: nothing is coalesced, so counts are exact.
      hub = await startLiveHub({ queueCapacity: 100_000 });
      client = liveClient(transport, hub.gateway.url);
      invoices = client.subscribe(INVOICES_OF_CUSTOMER, { customerId: customer.customerId });
      oneProject = client.subscribe(ONE_PROJECT, { projectId: project.projectId });
      allProjects = client.subscribe(ALL_PROJECTS, undefined, (r) => {
        const change = r.data?.change;
        if (change) {
          const p = change.project;
          arrived.push({ eventId: change.eventId, projectId: p.id, figures: { approvedHours: p.approvedHours, laborCost: p.labor.amount, billedAmount: p.billedAmount.amount,
            unbilledApprovedAmount: p.unbilledApprovedAmount.amount, recognizedRevenue: p.recognizedRevenue.amount, margin: p.margin.amount, marginPercent: p.marginPercent } });
        }
      });
      // The subscriptions are live once the fan-out holds all three: only then is the first event sent.
      await eventually('the three subscriptions are registered', () => hub.live.subscriberQueues().length === 3);
      await postEvents(firm.events, { url: hub.ingestUrl, batchSize: 50, progress: false });
      await hub.settled();
      // Every change the feed holds for a subscription has been pushed to it (counted in the read model's change feed).
      const count = async (where: string, values: unknown[]) => (await hub.db.pool.query(`SELECT count(*)::int AS n FROM hub.change_feed c ${where}`, values)).rows[0].n as number;
      const expected = new Map<Subscription, number>([
        [allProjects, await count(`WHERE c.entity_kind = 'project'`, [])],
        [oneProject, await count(`WHERE c.entity_kind = 'project' AND c.entity_id = $1`, [project.projectId])],
        [invoices, await count(`JOIN billing.invoice i ON i.id = c.entity_id JOIN customer.account a ON a.id = i.account_id
          WHERE c.entity_kind = 'invoice' AND a.root_id = $1`, [customer.customerId])],
      ]);
      await eventually('every change is pushed', () => [...expected].every(([s, n]) => s.received.length >= n),
        { describe: () => [...expected].map(([s, n]) => `${s.received.length}/${n}`).join(', ') });
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

    it('never notifies a change before it is committed: each payload shows the project as it stands after its event', () => {
      assert.equal(arrived.length, allProjects.received.length);
      let sharp = 0;
      for (const { eventId, projectId, figures } of arrived) {
        const index = history.indexOf.get(eventId);
        assert.notEqual(index, undefined, `event ${eventId} is one of the firm's`);
        let tells = false;
        for (const field of FIELDS) {
          const { possible, before: previous } = valuesAfter(projectId, field, index!);
          assert.ok(possible.has(figures[field]),
            `project ${projectId}, ${field} after event ${eventId} (#${index}): pushed ${figures[field]}, possible ${[...possible].join(' | ')}`);
          if (previous !== undefined && !possible.has(previous)) tells = true;
        }
        if (tells) sharp++;
      }
      // Changes with a figure whose value before their event never comes back: a payload read before the commit would show it.
      assert.ok(sharp > arrived.length / 4, `${sharp} of ${arrived.length} changes tell a read before the commit from one after it`);
    });

    it('ends with the figures of the oracle for every project that changed', () => {
      const last = new Map<string, Record<string, any>>();
      for (const r of allProjects.received) last.set(r.data!.change.project.id, r.data!.change.project);
      assert.ok(last.size > 0);
      for (const [id, p] of last) {
        // Exact strings: "1234.50", as the oracle writes amounts.
        const expected = oracle.projects[id]!;
        assert.deepEqual(
          [p.approvedHours, p.labor.amount, p.billedAmount.amount, p.unbilledApprovedAmount.amount, p.recognizedRevenue.amount, p.margin.amount, p.marginPercent],
          [expected.approvedHours, expected.laborCost, expected.billedAmount, expected.unbilledApprovedAmount, expected.recognizedRevenue, expected.margin, expected.marginPercent],
          `project ${id}`);
      }
    });
  });
}
