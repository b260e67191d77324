/**
 * Two gateway processes on one database: `servicegraph gateway` twice, in
 * front of `servicegraph subgraph` ×4, each with its own change feed. Every
 * subscriber of either gateway, over graphql-ws and graphql-sse, receives
 * every change, exactly and in commit order, with payload fields resolved
 * through the subgraph processes. Ingest and the listeners run in the test's
 * process, on the same database.
 *
 * A gateway in its own process cannot be asked whether a subscription is
 * open, so counting starts after a warm-up: events are posted until every
 * subscription has received a change, and from then on each must receive
 * every change hub.change_feed holds. Events go in rounds that each subscriber
 * receives in full before the next, well below the queue capacity (100), so
 * no change is coalesced.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startIngestServer, type IngestServer } from '../../ingest/server';
import { readIngestStatus } from '../../hub/status';
import { startListeners, type ListenerRunner } from '../../listeners/runner';
import { simulateFirm } from '../../simulator/firm';
import { postEvents } from '../../simulator/post';
import { feedEnd, feedRows, type FeedRow } from '../support/changeFeedRows';
import { eventually } from '../support/eventually';
import { liveClient, TRANSPORTS, type LiveClient, type Subscription, type Transport } from '../support/liveClients';
import { startGatewayProcess, startMultiProcessGraph, type MultiProcessGraph, type ServiceProcess } from '../support/multiProcessGraph';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';

const EVENTS_PER_ROUND = 40;

const firm = simulateFirm({ seed: 'two-gateways', scale: 0.3 });
// The firm's first weeks (customers, projects, time) go in before anyone subscribes; its invoices come after.
const preloaded = firm.events.findIndex((e) => e.type.startsWith('ps.billing.'));

const SUBSCRIPTIONS = {
  invoice: {
    query: `subscription Invoices { invoiceStatusChanged { eventId invoice { id status customer { name } project { name } } } }`,
    change: (data: Record<string, any>) => ({ ...data.invoiceStatusChanged, entity: data.invoiceStatusChanged.invoice }),
  },
  project: {
    query: `subscription Projects { projectFinancialsChanged { eventId project { id marginPercent customer { name } } } }`,
    change: (data: Record<string, any>) => ({ ...data.projectFinancialsChanged, entity: data.projectFinancialsChanged.project }),
  },
} as const;
type Kind = keyof typeof SUBSCRIPTIONS;

interface Subscriber {
  readonly gateway: 'first' | 'second';
  readonly transport: Transport;
  readonly kind: Kind;
  readonly subscription: Subscription;
  /** `eventId entityId` of the changes it should receive after the warm-up, in commit order. */
  readonly expected: string[];
}

const key = (row: Pick<FeedRow, 'eventId' | 'entityId'>) => `${row.eventId} ${row.entityId}`;

describe('two gateway processes on one database', () => {
  let db: TestDatabase;
  let ingest: IngestServer | undefined;
  let listeners: ListenerRunner | undefined;
  let graph: MultiProcessGraph | undefined;
  let secondGateway: ServiceProcess | undefined;
  const clients: LiveClient[] = [];
  const subscribers: Subscriber[] = [];
  /** Changes delivered before counting started. */
  const warmUp = new Set<string>();
  let nextEvent = preloaded;

  const receivedKeys = (s: Subscriber) => s.subscription.received.map((r) => {
    const change = SUBSCRIPTIONS[s.kind].change(r.data!);
    return key({ eventId: change.eventId, entityId: change.entity.id });
  });
  const counted = (s: Subscriber) => receivedKeys(s).filter((k) => !warmUp.has(k));

  async function settled(): Promise<void> {
    while ((await readIngestStatus(db.pool)).pending > 0) await listeners!.caughtUp();
  }

  /** Posts the next round of events; returns the changes they made. */
  async function postRound(): Promise<FeedRow[]> {
    const events = firm.events.slice(nextEvent, nextEvent + EVENTS_PER_ROUND);
    assert.ok(events.length > 0, 'the simulated firm has events left for another round');
    nextEvent += events.length;
    const from = await feedEnd(db.pool);
    await postEvents(events, { url: `http://127.0.0.1:${ingest!.port}/events`, batchSize: EVENTS_PER_ROUND, progress: false });
    await settled();
    return feedRows(db.pool, from, await feedEnd(db.pool));
  }

  before(async () => {
    db = await createTestDatabase();
    ingest = await startIngestServer({ pool: db.pool, host: '127.0.0.1', port: 0 });
    listeners = await startListeners({ pool: db.pool, databaseUrl: db.url, batchSize: 200, pollMs: 20 });
    await postEvents(firm.events.slice(0, preloaded), { url: `http://127.0.0.1:${ingest.port}/events`, batchSize: 200, progress: false });
    await settled();

    graph = await startMultiProcessGraph(db.url);
    secondGateway = await startGatewayProcess(graph.subgraphs, db.url);
    for (const [gateway, url] of [['first', graph.gatewayUrl], ['second', secondGateway.url]] as const) {
      for (const transport of TRANSPORTS) {
        const client = liveClient(transport, url);
        clients.push(client);
        for (const kind of Object.keys(SUBSCRIPTIONS) as Kind[]) {
          subscribers.push({ gateway, transport, kind, subscription: client.subscribe(SUBSCRIPTIONS[kind].query), expected: [] });
        }
      }
    }

    // Warm-up: until every subscription has had a change, and each has had every change posted so far.
    const warmUpRows: FeedRow[] = [];
    await eventually('every subscription to receive a change', async () => {
      if (subscribers.every((s) => s.subscription.received.length > 0)) return true;
      warmUpRows.push(...await postRound());
      return false;
    }, { timeoutMs: 180_000, intervalMs: 500 });
    for (const row of warmUpRows) warmUp.add(key(row));
    await eventually('every subscription to receive the warm-up’s changes', () => subscribers.every((s) => {
      const last = warmUpRows.filter((row) => row.kind === s.kind).at(-1);
      return last === undefined || receivedKeys(s).includes(key(last));
    }), { timeoutMs: 120_000 });

    // Counted rounds, to the firm's last event.
    while (nextEvent < firm.events.length) {
      const rows = await postRound();
      for (const s of subscribers) for (const row of rows) if (row.kind === s.kind) s.expected.push(key(row));
      await eventually('every subscription to receive the round’s changes', () => subscribers.every((s) => counted(s).length >= s.expected.length), {
        timeoutMs: 120_000,
        describe: () => subscribers.map((s) => `${s.gateway} ${s.transport} ${s.kind}: ${counted(s).length}/${s.expected.length}`).join('; '),
      });
    }
  });

  after(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await secondGateway?.stop();
    await graph?.stop();
    await listeners?.stop();
    await ingest?.close();
    await db?.drop();
  });

  it('runs two gateway processes, each with its own port', () => {
    assert.ok(graph && secondGateway);
    assert.notEqual(graph.gateway.child.pid, secondGateway.child.pid);
    assert.notEqual(graph.gatewayUrl, secondGateway.url);
  });

  for (const gateway of ['first', 'second'] as const) {
    it(`delivers every change to every subscriber of the ${gateway} gateway, over both transports, in commit order`, (t) => {
      const own = subscribers.filter((s) => s.gateway === gateway);
      assert.equal(own.length, 4);
      for (const s of own) {
        const what = `${s.kind} changes over ${s.transport}`;
        t.diagnostic(`${what}: ${s.expected.length} counted, ${s.subscription.received.length - s.expected.length} in the warm-up`);
        assert.ok(s.expected.length > 0, `${what}: changes were made`);
        assert.deepEqual(s.subscription.received.filter((r) => r.errors), [], `${what}: no errors`);
        assert.deepEqual(counted(s), s.expected, what);
      }
    });
  }

  it('resolves payload fields through the subgraph processes', () => {
    for (const s of subscribers) {
      const last = SUBSCRIPTIONS[s.kind].change(s.subscription.received.at(-1)!.data!);
      assert.equal(typeof last.entity.customer.name, 'string', `${s.gateway} ${s.transport} ${s.kind}: customer name from the customer subgraph`);
    }
  });
});
