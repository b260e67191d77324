"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const graphql_1 = require("graphql");
const graphqlWsConnection_1 = require("../../live/graphqlWsConnection");
/** A socket that records what the connection sends and how it closes it. */
function fakeSocket(protocol = 'graphql-transport-ws') {
    const sent = [];
    const socket = {
        protocol, OPEN: 1, readyState: 1, bufferedAmount: 0, closed: undefined, terminated: false,
        terminate() { socket.terminated = true; socket.readyState = 3; },
        send(data) { sent.push(JSON.parse(String(data))); },
        close(code, reason) { socket.closed = { code, reason }; socket.readyState = 3; },
    };
    return { socket, ws: socket, sent };
}
/** Operations that answer queries with `{ data: { ok: true } }` and open a subscriber for subscriptions. */
function fakeOperations(opened) {
    let open;
    return {
        schema: undefined,
        prepare(params, openSubscriber) {
            if (params.query.includes('bad'))
                return [new graphql_1.GraphQLError('bad query', { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })];
            open = openSubscriber;
            return { schema: undefined, document: (0, graphql_1.parse)(params.query) };
        },
        execute: async () => ({ data: { ok: true } }),
        subscribe: async () => {
            const subscriber = open(10, () => undefined, Infinity);
            opened.push(subscriber);
            return subscriber;
        },
    };
}
async function connected(socket, operations, limits) {
    const connection = new graphqlWsConnection_1.GraphqlWsConnection(socket, operations, undefined, limits);
    await connection.receive(JSON.stringify({ type: 'connection_init' }));
    return connection;
}
(0, node_test_1.describe)('a graphql-transport-ws connection', () => {
    (0, node_test_1.it)('closes a socket of another subprotocol with 4406', () => {
        const { socket, ws } = fakeSocket('graphql-ws');
        const connection = new graphqlWsConnection_1.GraphqlWsConnection(ws, fakeOperations([]));
        strict_1.default.deepEqual(socket.closed, { code: 4406, reason: 'Subprotocol not acceptable' });
        connection.closed();
    });
    (0, node_test_1.it)('acknowledges the init, and answers a ping with a pong carrying its payload', async () => {
        const { ws, sent } = fakeSocket();
        const connection = await connected(ws, fakeOperations([]));
        await connection.receive(JSON.stringify({ type: 'ping', payload: { n: 1 } }));
        strict_1.default.deepEqual(sent, [{ type: 'connection_ack' }, { type: 'pong', payload: { n: 1 } }]);
        connection.closed();
    });
    (0, node_test_1.it)('answers a query with `next`, then `complete`; errors before execution with `error`', async () => {
        const { ws, sent } = fakeSocket();
        const connection = await connected(ws, fakeOperations([]));
        await connection.receive(JSON.stringify({ id: 'q', type: 'subscribe', payload: { query: '{ ok }' } }));
        await connection.receive(JSON.stringify({ id: 'b', type: 'subscribe', payload: { query: '{ bad }' } }));
        strict_1.default.deepEqual(sent.slice(1), [
            { id: 'q', type: 'next', payload: { data: { ok: true } } },
            { id: 'q', type: 'complete' },
            { id: 'b', type: 'error', payload: [{ message: 'bad query', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] },
        ]);
        connection.closed();
    });
    (0, node_test_1.it)('ends a subscription on `complete` and every one when the socket closes, and lets an id be used again', async () => {
        const { socket, ws } = fakeSocket();
        const opened = [];
        const connection = await connected(ws, fakeOperations(opened));
        const subscribe = (id) => connection.receive(JSON.stringify({ id, type: 'subscribe', payload: { query: 'subscription { s }' } }));
        await subscribe('1');
        await subscribe('2');
        await connection.receive(JSON.stringify({ id: '1', type: 'complete' }));
        await subscribe('1');
        strict_1.default.equal(socket.closed, undefined, 'no protocol violation');
        const ended = opened.map((s) => s.next());
        await ended[0];
        connection.closed();
        strict_1.default.deepEqual(await Promise.all(ended), opened.map(() => ({ value: undefined, done: true })));
    });
    (0, node_test_1.it)('closes with 4400 on a message the client may not send', async () => {
        const { socket, ws } = fakeSocket();
        const connection = await connected(ws, fakeOperations([]));
        await connection.receive(JSON.stringify({ id: '1', type: 'next', payload: { data: {} } }));
        strict_1.default.equal(socket.closed?.code, 4400);
        connection.closed();
    });
    (0, node_test_1.it)('refuses an operation past maxOperations with TOO_MANY_OPERATIONS, keeps the socket, and takes one once another ended', async () => {
        const { socket, ws, sent } = fakeSocket();
        const opened = [];
        const connection = await connected(ws, fakeOperations(opened), { maxOperations: 2, maxBufferedBytes: Infinity });
        const subscribe = (id) => connection.receive(JSON.stringify({ id, type: 'subscribe', payload: { query: 'subscription { s }' } }));
        await subscribe('1');
        await subscribe('2');
        await subscribe('3');
        strict_1.default.equal(opened.length, 2, 'the third subscription was not made');
        strict_1.default.deepEqual(sent.at(-1), { id: '3', type: 'error', payload: [{
                    message: 'expected at most 2 operations open at once on one connection; complete one first or open another connection',
                    extensions: { code: 'TOO_MANY_OPERATIONS' },
                }] });
        strict_1.default.equal(socket.closed, undefined);
        await connection.receive(JSON.stringify({ id: '1', type: 'complete' }));
        await subscribe('3');
        strict_1.default.equal(opened.length, 3, 'a place freed by `complete` is taken');
        connection.closed();
    });
    (0, node_test_1.it)('drops a client that leaves more than maxBufferedBytes unread instead of buffering its answers', async () => {
        const { socket, ws, sent } = fakeSocket();
        const connection = await connected(ws, fakeOperations([]), { maxOperations: 10, maxBufferedBytes: 1000 });
        await connection.receive(JSON.stringify({ type: 'ping' }));
        strict_1.default.deepEqual(sent.at(-1), { type: 'pong' });
        socket.bufferedAmount = 1001;
        await connection.receive(JSON.stringify({ type: 'ping' }));
        await connection.receive(JSON.stringify({ id: 'q', type: 'subscribe', payload: { query: '{ ok }' } }));
        strict_1.default.equal(socket.terminated, true);
        strict_1.default.equal(sent.length, 2, 'nothing more was written');
        connection.closed();
    });
});
//# sourceMappingURL=live.graphqlWsConnection.unit.test.js.map