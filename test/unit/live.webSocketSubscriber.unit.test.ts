import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type WebSocket from 'ws';
import type { LiveChange } from '../../live/changeFeed';
import { SharedPayload } from '../../live/sharedPayload';
import { WebSocketSubscriber } from '../../live/webSocketSubscriber';

let next = 0;
const payload = (entityId: string): SharedPayload => {
  const change: LiveChange = {
    changeId: String(++next), kind: 'project', entityId, projectId: entityId, accountId: 'A1', customerId: 'A1',
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
});
