import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GraphQLError, parse, type ExecutionArgs } from 'graphql';
import type WebSocket from 'ws';
import type { OpenSubscriber } from '../../live/fanout';
import { GraphqlWsConnection, type ConnectionLimits } from '../../live/graphqlWsConnection';
import type { LiveOperations } from '../../live/operations';
import type { WebSocketSubscriber } from '../../live/webSocketSubscriber';

/** A socket that records what the connection sends and how it closes it. */
function fakeSocket(protocol = 'graphql-transport-ws') {
  const sent: any[] = [];
  const socket = {
    protocol, OPEN: 1, readyState: 1, bufferedAmount: 0, closed: undefined as { code: number; reason: string } | undefined, terminated: false,
    terminate() { socket.terminated = true; socket.readyState = 3; },
    send(data: string | Buffer) { sent.push(JSON.parse(String(data))); },
    close(code: number, reason: string) { socket.closed = { code, reason }; socket.readyState = 3; },
  };
  return { socket, ws: socket as unknown as WebSocket, sent };
}

/** Operations that answer queries with `{ data: { ok: true } }` and open a subscriber for subscriptions. */
function fakeOperations(opened: WebSocketSubscriber[]): LiveOperations {
  let open: OpenSubscriber | undefined;
  return {
    schema: undefined as never,
    prepare(params, openSubscriber) {
      if (params.query.includes('bad')) return [new GraphQLError('bad query', { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })];
      open = openSubscriber;
      return { schema: undefined as never, document: parse(params.query) } as ExecutionArgs;
    },
    execute: async () => ({ data: { ok: true } }),
    subscribe: async () => {
      const subscriber = open!(10, () => undefined, Infinity) as WebSocketSubscriber;
      opened.push(subscriber);
      return subscriber;
    },
  };
}

async function connected(socket: WebSocket, operations: LiveOperations, limits?: ConnectionLimits): Promise<GraphqlWsConnection> {
  const connection = new GraphqlWsConnection(socket, operations, undefined, limits);
  await connection.receive(JSON.stringify({ type: 'connection_init' }));
  return connection;
}

describe('a graphql-transport-ws connection', () => {
  it('closes a socket of another subprotocol with 4406', () => {
    const { socket, ws } = fakeSocket('graphql-ws');
    const connection = new GraphqlWsConnection(ws, fakeOperations([]));
    assert.deepEqual(socket.closed, { code: 4406, reason: 'Subprotocol not acceptable' });
    connection.closed();
  });

  it('acknowledges the init, and answers a ping with a pong carrying its payload', async () => {
    const { ws, sent } = fakeSocket();
    const connection = await connected(ws, fakeOperations([]));
    await connection.receive(JSON.stringify({ type: 'ping', payload: { n: 1 } }));
    assert.deepEqual(sent, [{ type: 'connection_ack' }, { type: 'pong', payload: { n: 1 } }]);
    connection.closed();
  });

  it('answers a query with `next`, then `complete`; errors before execution with `error`', async () => {
    const { ws, sent } = fakeSocket();
    const connection = await connected(ws, fakeOperations([]));
    await connection.receive(JSON.stringify({ id: 'q', type: 'subscribe', payload: { query: '{ ok }' } }));
    await connection.receive(JSON.stringify({ id: 'b', type: 'subscribe', payload: { query: '{ bad }' } }));
    assert.deepEqual(sent.slice(1), [
      { id: 'q', type: 'next', payload: { data: { ok: true } } },
      { id: 'q', type: 'complete' },
      { id: 'b', type: 'error', payload: [{ message: 'bad query', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] },
    ]);
    connection.closed();
  });

  it('ends a subscription on `complete` and every one when the socket closes, and lets an id be used again', async () => {
    const { socket, ws } = fakeSocket();
    const opened: WebSocketSubscriber[] = [];
    const connection = await connected(ws, fakeOperations(opened));
    const subscribe = (id: string) => connection.receive(JSON.stringify({ id, type: 'subscribe', payload: { query: 'subscription { s }' } }));
    await subscribe('1');
    await subscribe('2');
    await connection.receive(JSON.stringify({ id: '1', type: 'complete' }));
    await subscribe('1');
    assert.equal(socket.closed, undefined, 'no protocol violation');
    const ended = opened.map((s) => s.next());
    await ended[0];
    connection.closed();
    assert.deepEqual(await Promise.all(ended), opened.map(() => ({ value: undefined, done: true })));
  });

  it('closes with 4400 on a message the client may not send', async () => {
    const { socket, ws } = fakeSocket();
    const connection = await connected(ws, fakeOperations([]));
    await connection.receive(JSON.stringify({ id: '1', type: 'next', payload: { data: {} } }));
    assert.equal(socket.closed?.code, 4400);
    connection.closed();
  });

  it('refuses an operation past maxOperations with TOO_MANY_OPERATIONS, keeps the socket, and takes one once another ended', async () => {
    const { socket, ws, sent } = fakeSocket();
    const opened: WebSocketSubscriber[] = [];
    const connection = await connected(ws, fakeOperations(opened), { maxOperations: 2, maxBufferedBytes: Infinity });
    const subscribe = (id: string) => connection.receive(JSON.stringify({ id, type: 'subscribe', payload: { query: 'subscription { s }' } }));
    await subscribe('1');
    await subscribe('2');
    await subscribe('3');
    assert.equal(opened.length, 2, 'the third subscription was not made');
    assert.deepEqual(sent.at(-1), { id: '3', type: 'error', payload: [{
      message: 'expected at most 2 operations open at once on one connection; complete one first or open another connection',
      extensions: { code: 'TOO_MANY_OPERATIONS' },
    }] });
    assert.equal(socket.closed, undefined);
    await connection.receive(JSON.stringify({ id: '1', type: 'complete' }));
    await subscribe('3');
    assert.equal(opened.length, 3, 'a place freed by `complete` is taken');
    connection.closed();
  });

  it('drops a client that leaves more than maxBufferedBytes unread instead of buffering its answers', async () => {
    const { socket, ws, sent } = fakeSocket();
    const connection = await connected(ws, fakeOperations([]), { maxOperations: 10, maxBufferedBytes: 1000 });
    await connection.receive(JSON.stringify({ type: 'ping' }));
    assert.deepEqual(sent.at(-1), { type: 'pong' });
    socket.bufferedAmount = 1001;
    await connection.receive(JSON.stringify({ type: 'ping' }));
    await connection.receive(JSON.stringify({ id: 'q', type: 'subscribe', payload: { query: '{ ok }' } }));
    assert.equal(socket.terminated, true);
    assert.equal(sent.length, 2, 'nothing more was written');
    connection.closed();
  });
});
