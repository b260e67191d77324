import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LiveChange } from '../../live/changeFeed';
import { ChangeQueue } from '../../live/changeQueue';
import { QueuedSubscriber } from '../../live/queuedSubscriber';
import { SharedPayload } from '../../live/sharedPayload';

let next = 0;
const payload = (entityId: string, kind: LiveChange['kind'] = 'invoice'): SharedPayload => {
  const change: LiveChange = {
    changeId: String(++next), kind, entityId, projectId: 'P1', accountId: 'A1', customerId: 'A1', legalEntityId: 'LE-1',
    eventType: 'ps.billing.invoice.posted', eventId: `e${next}`, at: '2026-03-02T10:00:00.000Z',
  };
  return new SharedPayload(change, { data: { changeId: change.changeId } });
};

function drain(queue: ChangeQueue): SharedPayload[] {
  const out: SharedPayload[] = [];
  for (let p = queue.shift(); p; p = queue.shift()) out.push(p);
  return out;
}

describe('a subscriber change queue', () => {
  it('keeps every payload below its capacity, in order', () => {
    const queue = new ChangeQueue(5);
    const pushed = [payload('I1'), payload('I1'), payload('I2')];
    pushed.forEach((p) => queue.push(p));
    assert.deepEqual(drain(queue), pushed);
  });
  it('coalesces an entity into its latest change when full, never dropping a final state', () => {
    const queue = new ChangeQueue(3);
    const [a1, b1, c1, a2, d1, b2] = [payload('A'), payload('B'), payload('C'), payload('A'), payload('D'), payload('B')];
    [a1, b1, c1, a2, d1, b2].forEach((p) => queue.push(p));
    // a2 replaced a1; d1 had no queued change to replace and is kept; b2 replaced b1.
    assert.deepEqual(drain(queue).map((p) => p.change.changeId), [c1, a2, d1, b2].map((p) => p.change.changeId));
    assert.equal(queue.coalesced, 2);
    assert.equal(queue.peak, 4, 'the most it held: capacity + one entity not queued before');
  });
  it('says when the payloads it holds pass its byte bound, whatever the entities', () => {
    const one = payload('A').json.length;
    const queue = new ChangeQueue(100, 3 * one + 5);
    assert.equal(queue.push(payload('A')), true);
    assert.equal(queue.push(payload('B')), true);
    assert.equal(queue.push(payload('C')), true);
    assert.equal(queue.push(payload('D')), false, 'a fourth distinct entity is past the bound');
    queue.shift();
    queue.shift();
    assert.equal(queue.push(payload('E')), true, 'what was taken no longer counts');
  });
  it('tells entities of different kinds apart', () => {
    const queue = new ChangeQueue(1);
    queue.push(payload('X', 'invoice'));
    queue.push(payload('X', 'project'));
    assert.equal(queue.length, 2);
  });
});

describe('a pulled subscriber (graphql-sse)', () => {
  it('hands a payload straight to a waiting reader', async () => {
    const subscriber = new QueuedSubscriber(2, () => undefined);
    const pending = subscriber.next();
    const p = payload('I1');
    subscriber.deliver(p);
    assert.equal((await pending).value, p.result);
    assert.equal(subscriber.peak, 0, 'nothing was queued');
  });
  it('queues what its reader has not asked for yet, in order', async () => {
    const subscriber = new QueuedSubscriber(5, () => undefined);
    const delivered = [payload('I1'), payload('I2')];
    delivered.forEach((p) => subscriber.deliver(p));
    assert.equal(subscriber.queued, 2);
    assert.equal((await subscriber.next()).value, delivered[0]!.result);
    assert.equal((await subscriber.next()).value, delivered[1]!.result);
  });
  it('ends the iteration and leaves its group when closed', async () => {
    let left = 0;
    const subscriber = new QueuedSubscriber(2, () => left++);
    const pending = subscriber.next();
    await subscriber.return();
    assert.deepEqual(await pending, { value: undefined, done: true });
    subscriber.deliver(payload('I1'));
    assert.equal(subscriber.queued, 0);
    assert.equal(left, 1);
  });
});

describe('a pulled subscriber past its byte bound', () => {
  it('leaves its group, drops what waits and ends with SUBSCRIBER_TOO_SLOW', async () => {
    let left = 0;
    const bound = payload('A').json.length * 2 + 5;
    const subscriber = new QueuedSubscriber(100, () => left++, bound);
    for (const entity of ['A', 'B', 'C', 'D']) subscriber.deliver(payload(entity));
    assert.equal(left, 1, 'it left its group at the third payload');
    assert.equal(subscriber.queued, 0);
    const last = await subscriber.next();
    assert.equal(last.done, false);
    const errors = last.value!.errors!;
    assert.equal(errors[0]!.extensions.code, 'SUBSCRIBER_TOO_SLOW');
    assert.match(errors[0]!.message, new RegExp(`more than ${bound} bytes of changes unread`));
    assert.deepEqual(await subscriber.next(), { value: undefined, done: true });
  });
});

describe('a shared payload', () => {
  it('serializes once, as graphql-ws shapes a `next` payload', () => {
    const p = payload('I1');
    assert.equal(p.json.toString(), JSON.stringify(p.result));
    assert.equal(p.json, p.json, 'the same bytes for every subscriber');
  });
});
