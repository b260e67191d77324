import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LiveChange } from '../../live/changeFeed';
import { ChangeQueue } from '../../live/changeQueue';

let next = 0;
const change = (entityId: string, kind: LiveChange['kind'] = 'invoice'): LiveChange => ({
  changeId: String(++next), kind, entityId, projectId: 'P1', accountId: 'A1', customerId: 'A1',
  eventType: 'ps.billing.invoice.posted', eventId: `e${next}`, at: '2026-03-02T10:00:00.000Z',
});

async function drain(queue: ChangeQueue, count: number): Promise<LiveChange[]> {
  const out: LiveChange[] = [];
  for (let i = 0; i < count; i++) out.push((await queue.next()).value as LiveChange);
  return out;
}

describe('a subscriber change queue', () => {
  it('hands a change straight to a waiting reader', async () => {
    const queue = new ChangeQueue(2);
    const pending = queue.next();
    const c = change('I1');
    queue.push(c);
    assert.equal((await pending).value, c);
  });
  it('keeps every change below its capacity, in order', async () => {
    const queue = new ChangeQueue(5);
    const pushed = [change('I1'), change('I1'), change('I2')];
    pushed.forEach((c) => queue.push(c));
    assert.deepEqual(await drain(queue, 3), pushed);
  });
  it('coalesces an entity into its latest change when full, never dropping a final state', async () => {
    const queue = new ChangeQueue(3);
    const [a1, b1, c1, a2, d1, b2] = [change('A'), change('B'), change('C'), change('A'), change('D'), change('B')];
    [a1, b1, c1, a2, d1, b2].forEach((c) => queue.push(c));
    // a2 replaced a1; d1 had no queued change to replace and is kept; b2 replaced b1.
    assert.deepEqual((await drain(queue, queue.length)).map((c) => c.changeId), [c1, a2, d1, b2].map((c) => c.changeId));
    assert.equal(queue.coalesced, 2);
    assert.equal(queue.peak, 4, 'the most it held: capacity + one entity not queued before');
  });
  it('tells entities of different kinds apart', async () => {
    const queue = new ChangeQueue(1);
    const invoice = change('X', 'invoice');
    const project = change('X', 'project');
    queue.push(invoice);
    queue.push(project);
    assert.equal(queue.length, 2);
  });
  it('ends the iteration and unsubscribes when closed', async () => {
    let unsubscribed = 0;
    const queue = new ChangeQueue(2, () => unsubscribed++);
    const pending = queue.next();
    await queue.return();
    assert.deepEqual(await pending, { value: undefined, done: true });
    queue.push(change('I1'));
    assert.equal(queue.length, 0);
    assert.equal(unsubscribed, 1);
  });
});
