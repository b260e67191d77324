/**
 * Every door × every kind of credential, as data (docs/api.md, "Access"):
 * the ingest port's POST /events and operator endpoints over HTTP, GraphQL
 * over HTTP, graphql-ws (connection_init) and graphql-sse (Authorization),
 * each tried with no token, a bad signature, alg none, an expired token, a
 * wrong issuer, a wrong audience, a token lacking the door's scope and one
 * holding it. Real Postgres, real sockets; the ingest port verifies tokens on
 * its own thread.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import type { Scope } from '../../access/principal';
import { startAccessHub, type AccessHub } from '../support/accessHub';
import { anEvent } from '../support/events';
import { CREDENTIAL_CASES } from '../support/tokens';

type Outcome =
  | { readonly kind: 'unauthenticated' | 'forbidden' | 'admitted'; readonly detail: string }
  | { readonly kind: 'unexpected'; readonly detail: string };

interface Door {
  readonly name: string;
  /** The scope the door needs; `otherScope` is one that does not open it. */
  readonly scope: Scope;
  readonly otherScope: Scope;
  /** What the right token holds when the door's answer reads more than its scope grants (a report of balances); default `scope`. */
  readonly grants?: string;
  attempt(hub: AccessHub, token: string | null): Promise<Outcome>;
}

const bearer = (token: string | null): Record<string, string> => (token === null ? {} : { authorization: `Bearer ${token}` });

/** An HTTP door answering 401 / 403 / `okStatus`, each with what the contract says it carries. */
function httpOutcome(response: Response, body: any, okStatus: number, errorOf: (body: any) => { code?: string; message?: string } | undefined): Outcome {
  const challenge = response.headers.get('www-authenticate') ?? '';
  const error = errorOf(body);
  if (response.status === 401) {
    assert.match(challenge, /^Bearer realm="servicegraph"/, 'a 401 carries a Bearer challenge');
    assert.equal(error?.code, 'UNAUTHENTICATED');
    assert.match(error?.message ?? '', /expected (a bearer token|a valid bearer token, got one that)/);
    return { kind: 'unauthenticated', detail: error!.message! };
  }
  if (response.status === 403) {
    assert.match(challenge, /error="insufficient_scope"/);
    assert.equal(error?.code, 'FORBIDDEN');
    return { kind: 'forbidden', detail: error!.message! };
  }
  if (response.status === okStatus) return { kind: 'admitted', detail: String(response.status) };
  return { kind: 'unexpected', detail: `${response.status} ${JSON.stringify(body)}` };
}

const operatorDoor = (path: string): Door => ({
  name: `GET ${path}`, scope: 'operations:read', otherScope: 'events:write',
  async attempt(hub, token) {
    const response = await fetch(`${hub.ingestUrl}${path}`, { headers: bearer(token) });
    const outcome = httpOutcome(response, await response.json(), 200, (body) => body.error);
    if (outcome.kind === 'forbidden') assert.match(outcome.detail, new RegExp(`GET ${path} needs the scope operations:read`));
    return outcome;
  },
});

let eventNumber = 0;

/** A GraphQL response refused for want of a scope: no data, FORBIDDEN errors. */
function graphqlOutcome(result: any): Outcome {
  if (result?.errors?.length && result.errors.every((e: any) => e.extensions?.code === 'FORBIDDEN') && result.data == null) {
    return { kind: 'forbidden', detail: result.errors[0].message };
  }
  if (result?.data?.__typename === 'Query' && !result.errors) return { kind: 'admitted', detail: 'data' };
  return { kind: 'unexpected', detail: JSON.stringify(result) };
}

const DOORS: readonly Door[] = [
  {
    name: 'POST /events', scope: 'events:write', otherScope: 'operations:read',
    async attempt(hub, token) {
      const event = anEvent('ps.customer.account.upserted', { accountId: 'A-1', name: 'Acme', legalEntityId: 'LE-DE', billingCurrency: 'EUR' }, { id: `matrix-${++eventNumber}` });
      const response = await fetch(`${hub.ingestUrl}/events`, { method: 'POST', headers: { 'content-type': 'application/json', ...bearer(token) }, body: JSON.stringify([event]) });
      const body = await response.json();
      const outcome = httpOutcome(response, body, 202, (b) => b.error);
      if (outcome.kind === 'admitted') assert.equal(body.accepted, 1);
      if (outcome.kind === 'forbidden') assert.match(outcome.detail, /POST \/events needs the scope events:write/);
      return outcome;
    },
  },
  ...['/status', '/parked', '/exceptions', '/rejected', '/audit'].map(operatorDoor),
  ...['/reports', '/reports/customers.csv'].map((path): Door => ({
    name: `GET ${path}`, scope: 'graph:read', otherScope: 'events:write',
    // The customers report shows outstanding balances: financials:read besides the door's graph:read.
    grants: path.endsWith('.csv') ? 'graph:read financials:read' : undefined,
    async attempt(hub, token) {
      const response = await fetch(`${hub.graphqlUrl.replace(/\/graphql$/, '')}${path}`, { headers: bearer(token) });
      const text = await response.text();
      const body = response.headers.get('content-type')?.startsWith('application/json') ? JSON.parse(text) : text;
      const outcome = httpOutcome(response, body, 200, (b) => ({ code: b.errors?.[0]?.extensions?.code, message: b.errors?.[0]?.message }));
      if (outcome.kind === 'forbidden') assert.match(outcome.detail, new RegExp(`GET ${path} needs the scope graph:read`));
      if (outcome.kind === 'admitted' && path.endsWith('.csv')) assert.match(text, /^id,name,/);
      return outcome;
    },
  })),
  {
    name: 'GET /metrics (gateway)', scope: 'operations:read', otherScope: 'graph:read',
    async attempt(hub, token) {
      const response = await fetch(hub.graphqlUrl.replace(/\/graphql$/, '/metrics'), { headers: bearer(token) });
      const text = await response.text();
      if (response.status === 200) return { kind: 'admitted', detail: text.slice(0, 60) };
      const body = JSON.parse(text);
      return httpOutcome(response, body, 200, (b) => ({ code: b.errors?.[0]?.extensions?.code, message: b.errors?.[0]?.message }));
    },
  },
  {
    name: 'GraphQL over HTTP', scope: 'graph:read', otherScope: 'events:write',
    async attempt(hub, token) {
      const response = await fetch(hub.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...bearer(token) }, body: JSON.stringify({ query: '{ __typename }' }) });
      const body = await response.json();
      if (response.status === 401) return httpOutcome(response, body, 200, (b) => ({ code: b.errors?.[0]?.extensions?.code, message: b.errors?.[0]?.message }));
      const outcome = graphqlOutcome(body);
      // The operation guard answers its refusal 403 (docs/api.md, "Access").
      if (outcome.kind === 'forbidden') assert.equal(response.status, 403);
      return outcome;
    },
  },
  {
    name: 'graphql-ws', scope: 'graph:read', otherScope: 'events:write',
    async attempt(hub, token) {
      const socket = new WebSocket(hub.wsUrl, 'graphql-transport-ws');
      const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: String(reason) })));
      const messages: any[] = [];
      socket.on('message', (data) => messages.push(JSON.parse(String(data))));
      await new Promise((resolve, reject) => { socket.once('open', resolve); socket.once('error', reject); });
      socket.send(JSON.stringify({ type: 'connection_init', ...(token === null ? {} : { payload: { authorization: `Bearer ${token}` } }) }));
      const first = await Promise.race([
        closed.then((close) => ({ close })),
        new Promise<{ ack: true }>((resolve) => socket.on('message', () => messages.some((m) => m.type === 'connection_ack') && resolve({ ack: true }))),
      ]);
      if ('close' in first) {
        if (first.close.code !== 4403) return { kind: 'unexpected', detail: `closed ${first.close.code} ${first.close.reason}` };
        assert.match(first.close.reason, /^Forbidden: expected/);
        return { kind: 'unauthenticated', detail: first.close.reason };
      }
      socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: '{ __typename }' } }));
      const answer = await new Promise<any>((resolve) => {
        const look = () => {
          const found = messages.find((m) => m.id === '1' && (m.type === 'next' || m.type === 'error'));
          if (found) resolve(found);
        };
        socket.on('message', look);
        look();
      });
      socket.close();
      await closed;
      return graphqlOutcome(answer.type === 'error' ? { errors: answer.payload } : answer.payload);
    },
  },
  {
    name: 'graphql-sse', scope: 'graph:read', otherScope: 'events:write',
    async attempt(hub, token) {
      const response = await fetch(hub.graphqlUrl, {
        method: 'POST', headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...bearer(token) }, body: JSON.stringify({ query: '{ __typename }' }),
      });
      const text = await response.text();
      if (response.status !== 200) return httpOutcome(response, JSON.parse(text), 200, (b) => ({ code: b.errors?.[0]?.extensions?.code, message: b.errors?.[0]?.message }));
      const next = /event: next\ndata: (.*)\n/.exec(text);
      return next ? graphqlOutcome(JSON.parse(next[1]!)) : { kind: 'unexpected', detail: text };
    },
  },
];

describe('every door × every credential', () => {
  let hub: AccessHub;
  before(async () => {
    hub = await startAccessHub();
  });
  after(async () => {
    await hub.close();
  });

  for (const door of DOORS) {
    describe(door.name, () => {
      for (const credential of CREDENTIAL_CASES) {
        it(`${credential.name}: ${credential.expect}`, async () => {
          const outcome = await door.attempt(hub, await credential.token(credential.expect === 'admitted' ? door.grants ?? door.scope : door.scope, door.otherScope));
          assert.equal(outcome.kind, credential.expect, outcome.detail);
          if (outcome.kind === 'unauthenticated' && credential.name !== 'no token') {
            // The answer says what was wrong with the token, not merely that it was.
            const why = { 'bad signature': /signature/, 'alg none': /algorithm|not a well-formed/, expired: /expired/, 'wrong issuer': /"iss"/, 'wrong audience': /"aud"/ }[credential.name];
            if (why) assert.match(outcome.detail, why);
          }
        });
      }
    });
  }
});
