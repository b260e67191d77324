"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * Bad subscriptions and protocol violations, the same cases over graphql-ws
 * and graphql-sse: each gets the error its protocol specifies, with the
 * GraphQL errors and their `extensions.code`, and neither the connection it
 * came on nor the server is harmed.
 *
 * - graphql-ws: an `error` message for that operation id; the socket stays
 *   open and another subscription on it receives changes. A message out of
 *   protocol closes the socket with the protocol's close code.
 * - graphql-sse: the request is accepted as an event stream that carries the
 *   errors in a `next` event, then `complete` (its PROTOCOL.md: validation
 *   errors MUST be reported through an accepted connection); in single
 *   connection mode the errors reach the operation's sink, and another
 *   operation on the same stream still works.
 */
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const graphql_sse_1 = require("graphql-sse");
const firm_1 = require("../../simulator/firm");
const post_1 = require("../../simulator/post");
const eventually_1 = require("../support/eventually");
const liveClients_1 = require("../support/liveClients");
const liveHub_1 = require("../support/liveHub");
const rawGraphqlWs_1 = require("../support/rawGraphqlWs");
const BAD = [
    { name: 'a document with a syntax error', payload: { query: 'subscription { invoiceStatusChanged { eventId ' },
        code: 'GRAPHQL_PARSE_FAILED', message: /^Syntax Error: Expected Name, found <EOF>/ },
    { name: 'an unknown field', payload: { query: 'subscription { invoiceStatusChanged { eventId colour } }' },
        code: 'GRAPHQL_VALIDATION_FAILED', message: /^Cannot query field "colour" on type "InvoiceChange"/ },
    { name: 'an argument of the wrong type', payload: { query: 'subscription { invoiceStatusChanged(customerId: true) { eventId } }' },
        code: 'GRAPHQL_VALIDATION_FAILED', message: /^ID cannot represent a non-string and non-integer value: true/ },
    { name: 'a variable of the wrong type',
        payload: { query: 'subscription S($c: ID) { invoiceStatusChanged(customerId: $c) { eventId } }', variables: { c: { id: 1 } } },
        code: 'BAD_USER_INPUT', message: /^Variable "\$c" got invalid value/ },
    { name: 'a subscription field that does not exist', payload: { query: 'subscription { invoiceDeleted { eventId } }' },
        code: 'GRAPHQL_VALIDATION_FAILED', message: /^Cannot query field "invoiceDeleted" on type "Subscription"/ },
    { name: 'two operations without operationName',
        payload: { query: 'subscription A { invoiceStatusChanged { eventId } } subscription B { projectFinancialsChanged { eventId } }' },
        code: 'OPERATION_RESOLUTION_FAILURE', message: /2 operations \(A, B\): expected operationName/ },
    { name: 'an operationName the document does not have',
        payload: { query: 'subscription A { invoiceStatusChanged { eventId } }', operationName: 'B' },
        code: 'OPERATION_RESOLUTION_FAILURE', message: /expected operationName to name an operation of the document \(A\), got "B"/ },
];
const PROJECT_CHANGES = { query: 'subscription Changes { projectFinancialsChanged { eventId project { id customer { name } } } }' };
const A_QUERY = { query: '{ projects(first: 1) { nodes { id customer { name } } } }' };
const firm = (0, firm_1.simulateFirm)({ seed: 'protocol', scale: 0.2 });
function assertErrors(errors, bad) {
    strict_1.default.ok(Array.isArray(errors) && errors.length > 0, `${bad.name}: GraphQL errors, got ${JSON.stringify(errors)}`);
    for (const error of errors) {
        strict_1.default.match(error.message, bad.message, bad.name);
        strict_1.default.equal(error.extensions?.code, bad.code, `${bad.name}: ${error.message}`);
    }
}
/** One graphql-sse request in distinct connections mode, read to its end. */
async function sseRequest(url, payload) {
    const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout(60_000),
    });
    const text = await response.text();
    const events = text.split('\n\n').flatMap((block) => {
        const fields = new Map();
        for (const line of block.split('\n')) {
            const match = /^(event|data): ?(.*)$/.exec(line);
            if (match)
                fields.set(match[1], match[2]);
        }
        const event = fields.get('event');
        return event ? [{ event, data: fields.get('data') ? JSON.parse(fields.get('data')) : null }] : [];
    });
    return { status: response.status, contentType: response.headers.get('content-type'), events };
}
(0, node_test_1.describe)('bad subscriptions and protocol violations', () => {
    let hub;
    let nextEvent = 0;
    /** Posts a few more events of the firm; most change a project's figures. */
    async function postMoreEvents() {
        const events = firm.events.slice(nextEvent, nextEvent + 20);
        strict_1.default.ok(events.length > 0, 'the simulated firm has events left');
        nextEvent += events.length;
        await (0, post_1.postEvents)(events, { url: hub.ingestUrl, batchSize: 20, progress: false });
        await hub.settled();
    }
    /** Posts events until `received` holds a change. */
    async function untilChangeReceived(what, received) {
        await (0, eventually_1.eventually)(what, async () => {
            if (received() > 0)
                return true;
            await postMoreEvents();
            return received() > 0;
        }, { timeoutMs: 120_000, intervalMs: 200 });
    }
    (0, node_test_1.before)(async () => {
        hub = await (0, liveHub_1.startLiveHub)();
    });
    (0, node_test_1.after)(async () => {
        await hub?.close();
    });
    (0, node_test_1.describe)('over graphql-ws', () => {
        let socket;
        (0, node_test_1.before)(async () => {
            socket = await (0, rawGraphqlWs_1.openRawGraphqlWs)(hub.wsUrl);
            await socket.init();
        });
        (0, node_test_1.after)(async () => {
            await socket?.terminate();
        });
        BAD.forEach((bad, i) => {
            (0, node_test_1.it)(`answers ${bad.name} with an error message for that subscription, ${bad.code}, and keeps the socket open`, async () => {
                socket.send({ id: `bad-${i}`, type: 'subscribe', payload: bad.payload });
                const error = await socket.waitFor(`an answer to bad-${i}`, (m) => m.id === `bad-${i}`);
                strict_1.default.equal(error.type, 'error', JSON.stringify(error));
                assertErrors(error.payload, bad);
                strict_1.default.equal(socket.socket.readyState, socket.socket.OPEN);
            });
        });
        (0, node_test_1.it)('still serves another subscription and a query on the same socket', async () => {
            socket.send({ id: 'good', type: 'subscribe', payload: PROJECT_CHANGES });
            await (0, eventually_1.eventually)('the subscription to be open', () => hub.live.subscriberQueues().some((q) => q.operationName === 'Changes'));
            await untilChangeReceived('a change on the socket', () => socket.messages.filter((m) => m.id === 'good').length);
            const next = socket.messages.find((m) => m.id === 'good');
            strict_1.default.equal(next.type, 'next');
            strict_1.default.equal(next.payload.errors, undefined);
            strict_1.default.equal(typeof next.payload.data.projectFinancialsChanged.project.customer.name, 'string');
            socket.send({ id: 'query', type: 'subscribe', payload: A_QUERY });
            await socket.waitFor('the query to complete', (m) => m.id === 'query' && m.type === 'complete');
            const answer = socket.messages.find((m) => m.id === 'query' && m.type === 'next');
            strict_1.default.equal(answer.payload.errors, undefined);
            strict_1.default.equal(answer.payload.data.projects.nodes.length, 1);
            // Nothing else came: no error for the good operations, no close.
            strict_1.default.deepEqual(socket.messages.filter((m) => m.type === 'error' && !m.id?.startsWith('bad-')), []);
            strict_1.default.equal(socket.socket.readyState, socket.socket.OPEN);
        });
        (0, node_test_1.describe)('a message out of protocol closes its socket with the protocol’s close code', () => {
            const violations = [
                { name: '`subscribe` before `connection_init`', code: 4401, reason: /^Unauthorized$/,
                    act: (client) => client.send({ id: '1', type: 'subscribe', payload: PROJECT_CHANGES }) },
                { name: 'a message that is not JSON', code: 4400, reason: /./,
                    act: async (client) => { await client.init(); client.send('{"type": "subscribe",'); } },
                { name: 'a message of an unknown type', code: 4400, reason: /./,
                    act: async (client) => { await client.init(); client.send({ id: '1', type: 'unsubscribe' }); } },
                { name: 'a second `connection_init`', code: 4429, reason: /^Too many initialisation requests$/,
                    act: async (client) => { await client.init(); client.send({ type: 'connection_init' }); } },
                { name: 'a subscription id already in use', code: 4409, reason: /^Subscriber for 1 already exists$/,
                    act: async (client) => {
                        await client.init();
                        client.send({ id: '1', type: 'subscribe', payload: PROJECT_CHANGES });
                        client.send({ id: '1', type: 'subscribe', payload: PROJECT_CHANGES });
                    } },
            ];
            for (const violation of violations) {
                (0, node_test_1.it)(`${violation.name}: ${violation.code}`, async () => {
                    const client = await (0, rawGraphqlWs_1.openRawGraphqlWs)(hub.wsUrl);
                    try {
                        await violation.act(client);
                        const closed = await Promise.race([client.closed, new Promise((resolve) => setTimeout(resolve, 60_000))]);
                        strict_1.default.ok(closed, 'the server closed the socket');
                        strict_1.default.equal(closed.code, violation.code);
                        strict_1.default.match(closed.reason, violation.reason);
                    }
                    finally {
                        await client.terminate();
                    }
                });
            }
            (0, node_test_1.it)('leaves the server unharmed: their subscriptions are gone, a new socket subscribes and receives changes, queries are answered', async () => {
                await (0, eventually_1.eventually)('the closed sockets’ subscriptions to end', () => hub.live.subscriberQueues().filter((q) => q.operationName === 'Changes').length === 1, { describe: () => JSON.stringify(hub.live.subscriberQueues()) });
                const client = (0, liveClients_1.liveClient)('websocket', hub.gateway.url);
                try {
                    const received = [];
                    client.subscribe(PROJECT_CHANGES.query, undefined, (r) => received.push(r));
                    await (0, eventually_1.eventually)('the new subscription to be open', () => hub.live.subscriberQueues().filter((q) => q.operationName === 'Changes').length === 2);
                    await untilChangeReceived('a change on the new socket', () => received.length);
                    strict_1.default.equal(received[0].errors, undefined);
                    const response = await fetch(hub.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(A_QUERY) });
                    strict_1.default.equal(response.status, 200);
                    strict_1.default.equal((await response.json()).data.projects.nodes.length, 1);
                }
                finally {
                    await client.close();
                }
            });
        });
    });
    (0, node_test_1.describe)('over graphql-sse', () => {
        (0, node_test_1.describe)('distinct connections mode', () => {
            for (const bad of BAD) {
                (0, node_test_1.it)(`answers ${bad.name} with an accepted event stream: its errors in \`next\`, ${bad.code}, then \`complete\``, async () => {
                    const answer = await sseRequest(hub.gateway.url, bad.payload);
                    strict_1.default.equal(answer.status, 200);
                    strict_1.default.match(answer.contentType ?? '', /^text\/event-stream/);
                    strict_1.default.deepEqual(answer.events.map((e) => e.event), ['next', 'complete']);
                    assertErrors(answer.events[0].data.errors, bad);
                });
            }
            (0, node_test_1.it)('still serves a subscription and a query, and ends the subscription when its client goes', async () => {
                const client = (0, liveClients_1.liveClient)('sse', hub.gateway.url);
                try {
                    const received = [];
                    client.subscribe(PROJECT_CHANGES.query, undefined, (r) => received.push(r));
                    await (0, eventually_1.eventually)('the subscription to be open', () => hub.live.subscriberQueues().some((q) => q.operationName === 'Changes'));
                    await untilChangeReceived('a change over SSE', () => received.length);
                    strict_1.default.equal(received[0].errors, undefined);
                    const answer = await sseRequest(hub.gateway.url, A_QUERY);
                    strict_1.default.deepEqual(answer.events.map((e) => e.event), ['next', 'complete']);
                    strict_1.default.equal(answer.events[0].data.data.projects.nodes.length, 1);
                }
                finally {
                    await client.close();
                }
                await (0, eventually_1.eventually)('the subscription to end', () => !hub.live.subscriberQueues().some((q) => q.operationName === 'Changes'), { describe: () => JSON.stringify(hub.live.subscriberQueues()) });
            });
        });
        (0, node_test_1.describe)('single connection mode (one reserved event stream)', () => {
            let client;
            (0, node_test_1.before)(() => {
                client = (0, graphql_sse_1.createClient)({ url: hub.gateway.url, singleConnection: true, retryAttempts: 0 });
            });
            (0, node_test_1.after)(() => client?.dispose());
            /** Runs an operation on the shared stream until it completes, fails or `until` holds. */
            function operation(payload, until = () => false) {
                return new Promise((resolve, reject) => {
                    const results = [];
                    const stop = client.subscribe(payload, {
                        next: (value) => {
                            results.push(value);
                            if (until(results)) {
                                stop();
                                resolve({ results, completed: false });
                            }
                        },
                        error: reject,
                        complete: () => resolve({ results, completed: true }),
                    });
                });
            }
            for (const bad of BAD) {
                (0, node_test_1.it)(`answers ${bad.name} with its errors on the stream, ${bad.code}, then completes the operation`, async () => {
                    const { results, completed } = await operation(bad.payload);
                    strict_1.default.ok(completed);
                    strict_1.default.equal(results.length, 1);
                    assertErrors(results[0].errors, bad);
                });
            }
            (0, node_test_1.it)('still serves a query and a subscription on the same stream', async () => {
                const query = await operation(A_QUERY);
                strict_1.default.equal(query.results[0].data.projects.nodes.length, 1);
                const subscription = operation(PROJECT_CHANGES, (results) => results.length > 0);
                let received = 0;
                void subscription.then(() => { received = 1; });
                await (0, eventually_1.eventually)('the subscription to be open', () => hub.live.subscriberQueues().some((q) => q.operationName === 'Changes'));
                await untilChangeReceived('a change on the stream', () => received);
                const { results } = await subscription;
                strict_1.default.equal(results[0].errors, undefined);
                strict_1.default.equal(typeof results[0].data.projectFinancialsChanged.project.customer.name, 'string');
            });
        });
    });
});
//# sourceMappingURL=live.protocol.e2e.test.js.map