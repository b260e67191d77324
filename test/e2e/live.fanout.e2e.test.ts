/**
 * Fan-out on one gateway: 1,000 subscribers, each on a WebSocket connection
 * of its own (graphql-ws), receive every change that matches their filter,
 * exactly and in commit order; one deliberately stalled client (a raw
 * graphql-ws client that stops reading its socket) neither delays them nor
 * grows a queue without bound, and, once it reads again, ends with every
 * entity's final state.
 *
 * Events are posted in rounds, and a round ends when every subscriber has its
 * changes: a round's changes (at most a few dozen) stay below the queue
 * capacity, so a subscriber that keeps up never has a change coalesced and
 * its count can be compared exactly with hub.change_feed. Delivery time is
 * measured per round (from posting its events to the last subscriber's last
 * payload), before and after the client stalls, in the same test.
 *
 * A stalled graphql-sse client is held to the same bounded, coalescing queue.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_LIMITS } from '../../config/limits';
import { simulateFirm } from '../../simulator/firm';
import { expectedFigures } from '../../simulator/oracle';
import { postEvents } from '../../simulator/post';
import { feedEnd, feedRows, type FeedRow } from '../support/changeFeedRows';
import { eventually } from '../support/eventually';
import { liveClient, type LiveClient, type Subscription } from '../support/liveClients';
import { startLiveHub, type LiveHub } from '../support/liveHub';
import { openRawGraphqlWs, type RawGraphqlWs } from '../support/rawGraphqlWs';
import { openRawSse, type RawSse } from '../support/rawSse';

const SUBSCRIBERS = 1000;
/** Connections opened at once: well under the listen backlog (511). */
const CONNECT_WAVE = 100;
/** Events ingested before anyone subscribes: the firm's first weeks, up to its first invoices. */
const PRELOADED_EVENTS = 360;
const EVENTS_PER_ROUND = 40;
const BASELINE_ROUNDS = 4;
const STALLED_ROUNDS = 4;
/** Enough for a queue to fill several times over; beyond, the queue is not holding what the client does not read. */
const MAX_STALLED_ROUNDS = 15;
/** The live extension's default queueCapacity. */
const QUEUE_CAPACITY = 100;
/**
 * The stalled client's payloads are large on purpose (see STALLED): a full queue
 * holds far more than the default byte bound, past which the client would be
 * dropped (test/e2e/live.bounds.e2e.test.ts); this test is about the queue's count bound and coalescing.
 * Its thousand subscribers all come from one address, past the connections a client may hold by default.
 */
// The stalled subscription's 1,000 aliases (and the check of its last payloads) are past the default operation limits.
const UNBOUNDED_BUFFER = {
  ...DEFAULT_LIMITS, subscriberBufferBytes: 1024 * 1024 * 1024, connectionsPerClient: 100_000, graphqlMaxAliases: 100_000, graphqlMaxTokens: 1_000_000,
};

const firm = simulateFirm({ seed: 'fanout', scale: 0.6 });
const oracle = expectedFigures(firm.events);
// A customer no account is merged into or out of: its projects count under it from start to end.
const mergeSurvivors = new Set(Object.values(oracle.customers).map((c) => c.mergedInto));
const customer = Object.values(oracle.customers).filter((c) => c.status !== 'merged' && !mergeSurvivors.has(c.customerId))
  .reduce((a, b) => (b.projectIds.length > a.projectIds.length ? b : a));
const invoicesByProject = new Map<string, number>();
for (const invoice of Object.values(oracle.invoices)) invoicesByProject.set(invoice.projectId, (invoicesByProject.get(invoice.projectId) ?? 0) + 1);
const busiestProject = [...invoicesByProject].reduce((a, b) => (b[1] > a[1] ? b : a))[0];

const PROJECTS = `subscription Projects($customerId: ID) {
  projectFinancialsChanged(customerId: $customerId) {
    eventId
    project { id marginPercent unbilledApprovedAmount { amount currency } customer { name } }
  }
}`;
const INVOICES = `subscription Invoices($projectId: ID) {
  invoiceStatusChanged(projectId: $projectId) {
    eventId
    invoice { id status paymentState customer { name } project { name } }
  }
}`;
/** A project's figures (from three subgraphs): what a project change says moved, so the last change has the final ones. */
const FIGURES = `fragment Figures on Project {
  id approvedHours laborCost { amount currency } billedAmount { amount currency } unbilledApprovedAmount { amount currency }
  recognizedRevenue { amount currency } margin { amount currency } marginPercent
}`;
/**
 * A large payload (about 300 kB: the same part under 1,000 aliases, resolved
 * once), so that the few MB the kernel buffers for the stalled socket fill
 * within a dozen changes.
 */
const STALLED = `subscription Stalled {
  projectFinancialsChanged {
    eventId
    ${Array.from({ length: 1000 }, (_, i) => `p${i}: project { ...Figures }`).join('\n    ')}
  }
}
${FIGURES}`;

/** Four kinds of subscriber, 250 of each: every project, one customer's projects, every invoice, one project's invoices. */
interface Group {
  readonly name: string;
  readonly query: string;
  readonly variables?: Record<string, unknown>;
  /** The payload's change, from a received result. */
  readonly change: (data: Record<string, any>) => { eventId: string; entityId: string };
  readonly matches: (row: FeedRow) => boolean;
}
const GROUPS: readonly Group[] = [
  { name: 'every project', query: PROJECTS, matches: (row) => row.kind === 'project',
    change: (d) => ({ eventId: d.projectFinancialsChanged.eventId, entityId: d.projectFinancialsChanged.project.id }) },
  { name: `the projects of customer ${customer.customerId}`, query: PROJECTS, variables: { customerId: customer.customerId },
    matches: (row) => row.kind === 'project' && row.customerId === customer.customerId,
    change: (d) => ({ eventId: d.projectFinancialsChanged.eventId, entityId: d.projectFinancialsChanged.project.id }) },
  { name: 'every invoice', query: INVOICES, matches: (row) => row.kind === 'invoice',
    change: (d) => ({ eventId: d.invoiceStatusChanged.eventId, entityId: d.invoiceStatusChanged.invoice.id }) },
  { name: `the invoices of project ${busiestProject}`, query: INVOICES, variables: { projectId: busiestProject },
    matches: (row) => row.kind === 'invoice' && row.projectId === busiestProject,
    change: (d) => ({ eventId: d.invoiceStatusChanged.eventId, entityId: d.invoiceStatusChanged.invoice.id }) },
];

interface Subscriber {
  readonly group: Group;
  readonly client: LiveClient;
  readonly subscription: Subscription;
  /** `eventId entityId` of every change it should have, in commit order. */
  readonly expected: string[];
}

/** Before measuring; without the stalled client; with it while its socket buffers fill; with it stalled (its queue growing). */
type Phase = 'warm-up' | 'without' | 'filling' | 'stalled';

interface Round {
  readonly phase: Phase;
  readonly changes: number;
  /** From posting the round's events to the last subscriber's last payload of the round. */
  readonly deliveryMs: number;
}

async function queryGateway(url: string, query: string): Promise<Record<string, any>> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  const body = await response.json() as { data?: Record<string, any>; errors?: unknown[] };
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  return body.data!;
}

/** The event of the last change of each project since `after`. */
async function lastChangeOfEachProject(hub: LiveHub, after: string): Promise<Map<string, string>> {
  const last = new Map<string, string>();
  for (const row of await feedRows(hub.db.pool, after, await feedEnd(hub.db.pool))) if (row.kind === 'project') last.set(row.entityId, row.eventId);
  return last;
}

/**
 * Waits until the stalled client's payloads (`projectFinancialsChanged` of
 * STALLED, in order) hold the last change of each project, then checks that
 * each project's last payload has its figures as they are now (no event came
 * after the last round): coalescing never skipped a final state.
 */
async function assertFinalStates(hub: LiveHub, lastChange: Map<string, string>, payloads: () => Record<string, any>[]): Promise<void> {
  const lastPayload = new Map<string, Record<string, any>>();
  await eventually('the stalled client to receive the last change of every project', () => {
    lastPayload.clear();
    for (const payload of payloads()) lastPayload.set(payload.p0.id, payload);
    return [...lastChange].every(([projectId, eventId]) => lastPayload.get(projectId)?.eventId === eventId);
  }, { timeoutMs: 120_000 });
  const ids = [...lastChange.keys()];
  const now = await queryGateway(hub.gateway.url,
    `{ ${ids.map((id, i) => `q${i}: project(id: ${JSON.stringify(id)}) { ...Figures }`).join(' ')} } ${FIGURES}`);
  ids.forEach((id, i) => {
    const payload = lastPayload.get(id)!;
    assert.deepEqual(payload.p0, now[`q${i}`], `project ${id}`);
    assert.deepEqual(payload.p999, payload.p0, 'every alias carries the same part');
  });
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const key = (change: { eventId: string; entityId: string }) => `${change.eventId} ${change.entityId}`;

describe(`${SUBSCRIBERS.toLocaleString('en')} subscribers on one gateway, and one stalled client`, () => {
  let hub: LiveHub;
  const subscribers: Subscriber[] = [];
  let stalled: RawGraphqlWs | undefined;
  const rounds: Round[] = [];
  let nextEvent = PRELOADED_EVENTS;
  let stalledSince = '0';
  let connections = 0;
  const stalledQueue = () => {
    const queue = hub.live.subscriberQueues().find((q) => q.operationName === 'Stalled');
    assert.ok(queue, 'the stalled client is still subscribed');
    return queue;
  };

  /** Posts the next events and waits until every subscriber has every change they made. */
  async function round(phase: Phase): Promise<void> {
    const events = firm.events.slice(nextEvent, nextEvent + EVENTS_PER_ROUND);
    assert.ok(events.length > 0, 'the simulated firm has events left for another round');
    nextEvent += events.length;
    const from = await feedEnd(hub.db.pool);
    const receivedBefore = subscribers.map((s) => s.subscription.received.length);
    const posted = performance.now();
    await postEvents(events, { url: hub.ingestUrl, batchSize: EVENTS_PER_ROUND, progress: false });
    await hub.settled();
    const rows = await feedRows(hub.db.pool, from, await feedEnd(hub.db.pool));
    for (const s of subscribers) for (const row of rows) if (s.group.matches(row)) s.expected.push(key(row));
    await eventually('every subscriber to receive the round’s changes',
      () => subscribers.every((s) => s.subscription.received.length >= s.expected.length),
      { timeoutMs: 120_000, describe: () => `${subscribers.filter((s) => s.subscription.received.length < s.expected.length).length} subscribers behind` });
    let last = posted;
    subscribers.forEach((s, i) => {
      const received = s.subscription.received;
      if (received.length > receivedBefore[i]!) last = Math.max(last, received.at(-1)!.at);
    });
    rounds.push({ phase, changes: rows.length, deliveryMs: last - posted });
  }

  before(async () => {
    // No keep-alive pings during the test: graphql-ws drops a client that does not
    // answer a ping within 12 s, and this one must stay stalled for the whole test.
    hub = await startLiveHub({ keepAliveMs: 3_600_000, limits: UNBOUNDED_BUFFER });
    await postEvents(firm.events.slice(0, PRELOADED_EVENTS), { url: hub.ingestUrl, batchSize: 200, progress: false });
    await hub.settled();
    for (let start = 0; start < SUBSCRIBERS; start += CONNECT_WAVE) {
      for (let i = start; i < Math.min(SUBSCRIBERS, start + CONNECT_WAVE); i++) {
        const group = GROUPS[i % GROUPS.length]!;
        const client = liveClient('websocket', hub.gateway.url);
        subscribers.push({ group, client, subscription: client.subscribe(group.query, group.variables), expected: [] });
      }
      await eventually(`${subscribers.length} subscriptions to be open`, () => hub.live.subscriberQueues().length === subscribers.length,
        { timeoutMs: 120_000, describe: () => `${hub.live.subscriberQueues().length} open` });
    }
    connections = hub.live.webSocketClients();

    // A warm-up round (plans, pools), then rounds without a stalled client.
    await round('warm-up');
    for (let i = 0; i < BASELINE_ROUNDS; i++) await round('without');

    // The stalled client: handshake and subscription, then it stops reading its socket.
    stalled = await openRawGraphqlWs(hub.wsUrl);
    await stalled.init();
    stalled.send({ id: 'stalled', type: 'subscribe', payload: { query: STALLED } });
    await eventually('the stalled client’s subscription to be open',
      () => hub.live.subscriberQueues().some((q) => q.operationName === 'Stalled'));
    stalled.socket.pause();
    stalledSince = await feedEnd(hub.db.pool);

    // Until the kernel's socket buffers are full the server still writes to it; then its queue grows.
    for (let i = 0; stalledQueue().queued === 0 && i < MAX_STALLED_ROUNDS; i++) await round('filling');
    // Stalled rounds, at least a few, and until its queue is full and coalesces.
    for (let i = 0; (i < STALLED_ROUNDS || stalledQueue().coalesced === 0) && i < MAX_STALLED_ROUNDS; i++) await round('stalled');
  });

  after(async () => {
    // The stalled socket first: the server would wait 30 s for its closing handshake.
    await stalled?.terminate();
    await Promise.all(subscribers.map((s) => s.client.close()));
    await hub?.close();
  });

  it(`opens ${SUBSCRIBERS.toLocaleString('en')} WebSocket connections, one subscription each`, () => {
    assert.equal(connections, SUBSCRIBERS);
  });

  it('delivers every matching change to every subscriber, exactly once and in commit order', () => {
    for (const group of GROUPS) {
      const members = subscribers.filter((s) => s.group === group);
      assert.ok(members[0]!.expected.length > 0, `changes matched ${group.name}`);
      for (const s of members) {
        assert.deepEqual(s.subscription.received.filter((r) => r.errors), [], `${group.name}: no errors`);
        assert.deepEqual(s.subscription.received.map((r) => key(group.change(r.data!))), s.expected, group.name);
      }
    }
  });

  it('never coalesces a change of a subscriber that keeps up', () => {
    const others = hub.live.subscriberQueues().filter((q) => q.operationName !== 'Stalled');
    assert.equal(others.length, SUBSCRIBERS);
    assert.deepEqual(others.filter((q) => q.coalesced > 0), []);
    assert.ok(Math.max(...others.map((q) => q.peak)) < QUEUE_CAPACITY);
  });

  it('does not let the stalled client delay the others', (t) => {
    const ms = (phase: Phase) => rounds.filter((r) => r.phase === phase).map((r) => Math.round(r.deliveryMs));
    const without = ms('without');
    const withStalled = ms('stalled');
    const summary = `delivery per round (ms) without the stalled client ${without.join(', ')}; while its buffers filled ${ms('filling').join(', ')}; ` +
      `stalled ${withStalled.join(', ')}; changes per round ${rounds.map((r) => r.changes).join(', ')}`;
    t.diagnostic(summary);
    // A correctness bound, not a benchmark: a client that held the others up would add
    // its whole stall (the test's duration) to every round.
    assert.ok(median(withStalled) <= 2 * median(without) + 5_000, summary);
  });

  it('bounds the stalled client’s queue, coalescing changes of one project into its latest', async (t) => {
    const queue = stalledQueue();
    const rows = await feedRows(hub.db.pool, stalledSince, await feedEnd(hub.db.pool));
    const projects = new Set(rows.filter((r) => r.kind === 'project').map((r) => r.entityId));
    const summary = `${JSON.stringify(queue)}; ${rows.filter((r) => r.kind === 'project').length} project changes of ${projects.size} projects since it stalled`;
    t.diagnostic(summary);
    assert.ok(queue.coalesced > 0, summary);
    assert.ok(queue.queued >= QUEUE_CAPACITY, `full: ${summary}`);
    assert.ok(queue.peak <= QUEUE_CAPACITY + projects.size, `bounded by capacity + distinct projects: ${summary}`);
  });

  it('gives the stalled client every project’s final state once it reads again', async () => {
    const client = stalled!;
    const changed = await lastChangeOfEachProject(hub, stalledSince);
    client.socket.resume();
    await eventually('the stalled client’s queue to drain', () => stalledQueue().queued === 0, { timeoutMs: 120_000 });
    const payloads = () => client.messages.filter((m) => m.type === 'next').map((m) => m.payload.data.projectFinancialsChanged);
    await assertFinalStates(hub, changed, payloads);
    assert.deepEqual(client.messages.filter((m) => m.type !== 'next' && m.type !== 'connection_ack'), []);
  });
});

describe('a stalled graphql-sse client', () => {
  let hub: LiveHub;
  let other: LiveClient;
  let otherSubscription: Subscription;
  const expected: string[] = [];
  let stalled: RawSse | undefined;
  let stalledSince = '0';
  let nextEvent = PRELOADED_EVENTS;
  let stalledRounds = 0;
  const stalledQueue = () => {
    const queue = hub.live.subscriberQueues().find((q) => q.operationName === 'Stalled');
    assert.ok(queue, 'the stalled client is still subscribed');
    return queue;
  };

  before(async () => {
    hub = await startLiveHub({ limits: UNBOUNDED_BUFFER });
    await postEvents(firm.events.slice(0, PRELOADED_EVENTS), { url: hub.ingestUrl, batchSize: 200, progress: false });
    await hub.settled();
    other = liveClient('sse', hub.gateway.url);
    otherSubscription = other.subscribe(PROJECTS);
    stalled = await openRawSse(hub.gateway.url, { query: STALLED });
    assert.equal(stalled.status, 200);
    stalled.pause();
    await eventually('both subscriptions to be open', () => hub.live.subscriberQueues().length === 2);
    stalledSince = await feedEnd(hub.db.pool);
    // Rounds, at least a few, and until its queue is full and coalesces.
    while ((stalledRounds < STALLED_ROUNDS || stalledQueue().coalesced === 0) && stalledRounds < MAX_STALLED_ROUNDS) {
      const events = firm.events.slice(nextEvent, nextEvent + EVENTS_PER_ROUND);
      assert.ok(events.length > 0, 'the simulated firm has events left for another round');
      nextEvent += events.length;
      const from = await feedEnd(hub.db.pool);
      await postEvents(events, { url: hub.ingestUrl, batchSize: EVENTS_PER_ROUND, progress: false });
      await hub.settled();
      for (const row of await feedRows(hub.db.pool, from, await feedEnd(hub.db.pool))) if (row.kind === 'project') expected.push(key(row));
      await eventually('the other subscriber to receive the round’s changes', () => otherSubscription.received.length >= expected.length,
        { timeoutMs: 120_000 });
      stalledRounds++;
    }
  });

  after(async () => {
    stalled?.close();
    await other?.close();
    await hub?.close();
  });

  it('bounds its queue, coalescing changes of one project into its latest, instead of graphql-sse buffering every result', async (t) => {
    const queue = stalledQueue();
    const rows = (await feedRows(hub.db.pool, stalledSince, await feedEnd(hub.db.pool))).filter((r) => r.kind === 'project');
    const projects = new Set(rows.map((r) => r.entityId)).size;
    const summary = `${JSON.stringify(queue)}; ${rows.length} project changes of ${projects} projects in ${stalledRounds} rounds since it stalled`;
    t.diagnostic(summary);
    assert.ok(queue.coalesced > 0, summary);
    assert.ok(queue.peak <= QUEUE_CAPACITY + projects, `bounded by capacity + distinct projects: ${summary}`);
  });

  it('delivers every change to another graphql-sse subscriber meanwhile', () => {
    assert.deepEqual(otherSubscription.received.filter((r) => r.errors), []);
    assert.deepEqual(otherSubscription.received.map((r) => key({
      eventId: r.data!.projectFinancialsChanged.eventId, entityId: r.data!.projectFinancialsChanged.project.id,
    })), expected);
  });

  it('gives the stalled client every project’s final state once it reads again', async () => {
    const client = stalled!;
    const changed = await lastChangeOfEachProject(hub, stalledSince);
    client.resume();
    await eventually('the stalled client’s queue to drain', () => stalledQueue().queued === 0, { timeoutMs: 120_000 });
    await assertFinalStates(hub, changed, () => client.events().filter((e) => e.event === 'next').map((e) => e.data.data.projectFinancialsChanged));
    assert.deepEqual(client.events().filter((e) => e.event !== 'next'), []);
  });
});
