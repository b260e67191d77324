"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
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
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const server_1 = require("../../ingest/server");
const status_1 = require("../../hub/status");
const runner_1 = require("../../listeners/runner");
const firm_1 = require("../../simulator/firm");
const post_1 = require("../../simulator/post");
const changeFeedRows_1 = require("../support/changeFeedRows");
const eventually_1 = require("../support/eventually");
const liveClients_1 = require("../support/liveClients");
const multiProcessGraph_1 = require("../support/multiProcessGraph");
const testDatabase_1 = require("../support/testDatabase");
const EVENTS_PER_ROUND = 40;
const firm = (0, firm_1.simulateFirm)({ seed: 'two-gateways', scale: 0.3 });
// The firm's first weeks (customers, projects, time) go in before anyone subscribes; its invoices come after.
const preloaded = firm.events.findIndex((e) => e.type.startsWith('ps.billing.'));
const SUBSCRIPTIONS = {
    invoice: {
        query: `subscription Invoices { invoiceStatusChanged { eventId invoice { id status customer { name } project { name } } } }`,
        change: (data) => ({ ...data.invoiceStatusChanged, entity: data.invoiceStatusChanged.invoice }),
    },
    project: {
        query: `subscription Projects { projectFinancialsChanged { eventId project { id marginPercent customer { name } } } }`,
        change: (data) => ({ ...data.projectFinancialsChanged, entity: data.projectFinancialsChanged.project }),
    },
};
const key = (row) => `${row.eventId} ${row.entityId}`;
(0, node_test_1.describe)('two gateway processes on one database', () => {
    let db;
    let ingest;
    let listeners;
    let graph;
    let secondGateway;
    const clients = [];
    const subscribers = [];
    /** Changes delivered before counting started. */
    const warmUp = new Set();
    let nextEvent = preloaded;
    const receivedKeys = (s) => s.subscription.received.map((r) => {
        const change = SUBSCRIPTIONS[s.kind].change(r.data);
        return key({ eventId: change.eventId, entityId: change.entity.id });
    });
    const counted = (s) => receivedKeys(s).filter((k) => !warmUp.has(k));
    async function settled() {
        while ((await (0, status_1.readIngestStatus)(db.pool)).pending > 0)
            await listeners.caughtUp();
    }
    /** Posts the next round of events; returns the changes they made. */
    async function postRound() {
        const events = firm.events.slice(nextEvent, nextEvent + EVENTS_PER_ROUND);
        strict_1.default.ok(events.length > 0, 'the simulated firm has events left for another round');
        nextEvent += events.length;
        const from = await (0, changeFeedRows_1.feedEnd)(db.pool);
        await (0, post_1.postEvents)(events, { url: `http://127.0.0.1:${ingest.port}/events`, batchSize: EVENTS_PER_ROUND, progress: false });
        await settled();
        return (0, changeFeedRows_1.feedRows)(db.pool, from, await (0, changeFeedRows_1.feedEnd)(db.pool));
    }
    (0, node_test_1.before)(async () => {
        db = await (0, testDatabase_1.createTestDatabase)();
        ingest = await (0, server_1.startIngestServer)({ pool: db.pool, host: '127.0.0.1', port: 0 });
        listeners = await (0, runner_1.startListeners)({ pool: db.pool, databaseUrl: db.url, batchSize: 200, pollMs: 20 });
        await (0, post_1.postEvents)(firm.events.slice(0, preloaded), { url: `http://127.0.0.1:${ingest.port}/events`, batchSize: 200, progress: false });
        await settled();
        graph = await (0, multiProcessGraph_1.startMultiProcessGraph)(db.url);
        secondGateway = await (0, multiProcessGraph_1.startGatewayProcess)(graph.subgraphs, db.url);
        for (const [gateway, url] of [['first', graph.gatewayUrl], ['second', secondGateway.url]]) {
            for (const transport of liveClients_1.TRANSPORTS) {
                const client = (0, liveClients_1.liveClient)(transport, url);
                clients.push(client);
                for (const kind of Object.keys(SUBSCRIPTIONS)) {
                    subscribers.push({ gateway, transport, kind, subscription: client.subscribe(SUBSCRIPTIONS[kind].query), expected: [] });
                }
            }
        }
        // Warm-up: until every subscription has had a change, and each has had every change posted so far.
        const warmUpRows = [];
        await (0, eventually_1.eventually)('every subscription to receive a change', async () => {
            if (subscribers.every((s) => s.subscription.received.length > 0))
                return true;
            warmUpRows.push(...await postRound());
            return false;
        }, { timeoutMs: 180_000, intervalMs: 500 });
        for (const row of warmUpRows)
            warmUp.add(key(row));
        await (0, eventually_1.eventually)('every subscription to receive the warm-up’s changes', () => subscribers.every((s) => {
            const last = warmUpRows.filter((row) => row.kind === s.kind).at(-1);
            return last === undefined || receivedKeys(s).includes(key(last));
        }), { timeoutMs: 120_000 });
        // Counted rounds, to the firm's last event.
        while (nextEvent < firm.events.length) {
            const rows = await postRound();
            for (const s of subscribers)
                for (const row of rows)
                    if (row.kind === s.kind)
                        s.expected.push(key(row));
            await (0, eventually_1.eventually)('every subscription to receive the round’s changes', () => subscribers.every((s) => counted(s).length >= s.expected.length), {
                timeoutMs: 120_000,
                describe: () => subscribers.map((s) => `${s.gateway} ${s.transport} ${s.kind}: ${counted(s).length}/${s.expected.length}`).join('; '),
            });
        }
    });
    (0, node_test_1.after)(async () => {
        await Promise.all(clients.map((c) => c.close()));
        await secondGateway?.stop();
        await graph?.stop();
        await listeners?.stop();
        await ingest?.close();
        await db?.drop();
    });
    (0, node_test_1.it)('runs two gateway processes, each with its own port', () => {
        strict_1.default.ok(graph && secondGateway);
        strict_1.default.notEqual(graph.gateway.child.pid, secondGateway.child.pid);
        strict_1.default.notEqual(graph.gatewayUrl, secondGateway.url);
    });
    for (const gateway of ['first', 'second']) {
        (0, node_test_1.it)(`delivers every change to every subscriber of the ${gateway} gateway, over both transports, in commit order`, (t) => {
            const own = subscribers.filter((s) => s.gateway === gateway);
            strict_1.default.equal(own.length, 4);
            for (const s of own) {
                const what = `${s.kind} changes over ${s.transport}`;
                t.diagnostic(`${what}: ${s.expected.length} counted, ${s.subscription.received.length - s.expected.length} in the warm-up`);
                strict_1.default.ok(s.expected.length > 0, `${what}: changes were made`);
                strict_1.default.deepEqual(s.subscription.received.filter((r) => r.errors), [], `${what}: no errors`);
                strict_1.default.deepEqual(counted(s), s.expected, what);
            }
        });
    }
    (0, node_test_1.it)('resolves payload fields through the subgraph processes', () => {
        for (const s of subscribers) {
            const last = SUBSCRIPTIONS[s.kind].change(s.subscription.received.at(-1).data);
            strict_1.default.equal(typeof last.entity.customer.name, 'string', `${s.gateway} ${s.transport} ${s.kind}: customer name from the customer subgraph`);
        }
    });
});
//# sourceMappingURL=live.twoGateways.e2e.test.js.map