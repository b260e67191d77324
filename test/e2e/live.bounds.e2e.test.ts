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
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { DEFAULT_LIMITS } from '../../config/limits';
import { simulateFirm } from '../../simulator/firm';
import { postEvents } from '../../simulator/post';
import { eventually } from '../support/eventually';
import { liveClient } from '../support/liveClients';
import { startLiveHub, type LiveHub } from '../support/liveHub';
import { openRawGraphqlWs } from '../support/rawGraphqlWs';

const LIMITS = {
  ...DEFAULT_LIMITS, sseReservationTtlMs: 8_000, sseStreamsPerClient: 3, subscriptionsPerConnection: 2, graphqlBodyBytes: 64 * 1024,
};
const HOARDED = 'subscription Hoarded { projectFinancialsChanged { eventId project { id name } } }';
const NORMAL = 'subscription Normal { projectFinancialsChanged { eventId project { id } } }';

const firm = simulateFirm({ seed: 'bounds', scale: 0.2 });

describe('live clients that hold too much', () => {
  let hub: LiveHub;
  let nextEvent = 0;

  async function postMoreEvents(count = 40): Promise<void> {
    const events = firm.events.slice(nextEvent, nextEvent + count);
    assert.ok(events.length > 0, 'the simulated firm has events left');
    nextEvent += events.length;
    await postEvents(events, { url: hub.ingestUrl, batchSize: count, progress: false });
    await hub.settled();
  }

  async function reserve(): Promise<Response> {
    return fetch(hub.gateway.url, { method: 'PUT', signal: AbortSignal.timeout(10_000) });
  }

  async function subscribeOn(token: string, operationId: string, query: string): Promise<Response> {
    return fetch(hub.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'x-graphql-event-stream-token': token },
      body: JSON.stringify({ query, extensions: { operationId } }),
      signal: AbortSignal.timeout(10_000),
    });
  }

  const hoarded = () => hub.live.subscriberQueues().filter((q) => q.operationName === 'Hoarded');

  before(async () => {
    hub = await startLiveHub({ limits: LIMITS });
  });
  after(async () => {
    await hub?.close();
  });

  it('keeps the changes of a reserved stream nobody opens in its bounded queue, and drops it when the reservation expires', async () => {
    const put = await reserve();
    assert.equal(put.status, 201);
    const token = await put.text();
    assert.equal((await subscribeOn(token, 'h1', HOARDED)).status, 202);
    await eventually('the hoarding subscription to be open', () => hoarded().length === 1);

    // Changes flow while nobody reads: they wait in the subscription's own queue (the first one held at the
    // stream's door), where a slow reader's changes are bounded and coalesce.
    await eventually('changes to wait in the subscription\'s queue', async () => {
      if ((hoarded()[0]?.queued ?? 0) >= 2) return true;
      assert.equal(hoarded().length, 1, 'the subscription is still there (its reservation has not expired yet)');
      await postMoreEvents();
      return (hoarded()[0]?.queued ?? 0) >= 2;
    }, { timeoutMs: 60_000, describe: () => JSON.stringify(hoarded()) });

    await eventually('the reservation to expire with its subscription', () => hoarded().length === 0 && hub.live.sseReservations() === 0,
      { timeoutMs: 20_000, describe: () => `${JSON.stringify(hoarded())}, ${hub.live.sseReservations()} reservations` });
    const late = await fetch(`${hub.gateway.url}?token=${token}`, { headers: { accept: 'text/event-stream' }, signal: AbortSignal.timeout(10_000) });
    const events = await late.text();
    assert.doesNotMatch(events, /Hoarded|projectFinancialsChanged/, 'the expired stream has nothing to deliver');

    await assertServesNormalClients();
  });

  it('refuses a reservation past the cap per client with 429 TOO_MANY_STREAMS, and takes one again once they expire', async () => {
    for (let i = 0; i < LIMITS.sseStreamsPerClient; i++) assert.equal((await reserve()).status, 201);
    const refused = await reserve();
    assert.equal(refused.status, 429);
    assert.equal(refused.headers.get('retry-after'), '8');
    const body = await refused.json() as { errors: { message: string; extensions: { code: string } }[] };
    assert.equal(body.errors[0]!.extensions.code, 'TOO_MANY_STREAMS');
    assert.match(body.errors[0]!.message, /at most 3 graphql-sse streams/);
    await eventually('the reservations to expire', () => hub.live.sseReservations() === 0, { timeoutMs: 20_000 });
    assert.equal((await reserve()).status, 201);
  });

  it('refuses an operation past the cap per stream with 429 TOO_MANY_OPERATIONS', async () => {
    const token = await (await reserve()).text();
    assert.equal((await subscribeOn(token, 'a', HOARDED)).status, 202);
    assert.equal((await subscribeOn(token, 'b', HOARDED)).status, 202);
    const refused = await subscribeOn(token, 'c', HOARDED);
    assert.equal(refused.status, 429);
    assert.equal((await refused.json() as any).errors[0].extensions.code, 'TOO_MANY_OPERATIONS');
    await eventually('the reservation to expire with its subscriptions', () => hoarded().length === 0 && hub.live.sseReservations() === 0,
      { timeoutMs: 20_000 });
  });

  it('answers a graphql-sse body over the GraphQL body limit with 413', async () => {
    const response = await fetch(hub.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: `${NORMAL} # ${'x'.repeat(LIMITS.graphqlBodyBytes)}` }),
      signal: AbortSignal.timeout(10_000),
    });
    assert.equal(response.status, 413);
    assert.equal((await response.json() as any).errors[0].extensions.code, 'PAYLOAD_TOO_LARGE');
  });

  it('closes a WebSocket that sends a message over the GraphQL body limit with 1009, and serves the others', async () => {
    const other = await openRawGraphqlWs(hub.wsUrl);
    await other.init();
    const big = await openRawGraphqlWs(hub.wsUrl);
    await big.init();
    big.send({ id: 'big', type: 'subscribe', payload: { query: `{ projects(first: 1) { nodes { id } } } # ${'x'.repeat(LIMITS.graphqlBodyBytes)}` } });
    const closed = await Promise.race([big.closed, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the socket stayed open')), 10_000))]);
    assert.equal(closed.code, 1009);
    other.send({ id: 'q', type: 'subscribe', payload: { query: '{ projects(first: 1) { nodes { id } } }' } });
    const answer = await other.waitFor('the other socket\'s answer', (m) => m.id === 'q' && m.type === 'next');
    assert.equal(answer.payload.errors, undefined);
    assert.equal(other.socket.readyState, WebSocket.OPEN);
    await other.terminate();
  });

  /** A graphql-sse client in single connection mode, and one over graphql-ws, each still receive a change. */
  async function assertServesNormalClients(): Promise<void> {
    for (const transport of ['sse', 'websocket'] as const) {
      const client = liveClient(transport, hub.gateway.url);
      try {
        const subscription = client.subscribe(NORMAL);
        await eventually(`a ${transport} subscription to be open`, () => hub.live.subscriberQueues().some((q) => q.operationName === 'Normal'));
        await eventually(`a change to reach the ${transport} client`, async () => {
          if (subscription.received.length > 0) return true;
          await postMoreEvents();
          return subscription.received.length > 0;
        }, { timeoutMs: 60_000 });
        assert.equal(subscription.received[0]!.errors, undefined);
        subscription.stop();
      } finally {
        await client.close();
      }
    }
  }
});
