/**
 * Which pages and names the hub answers (docs/api.md, "Access"), in every
 * mode: WebSocket upgrades and event streams from an Origin that is neither
 * the hub's own nor listed are refused, cross-origin access follows
 * CORS_ORIGINS, a Host the hub does not serve is refused (DNS rebinding);
 * and the rate limit per token sub (per client address with AUTH=off).
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { accessSettings, startAccessHub, type AccessHub } from '../support/accessHub';
import { openRawGraphqlWs } from '../support/rawGraphqlWs';
import { hs256 } from '../support/tokens';

/** A request with headers fetch will not let us set (Host, Origin). */
function raw(url: string, options: { method?: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: options.method ?? 'GET', headers: options.headers }, (response) => {
      let body = '';
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body }));
    });
    request.on('error', reject);
    request.end(options.body);
  });
}

/** Opens a graphql-ws socket with `origin`; resolves with the upgrade's refusal status, or 101. */
function upgrade(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, 'graphql-transport-ws', { headers });
    socket.once('open', () => {
      socket.close();
      resolve(101);
    });
    socket.once('unexpected-response', (_req, response) => {
      resolve(response.statusCode!);
      socket.terminate();
    });
    socket.once('error', (error) => (error.message.includes('Unexpected server response') ? undefined : reject(error)));
  });
}

for (const mode of ['jwt', 'off'] as const) {
  describe(`origins and hosts (AUTH=${mode})`, () => {
    let hub: AccessHub;
    let token: string;
    before(async () => {
      hub = await startAccessHub(accessSettings({
        ...(mode === 'off' ? { auth: { mode: 'off' } } : {}),
        origins: { corsOrigins: ['https://app.example.com'], allowedHosts: ['localhost', '127.0.0.1', '[::1]'] },
      }));
      token = await hs256({ scope: 'graph:read operations:read' });
    });
    after(async () => {
      await hub.close();
    });
    const auth = () => ({ authorization: `Bearer ${token}` });
    const own = () => new URL(hub.graphqlUrl).origin;

    it('refuses a WebSocket upgrade from a foreign Origin (403), and takes the hub\'s own, a listed one and none', async () => {
      assert.equal(await upgrade(hub.wsUrl, { origin: 'https://evil.example' }), 403);
      assert.equal(await upgrade(hub.wsUrl, { origin: 'null' }), 403);
      assert.equal(await upgrade(hub.wsUrl, { origin: own() }), 101);
      assert.equal(await upgrade(hub.wsUrl, { origin: 'https://app.example.com' }), 101);
      assert.equal(await upgrade(hub.wsUrl, {}), 101);
    });

    it('answers a refused upgrade as the HTTP path does: JSON with the code, not a page quoting the Origin or Host', async () => {
      const upgradeHeaders = {
        connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
        'sec-websocket-protocol': 'graphql-transport-ws',
      };
      for (const [headers, code] of [
        [{ origin: 'https://evil.example/<script>' }, 'ORIGIN_NOT_ALLOWED'],
        [{ host: 'rebound.attacker.example' }, 'HOST_NOT_ALLOWED'],
      ] as const) {
        const refused = await raw(hub.wsUrl.replace(/^ws/, 'http'), { headers: { ...upgradeHeaders, ...headers } });
        assert.equal(refused.status, 403);
        assert.equal(refused.headers['content-type'], 'application/json; charset=utf-8');
        assert.equal(JSON.parse(refused.body).errors[0].extensions.code, code, refused.body);
      }
    });

    it('refuses an event stream from a foreign Origin (403), and takes the hub\'s own', async () => {
      const stream = (origin: string) => raw(hub.graphqlUrl, {
        method: 'POST', body: JSON.stringify({ query: '{ __typename }' }),
        headers: { origin, 'content-type': 'application/json', accept: 'text/event-stream', ...auth() },
      });
      const foreign = await stream('https://evil.example');
      assert.equal(foreign.status, 403);
      assert.equal(JSON.parse(foreign.body).errors[0].extensions.code, 'ORIGIN_NOT_ALLOWED');
      assert.equal((await stream(own())).status, 200);
    });

    it('refuses a Host the hub does not serve, on both ports; probes answer whatever the Host', async () => {
      for (const url of [`${hub.ingestUrl}/status`, `${hub.graphqlUrl}?query=%7B__typename%7D`]) {
        const answer = await raw(url, { headers: { host: 'rebound.attacker.example', ...auth() } });
        assert.equal(answer.status, 403, url);
        const body = JSON.parse(answer.body);
        const error = body.error ?? { code: body.errors[0].extensions.code, message: body.errors[0].message };
        assert.equal(error.code, 'HOST_NOT_ALLOWED');
        assert.equal(error.message, 'expected a Host of localhost, 127.0.0.1, [::1] (ALLOWED_HOSTS), got "rebound.attacker.example"');
        assert.equal((await raw(url, { headers: { host: `localhost:${new URL(url).port}`, ...auth() } })).status, 200, url);
      }
      assert.equal((await raw(`${hub.ingestUrl}/healthz`, { headers: { host: '10.1.2.3:4010' } })).status, 200);
    });

    it('answers a preflight from a listed origin, refuses one from another, and marks answers for listed origins only', async () => {
      const preflight = (origin: string) => raw(hub.graphqlUrl, {
        method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
      });
      const listed = await preflight('https://app.example.com');
      assert.equal(listed.status, 204);
      assert.equal(listed.headers['access-control-allow-origin'], 'https://app.example.com');
      assert.match(String(listed.headers['access-control-allow-headers']), /Authorization/);
      assert.equal((await preflight('https://evil.example')).status, 403);
      const read = async (origin: string) => (await raw(`${hub.ingestUrl}/status`, { headers: { origin, ...auth() } })).headers['access-control-allow-origin'];
      assert.equal(await read('https://app.example.com'), 'https://app.example.com');
      assert.equal(await read('https://evil.example'), undefined);
    });
  });
}

describe('rate limit', () => {
  for (const mode of ['jwt', 'off'] as const) {
    it(`refuses the request over RATE_LIMIT_PER_MINUTE per ${mode === 'jwt' ? 'token sub' : 'client address'} with 429 and Retry-After`, async () => {
      const hub = await startAccessHub(accessSettings({ rateLimitPerMinute: 3, ...(mode === 'off' ? { auth: { mode: 'off' } } : {}) }));
      try {
        const alice = await hs256({ sub: 'alice', scope: 'operations:read graph:read' });
        const bob = await hs256({ sub: 'bob', scope: 'operations:read graph:read' });
        const status = async (token: string, url = `${hub.ingestUrl}/status`) => {
          const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
          return { status: response.status, retryAfter: response.headers.get('retry-after'), body: await response.text() };
        };
        for (let i = 0; i < 3; i++) assert.equal((await status(alice)).status, 200);
        const refused = await status(alice);
        assert.equal(refused.status, 429);
        assert.ok(Number(refused.retryAfter) >= 1 && Number(refused.retryAfter) <= 60, `Retry-After ${refused.retryAfter}`);
        assert.match(refused.body, /RATE_LIMITED.*expected at most 3 requests per minute for (sub \\"alice\\"|client 127\.0\.0\.1)/);
        // Another sub has its own budget; with AUTH=off every request of this address shares one.
        assert.equal((await status(bob)).status, mode === 'jwt' ? 200 : 429);
        // The gateway's port counts its own requests.
        assert.equal((await status(alice, `${hub.graphqlUrl}?query=%7B__typename%7D`)).status, 200);
      } finally {
        await hub.close();
      }
    });
  }

  it('counts each operation over graphql-ws, not only the connection: the one over the limit gets RATE_LIMITED, the socket stays', async () => {
    const hub = await startAccessHub(accessSettings({ rateLimitPerMinute: 3, auth: { mode: 'off' } }));
    try {
      const socket = await openRawGraphqlWs(hub.wsUrl);
      try {
        await socket.init();
        for (const id of ['q1', 'q2', 'q3']) socket.send({ id, type: 'subscribe', payload: { query: '{ __typename }' } });
        // connection_init counted once, then q1 and q2: q3 is the fourth request of the minute.
        for (const id of ['q1', 'q2']) assert.equal((await socket.waitFor(`the answer to ${id}`, (m) => m.id === id)).type, 'next');
        const refused = await socket.waitFor('the refusal of q3', (m) => m.id === 'q3');
        assert.equal(refused.type, 'error');
        assert.equal(refused.payload[0].extensions.code, 'RATE_LIMITED');
        assert.match(refused.payload[0].message, /expected at most 3 requests per minute for client 127\.0\.0\.1/);
        assert.equal(socket.socket.readyState, socket.socket.OPEN);
      } finally {
        await socket.terminate();
      }
    } finally {
      await hub.close();
    }
  });
});
