"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * What one clumsy or hostile live client may hold is bounded, and the hub
 * keeps serving everyone else:
 * - a graphql-sse stream reserved and subscribed but never opened keeps its
 *   changes in its subscription's bounded queue (not in graphql-sse's, which
 *   has no bound), and is dropped with its operations once its reservation
 *   expires;
 * - reservations per client and operations per stream are capped (429);
 * - a graphql-sse POST body over the GraphQL body limit is a 413;
 * - a WebSocket message over the same limit closes that socket with 1009.
 */
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const ws_1 = __importDefault(require("ws"));
const limits_1 = require("../../config/limits");
const firm_1 = require("../../simulator/firm");
const post_1 = require("../../simulator/post");
const eventually_1 = require("../support/eventually");
const liveClients_1 = require("../support/liveClients");
const liveHub_1 = require("../support/liveHub");
const rawGraphqlWs_1 = require("../support/rawGraphqlWs");
const LIMITS = {
    ...limits_1.DEFAULT_LIMITS, sseReservationTtlMs: 8_000, sseStreamsPerClient: 3, subscriptionsPerConnection: 2, graphqlBodyBytes: 64 * 1024,
};
const HOARDED = 'subscription Hoarded { projectFinancialsChanged { eventId project { id name } } }';
const NORMAL = 'subscription Normal { projectFinancialsChanged { eventId project { id } } }';
const firm = (0, firm_1.simulateFirm)({ seed: 'bounds', scale: 0.2 });
(0, node_test_1.describe)('live clients that hold too much', () => {
    let hub;
    let nextEvent = 0;
    async function postMoreEvents(count = 40) {
        const events = firm.events.slice(nextEvent, nextEvent + count);
        strict_1.default.ok(events.length > 0, 'the simulated firm has events left');
        nextEvent += events.length;
        await (0, post_1.postEvents)(events, { url: hub.ingestUrl, batchSize: count, progress: false });
        await hub.settled();
    }
    async function reserve() {
        return fetch(hub.gateway.url, { method: 'PUT', signal: AbortSignal.timeout(10_000) });
    }
    async function subscribeOn(token, operationId, query) {
        return fetch(hub.gateway.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', accept: 'application/json', 'x-graphql-event-stream-token': token },
            body: JSON.stringify({ query, extensions: { operationId } }),
            signal: AbortSignal.timeout(10_000),
        });
    }
    const hoarded = () => hub.live.subscriberQueues().filter((q) => q.operationName === 'Hoarded');
    (0, node_test_1.before)(async () => {
        hub = await (0, liveHub_1.startLiveHub)({ limits: LIMITS });
    });
    (0, node_test_1.after)(async () => {
        await hub?.close();
    });
    (0, node_test_1.it)('keeps the changes of a reserved stream nobody opens in its bounded queue, and drops it when the reservation expires', async () => {
        const put = await reserve();
        strict_1.default.equal(put.status, 201);
        const token = await put.text();
        strict_1.default.equal((await subscribeOn(token, 'h1', HOARDED)).status, 202);
        await (0, eventually_1.eventually)('the hoarding subscription to be open', () => hoarded().length === 1);
        // Changes flow while nobody reads: they wait in the subscription's own queue (the first one held at the
        // stream's door), where a slow reader's changes are bounded and coalesce.
        await (0, eventually_1.eventually)('changes to wait in the subscription\'s queue', async () => {
            if ((hoarded()[0]?.queued ?? 0) >= 2)
                return true;
            strict_1.default.equal(hoarded().length, 1, 'the subscription is still there (its reservation has not expired yet)');
            await postMoreEvents();
            return (hoarded()[0]?.queued ?? 0) >= 2;
        }, { timeoutMs: 60_000, describe: () => JSON.stringify(hoarded()) });
        await (0, eventually_1.eventually)('the reservation to expire with its subscription', () => hoarded().length === 0 && hub.live.sseReservations() === 0, { timeoutMs: 20_000, describe: () => `${JSON.stringify(hoarded())}, ${hub.live.sseReservations()} reservations` });
        const late = await fetch(`${hub.gateway.url}?token=${token}`, { headers: { accept: 'text/event-stream' }, signal: AbortSignal.timeout(10_000) });
        const events = await late.text();
        strict_1.default.doesNotMatch(events, /Hoarded|projectFinancialsChanged/, 'the expired stream has nothing to deliver');
        await assertServesNormalClients();
    });
    (0, node_test_1.it)('refuses a reservation past the cap per client with 429 TOO_MANY_STREAMS, and takes one again once they expire', async () => {
        for (let i = 0; i < LIMITS.sseStreamsPerClient; i++)
            strict_1.default.equal((await reserve()).status, 201);
        const refused = await reserve();
        strict_1.default.equal(refused.status, 429);
        strict_1.default.equal(refused.headers.get('retry-after'), '8');
        const body = await refused.json();
        strict_1.default.equal(body.errors[0].extensions.code, 'TOO_MANY_STREAMS');
        strict_1.default.match(body.errors[0].message, /at most 3 graphql-sse streams/);
        await (0, eventually_1.eventually)('the reservations to expire', () => hub.live.sseReservations() === 0, { timeoutMs: 20_000 });
        strict_1.default.equal((await reserve()).status, 201);
    });
    (0, node_test_1.it)('refuses an operation past the cap per stream with 429 TOO_MANY_OPERATIONS', async () => {
        const token = await (await reserve()).text();
        strict_1.default.equal((await subscribeOn(token, 'a', HOARDED)).status, 202);
        strict_1.default.equal((await subscribeOn(token, 'b', HOARDED)).status, 202);
        const refused = await subscribeOn(token, 'c', HOARDED);
        strict_1.default.equal(refused.status, 429);
        strict_1.default.equal((await refused.json()).errors[0].extensions.code, 'TOO_MANY_OPERATIONS');
        await (0, eventually_1.eventually)('the reservation to expire with its subscriptions', () => hoarded().length === 0 && hub.live.sseReservations() === 0, { timeoutMs: 20_000 });
    });
    (0, node_test_1.it)('answers a graphql-sse body over the GraphQL body limit with 413', async () => {
        const response = await fetch(hub.gateway.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
            body: JSON.stringify({ query: `${NORMAL} # ${'x'.repeat(LIMITS.graphqlBodyBytes)}` }),
            signal: AbortSignal.timeout(10_000),
        });
        strict_1.default.equal(response.status, 413);
        strict_1.default.equal((await response.json()).errors[0].extensions.code, 'PAYLOAD_TOO_LARGE');
    });
    (0, node_test_1.it)('closes a WebSocket that sends a message over the GraphQL body limit with 1009, and serves the others', async () => {
        const other = await (0, rawGraphqlWs_1.openRawGraphqlWs)(hub.wsUrl);
        await other.init();
        const big = await (0, rawGraphqlWs_1.openRawGraphqlWs)(hub.wsUrl);
        await big.init();
        big.send({ id: 'big', type: 'subscribe', payload: { query: `{ projects(first: 1) { nodes { id } } } # ${'x'.repeat(LIMITS.graphqlBodyBytes)}` } });
        const closed = await Promise.race([big.closed, new Promise((_, reject) => setTimeout(() => reject(new Error('the socket stayed open')), 10_000))]);
        strict_1.default.equal(closed.code, 1009);
        other.send({ id: 'q', type: 'subscribe', payload: { query: '{ projects(first: 1) { nodes { id } } }' } });
        const answer = await other.waitFor('the other socket\'s answer', (m) => m.id === 'q' && m.type === 'next');
        strict_1.default.equal(answer.payload.errors, undefined);
        strict_1.default.equal(other.socket.readyState, ws_1.default.OPEN);
        await other.terminate();
    });
    /** A graphql-sse client in single connection mode, and one over graphql-ws, each still receive a change. */
    async function assertServesNormalClients() {
        for (const transport of ['sse', 'websocket']) {
            const client = (0, liveClients_1.liveClient)(transport, hub.gateway.url);
            try {
                const subscription = client.subscribe(NORMAL);
                await (0, eventually_1.eventually)(`a ${transport} subscription to be open`, () => hub.live.subscriberQueues().some((q) => q.operationName === 'Normal'));
                await (0, eventually_1.eventually)(`a change to reach the ${transport} client`, async () => {
                    if (subscription.received.length > 0)
                        return true;
                    await postMoreEvents();
                    return subscription.received.length > 0;
                }, { timeoutMs: 60_000 });
                strict_1.default.equal(subscription.received[0].errors, undefined);
                subscription.stop();
            }
            finally {
                await client.close();
            }
        }
    }
});
//# sourceMappingURL=live.bounds.e2e.test.js.map