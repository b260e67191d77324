/**
 * A subscription ends when its token expires (docs/api.md, "Access"): the
 * graphql-ws connection closes with 4403, the graphql-sse stream ends.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { startAccessHub, type AccessHub } from '../support/accessHub';
import { hs256 } from '../support/tokens';

/** `promise`, or a failure once `ms` have passed (a connection the hub never ends must not hang the test). */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms).unref())]);
}

const SUBSCRIPTION = 'subscription { invoiceStatusChanged { eventId } }';

describe('a subscription ends when its token expires', () => {
  let hub: AccessHub;
  before(async () => {
    hub = await startAccessHub();
  });
  after(async () => {
    await hub.close();
  });

  it('graphql-ws: the connection closes with 4403 at the token\'s exp', async () => {
    const token = await hs256({ scope: 'graph:read', expiresIn: 3 });
    const expiresAt = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).exp * 1000;
    const socket = new WebSocket(hub.wsUrl, 'graphql-transport-ws');
    const closed = new Promise<{ code: number; reason: string; at: number }>((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: String(reason), at: Date.now() })));
    const messages: any[] = [];
    socket.on('message', (data) => messages.push(JSON.parse(String(data))));
    await new Promise((resolve) => socket.once('open', resolve));
    // The token from the upgrade request's Authorization header, when connection_init carries none.
    socket.send(JSON.stringify({ type: 'connection_init' }));
    // Without a token anywhere the socket is closed, with 4403 (not graphql-ws's 4408 of a connection_init timeout).
    const early = await within(closed, 10_000, 'the close of a socket without a token');
    assert.equal(early.code, 4403);

    const authorized = new WebSocket(hub.wsUrl, 'graphql-transport-ws', { headers: { authorization: `Bearer ${token}` } });
    const end = new Promise<{ code: number; reason: string; at: number }>((resolve) => authorized.once('close', (code, reason) => resolve({ code, reason: String(reason), at: Date.now() })));
    const received: any[] = [];
    authorized.on('message', (data) => received.push(JSON.parse(String(data))));
    await new Promise((resolve) => authorized.once('open', resolve));
    authorized.send(JSON.stringify({ type: 'connection_init' }));
    await new Promise<void>((resolve) => authorized.once('message', () => resolve()));
    assert.equal(received[0]?.type, 'connection_ack');
    authorized.send(JSON.stringify({ id: 's', type: 'subscribe', payload: { query: SUBSCRIPTION } }));
    const closedAt = await within(end, 8_000, 'the connection closed');
    assert.deepEqual(received.slice(1), [], 'the subscription ran, without an error, until the token expired');
    assert.equal(closedAt.code, 4403);
    assert.equal(closedAt.reason, 'Forbidden: the token has expired');
    assert.ok(closedAt.at >= expiresAt - 50 && closedAt.at < expiresAt + 2000, `closed ${closedAt.at - expiresAt} ms after exp`);
  });

  it('graphql-sse: the event stream ends at the token\'s exp', async () => {
    const token = await hs256({ scope: 'graph:read', expiresIn: 3 });
    const expiresAt = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).exp * 1000;
    const ended = await within(new Promise<{ status: number; at: number }>((resolve, reject) => {
      const request = http.request(hub.graphqlUrl, {
        method: 'POST', headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${token}` },
      }, (response) => {
        response.resume();
        response.once('end', () => resolve({ status: response.statusCode!, at: Date.now() }));
      });
      request.on('error', reject);
      request.end(JSON.stringify({ query: SUBSCRIPTION }));
    }), 8_000, 'the event stream ended');
    assert.equal(ended.status, 200);
    assert.ok(ended.at >= expiresAt - 50 && ended.at < expiresAt + 2000, `ended ${ended.at - expiresAt} ms after exp`);
  });
});
