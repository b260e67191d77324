import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { AddressInfo, Socket } from 'node:net';
import { describe, it } from 'node:test';
import WebSocket, { WebSocketServer } from 'ws';
import type { LiveChange } from '../../live/changeFeed';
import { SharedPayload } from '../../live/sharedPayload';
import { WebSocketSubscriber } from '../../live/webSocketSubscriber';

let next = 0;
const payload = (entityId: string): SharedPayload => {
  const change: LiveChange = {
    changeId: String(++next), kind: 'project', entityId, projectId: entityId, accountId: 'A1', customerId: 'A1', legalEntityId: 'LE-1',
    eventType: 'ps.project.expense.approved', eventId: `e${next}`, at: '2026-03-02T10:00:00.000Z',
  };
  return new SharedPayload(change, { data: { projectFinancialsChanged: { eventId: change.eventId, project: { id: entityId } } } });
};

/** A socket that records frames and completes a write only when told; `bufferedAmount` > 0: what it was given waits in userland. */
function fakeSocket(bufferedAmount = 1) {
  const frames: { data: Buffer; binary: boolean }[] = [];
  const callbacks: (() => void)[] = [];
  const socket = {
    readyState: 1,
    bufferedAmount,
    send(data: Buffer, options: { binary: boolean }, callback: () => void) {
      frames.push({ data, binary: options.binary });
      callbacks.push(callback);
    },
  };
  return { socket: socket as unknown as WebSocket, frames, written: () => callbacks.shift()!() };
}

describe('a graphql-ws subscriber that writes to its socket', () => {
  it('sends each payload as a graphql-transport-ws `next` text message for its id', () => {
    const { socket, frames } = fakeSocket();
    const subscriber = new WebSocketSubscriber(socket, 'sub-"1"', 10, () => undefined);
    const p = payload('P1');
    subscriber.deliver(p);
    assert.equal(frames.length, 1);
    assert.equal(frames[0]!.binary, false);
    assert.deepEqual(JSON.parse(frames[0]!.data.toString()), { id: 'sub-"1"', type: 'next', payload: p.result });
  });

  it('writes the next payload only once the last is written, queueing meanwhile in order', () => {
    const { socket, frames, written } = fakeSocket();
    const subscriber = new WebSocketSubscriber(socket, '1', 10, () => undefined);
    const [a, b, c] = [payload('A'), payload('B'), payload('C')];
    [a, b, c].forEach((p) => subscriber.deliver(p));
    assert.equal(frames.length, 1);
    assert.equal(subscriber.queued, 2);
    written();
    written();
    assert.deepEqual(frames.map((f) => JSON.parse(f.data.toString()).payload), [a.result, b.result, c.result]);
    assert.equal(subscriber.queued, 0);
    assert.equal(subscriber.peak, 2);
  });

  it('writes a burst at once while the kernel takes everything (a write\'s callback comes only on the next tick)', () => {
    const { socket, frames } = fakeSocket(0);
    const subscriber = new WebSocketSubscriber(socket, '1', 2, () => undefined);
    for (const entity of ['A', 'B', 'C', 'D']) subscriber.deliver(payload(entity));
    assert.equal(frames.length, 4);
    assert.equal(subscriber.peak, 0, 'nothing waited');
  });

  it('coalesces what waits for a socket that is not read, beyond its capacity', () => {
    const { socket, frames } = fakeSocket();
    const subscriber = new WebSocketSubscriber(socket, '1', 2, () => undefined);
    for (const entity of ['A', 'B', 'C', 'A', 'B']) subscriber.deliver(payload(entity));
    assert.equal(frames.length, 1, 'only the first was written');
    assert.equal(subscriber.coalesced, 1);
    assert.equal(subscriber.queued, 3);
  });

  it('ends with an `error` SUBSCRIBER_TOO_SLOW and leaves its group once more than its byte bound waits', () => {
    const { socket, frames } = fakeSocket();
    let left = 0;
    const bound = payload('A').json.length * 2 + 5;
    const subscriber = new WebSocketSubscriber(socket, '7', 100, () => left++, bound);
    for (const entity of ['A', 'B', 'C', 'D', 'E']) subscriber.deliver(payload(entity));
    assert.equal(left, 1);
    assert.equal(subscriber.queued, 0, 'what waited is dropped');
    assert.equal(frames.length, 2, 'the first payload, then the error');
    const error = JSON.parse(frames[1]!.data.toString());
    assert.equal(error.id, '7');
    assert.equal(error.type, 'error');
    assert.equal(error.payload[0].extensions.code, 'SUBSCRIBER_TOO_SLOW');
  });

  it('ends its iteration and leaves its group when closed, and writes nothing more', async () => {
    const { socket, frames } = fakeSocket();
    let left = 0;
    const subscriber = new WebSocketSubscriber(socket, '1', 10, () => left++);
    const pending = subscriber.next();
    await subscriber.return();
    assert.deepEqual(await pending, { value: undefined, done: true });
    subscriber.deliver(payload('A'));
    assert.equal(frames.length, 0);
    assert.equal(left, 1);
  });

  it('writes the payloads of one turn to a real socket in one system write, in order, and the next turn\'s in another', async () => {
    const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    try {
      await once(server, 'listening');
      const accepted = once(server, 'connection');
      const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
      const [serverSide] = (await accepted) as [WebSocket];
      await once(client, 'open');
      // Counts what reaches the TCP socket's write functions: one call per system write (a writev takes many chunks).
      const raw = (serverSide as unknown as { _socket: Socket & { _write: Function; _writev: Function } })._socket;
      let systemWrites = 0;
      for (const method of ['_write', '_writev'] as const) {
        const original = raw[method];
        raw[method] = function (this: unknown, ...args: unknown[]) {
          systemWrites++;
          return original.apply(this, args);
        };
      }
      const received: string[] = [];
      client.on('message', (data) => received.push(JSON.parse(data.toString()).payload.data.projectFinancialsChanged.project.id));
      const first = new WebSocketSubscriber(serverSide, '1', 10, () => undefined);
      const second = new WebSocketSubscriber(serverSide, '2', 10, () => undefined);
      for (const entity of ['A', 'B', 'C']) first.deliver(payload(entity));
      second.deliver(payload('D'));
      await new Promise((resolve) => setImmediate(resolve));
      assert.equal(systemWrites, 1, 'four payloads of one turn, two subscriptions of one connection: one write');
      first.deliver(payload('E'));
      await new Promise((resolve) => setImmediate(resolve));
      assert.equal(systemWrites, 2);
      while (received.length < 5) await once(client, 'message');
      assert.deepEqual(received, ['A', 'B', 'C', 'D', 'E']);
      assert.equal(first.peak, 0, 'nothing waited in a queue');
      client.close();
    } finally {
      for (const socket of server.clients) socket.terminate();
      server.close();
    }
  });
});
