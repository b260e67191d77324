"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * Every door × every kind of credential, as data (docs/api.md, "Access"):
 * the ingest port's POST /events and operator endpoints over HTTP, GraphQL
 * over HTTP, graphql-ws (connection_init) and graphql-sse (Authorization),
 * each tried with no token, a bad signature, alg none, an expired token, a
 * wrong issuer, a wrong audience, a token lacking the door's scope and one
 * holding it. Real Postgres, real sockets; the ingest port verifies tokens on
 * its own thread.
 */
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const ws_1 = __importDefault(require("ws"));
const accessHub_1 = require("../support/accessHub");
const events_1 = require("../support/events");
const tokens_1 = require("../support/tokens");
const bearer = (token) => (token === null ? {} : { authorization: `Bearer ${token}` });
/** An HTTP door answering 401 / 403 / `okStatus`, each with what the contract says it carries. */
function httpOutcome(response, body, okStatus, errorOf) {
    const challenge = response.headers.get('www-authenticate') ?? '';
    const error = errorOf(body);
    if (response.status === 401) {
        strict_1.default.match(challenge, /^Bearer realm="servicegraph"/, 'a 401 carries a Bearer challenge');
        strict_1.default.equal(error?.code, 'UNAUTHENTICATED');
        strict_1.default.match(error?.message ?? '', /expected (a bearer token|a valid bearer token, got one that)/);
        return { kind: 'unauthenticated', detail: error.message };
    }
    if (response.status === 403) {
        strict_1.default.match(challenge, /error="insufficient_scope"/);
        strict_1.default.equal(error?.code, 'FORBIDDEN');
        return { kind: 'forbidden', detail: error.message };
    }
    if (response.status === okStatus)
        return { kind: 'admitted', detail: String(response.status) };
    return { kind: 'unexpected', detail: `${response.status} ${JSON.stringify(body)}` };
}
const operatorDoor = (path) => ({
    name: `GET ${path}`, scope: 'operations:read', otherScope: 'events:write',
    async attempt(hub, token) {
        const response = await fetch(`${hub.ingestUrl}${path}`, { headers: bearer(token) });
        const outcome = httpOutcome(response, await response.json(), 200, (body) => body.error);
        if (outcome.kind === 'forbidden')
            strict_1.default.match(outcome.detail, new RegExp(`GET ${path} needs the scope operations:read`));
        return outcome;
    },
});
/** Whether the gateway's operation guard (field authorization, graph:read) is part of this build. */
const GUARD_ON_MAIN = false;
let eventNumber = 0;
/** A GraphQL response refused for want of a scope: no data, FORBIDDEN errors. */
function graphqlOutcome(result) {
    if (result?.errors?.length && result.errors.every((e) => e.extensions?.code === 'FORBIDDEN') && result.data == null) {
        return { kind: 'forbidden', detail: result.errors[0].message };
    }
    if (result?.data?.__typename === 'Query' && !result.errors)
        return { kind: 'admitted', detail: 'data' };
    return { kind: 'unexpected', detail: JSON.stringify(result) };
}
const DOORS = [
    {
        name: 'POST /events', scope: 'events:write', otherScope: 'operations:read',
        async attempt(hub, token) {
            const event = (0, events_1.anEvent)('ps.customer.account.upserted', { accountId: 'A-1', name: 'Acme', legalEntityId: 'LE-DE', billingCurrency: 'EUR' }, { id: `matrix-${++eventNumber}` });
            const response = await fetch(`${hub.ingestUrl}/events`, { method: 'POST', headers: { 'content-type': 'application/json', ...bearer(token) }, body: JSON.stringify([event]) });
            const body = await response.json();
            const outcome = httpOutcome(response, body, 202, (b) => b.error);
            if (outcome.kind === 'admitted')
                strict_1.default.equal(body.accepted, 1);
            if (outcome.kind === 'forbidden')
                strict_1.default.match(outcome.detail, /POST \/events needs the scope events:write/);
            return outcome;
        },
    },
    ...['/status', '/parked', '/exceptions', '/rejected', '/audit'].map(operatorDoor),
    {
        name: 'GraphQL over HTTP', scope: 'graph:read', otherScope: 'events:write', scopeCheckedByGuard: true,
        async attempt(hub, token) {
            const response = await fetch(hub.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...bearer(token) }, body: JSON.stringify({ query: '{ __typename }' }) });
            const body = await response.json();
            if (response.status === 401)
                return httpOutcome(response, body, 200, (b) => ({ code: b.errors?.[0]?.extensions?.code, message: b.errors?.[0]?.message }));
            return graphqlOutcome(body);
        },
    },
    {
        name: 'graphql-ws', scope: 'graph:read', otherScope: 'events:write', scopeCheckedByGuard: true,
        async attempt(hub, token) {
            const socket = new ws_1.default(hub.wsUrl, 'graphql-transport-ws');
            const closed = new Promise((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: String(reason) })));
            const messages = [];
            socket.on('message', (data) => messages.push(JSON.parse(String(data))));
            await new Promise((resolve, reject) => { socket.once('open', resolve); socket.once('error', reject); });
            socket.send(JSON.stringify({ type: 'connection_init', ...(token === null ? {} : { payload: { authorization: `Bearer ${token}` } }) }));
            const first = await Promise.race([
                closed.then((close) => ({ close })),
                new Promise((resolve) => socket.on('message', () => messages.some((m) => m.type === 'connection_ack') && resolve({ ack: true }))),
            ]);
            if ('close' in first) {
                if (first.close.code !== 4403)
                    return { kind: 'unexpected', detail: `closed ${first.close.code} ${first.close.reason}` };
                strict_1.default.match(first.close.reason, /^Forbidden: expected/);
                return { kind: 'unauthenticated', detail: first.close.reason };
            }
            socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: '{ __typename }' } }));
            const answer = await new Promise((resolve) => {
                const look = () => {
                    const found = messages.find((m) => m.id === '1' && (m.type === 'next' || m.type === 'error'));
                    if (found)
                        resolve(found);
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
        name: 'graphql-sse', scope: 'graph:read', otherScope: 'events:write', scopeCheckedByGuard: true,
        async attempt(hub, token) {
            const response = await fetch(hub.graphqlUrl, {
                method: 'POST', headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...bearer(token) }, body: JSON.stringify({ query: '{ __typename }' }),
            });
            const text = await response.text();
            if (response.status !== 200)
                return httpOutcome(response, JSON.parse(text), 200, (b) => ({ code: b.errors?.[0]?.extensions?.code, message: b.errors?.[0]?.message }));
            const next = /event: next\ndata: (.*)\n/.exec(text);
            return next ? graphqlOutcome(JSON.parse(next[1])) : { kind: 'unexpected', detail: text };
        },
    },
];
(0, node_test_1.describe)('every door × every credential', () => {
    let hub;
    (0, node_test_1.before)(async () => {
        hub = await (0, accessHub_1.startAccessHub)();
    });
    (0, node_test_1.after)(async () => {
        await hub.close();
    });
    for (const door of DOORS) {
        (0, node_test_1.describe)(door.name, () => {
            for (const credential of tokens_1.CREDENTIAL_CASES) {
                const todo = door.scopeCheckedByGuard && credential.expect === 'forbidden' && !GUARD_ON_MAIN ? 'the gateway\'s operation guard refuses it' : undefined;
                (0, node_test_1.it)(`${credential.name}: ${credential.expect}`, { todo }, async () => {
                    const outcome = await door.attempt(hub, await credential.token(door.scope, door.otherScope));
                    strict_1.default.equal(outcome.kind, credential.expect, outcome.detail);
                    if (outcome.kind === 'unauthenticated' && credential.name !== 'no token') {
                        // The answer says what was wrong with the token, not merely that it was.
                        const why = { 'bad signature': /signature/, 'alg none': /algorithm|not a well-formed/, expired: /expired/, 'wrong issuer': /"iss"/, 'wrong audience': /"aud"/ }[credential.name];
                        if (why)
                            strict_1.default.match(outcome.detail, why);
                    }
                });
            }
        });
    }
});
//# sourceMappingURL=access.doors.int.test.js.map