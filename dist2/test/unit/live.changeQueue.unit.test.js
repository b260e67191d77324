"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const changeQueue_1 = require("../../live/changeQueue");
const queuedSubscriber_1 = require("../../live/queuedSubscriber");
const sharedPayload_1 = require("../../live/sharedPayload");
let next = 0;
const payload = (entityId, kind = 'invoice') => {
    const change = {
        changeId: String(++next), kind, entityId, projectId: 'P1', accountId: 'A1', customerId: 'A1',
        eventType: 'ps.billing.invoice.posted', eventId: `e${next}`, at: '2026-03-02T10:00:00.000Z',
    };
    return new sharedPayload_1.SharedPayload(change, { data: { changeId: change.changeId } });
};
function drain(queue) {
    const out = [];
    for (let p = queue.shift(); p; p = queue.shift())
        out.push(p);
    return out;
}
(0, node_test_1.describe)('a subscriber change queue', () => {
    (0, node_test_1.it)('keeps every payload below its capacity, in order', () => {
        const queue = new changeQueue_1.ChangeQueue(5);
        const pushed = [payload('I1'), payload('I1'), payload('I2')];
        pushed.forEach((p) => queue.push(p));
        strict_1.default.deepEqual(drain(queue), pushed);
    });
    (0, node_test_1.it)('coalesces an entity into its latest change when full, never dropping a final state', () => {
        const queue = new changeQueue_1.ChangeQueue(3);
        const [a1, b1, c1, a2, d1, b2] = [payload('A'), payload('B'), payload('C'), payload('A'), payload('D'), payload('B')];
        [a1, b1, c1, a2, d1, b2].forEach((p) => queue.push(p));
        // a2 replaced a1; d1 had no queued change to replace and is kept; b2 replaced b1.
        strict_1.default.deepEqual(drain(queue).map((p) => p.change.changeId), [c1, a2, d1, b2].map((p) => p.change.changeId));
        strict_1.default.equal(queue.coalesced, 2);
        strict_1.default.equal(queue.peak, 4, 'the most it held: capacity + one entity not queued before');
    });
    (0, node_test_1.it)('says when the payloads it holds pass its byte bound, whatever the entities', () => {
        const one = payload('A').json.length;
        const queue = new changeQueue_1.ChangeQueue(100, 3 * one + 5);
        strict_1.default.equal(queue.push(payload('A')), true);
        strict_1.default.equal(queue.push(payload('B')), true);
        strict_1.default.equal(queue.push(payload('C')), true);
        strict_1.default.equal(queue.push(payload('D')), false, 'a fourth distinct entity is past the bound');
        queue.shift();
        queue.shift();
        strict_1.default.equal(queue.push(payload('E')), true, 'what was taken no longer counts');
    });
    (0, node_test_1.it)('tells entities of different kinds apart', () => {
        const queue = new changeQueue_1.ChangeQueue(1);
        queue.push(payload('X', 'invoice'));
        queue.push(payload('X', 'project'));
        strict_1.default.equal(queue.length, 2);
    });
});
(0, node_test_1.describe)('a pulled subscriber (graphql-sse)', () => {
    (0, node_test_1.it)('hands a payload straight to a waiting reader', async () => {
        const subscriber = new queuedSubscriber_1.QueuedSubscriber(2, () => undefined);
        const pending = subscriber.next();
        const p = payload('I1');
        subscriber.deliver(p);
        strict_1.default.equal((await pending).value, p.result);
        strict_1.default.equal(subscriber.peak, 0, 'nothing was queued');
    });
    (0, node_test_1.it)('queues what its reader has not asked for yet, in order', async () => {
        const subscriber = new queuedSubscriber_1.QueuedSubscriber(5, () => undefined);
        const delivered = [payload('I1'), payload('I2')];
        delivered.forEach((p) => subscriber.deliver(p));
        strict_1.default.equal(subscriber.queued, 2);
        strict_1.default.equal((await subscriber.next()).value, delivered[0].result);
        strict_1.default.equal((await subscriber.next()).value, delivered[1].result);
    });
    (0, node_test_1.it)('ends the iteration and leaves its group when closed', async () => {
        let left = 0;
        const subscriber = new queuedSubscriber_1.QueuedSubscriber(2, () => left++);
        const pending = subscriber.next();
        await subscriber.return();
        strict_1.default.deepEqual(await pending, { value: undefined, done: true });
        subscriber.deliver(payload('I1'));
        strict_1.default.equal(subscriber.queued, 0);
        strict_1.default.equal(left, 1);
    });
});
(0, node_test_1.describe)('a pulled subscriber past its byte bound', () => {
    (0, node_test_1.it)('leaves its group, drops what waits and ends with SUBSCRIBER_TOO_SLOW', async () => {
        let left = 0;
        const bound = payload('A').json.length * 2 + 5;
        const subscriber = new queuedSubscriber_1.QueuedSubscriber(100, () => left++, bound);
        for (const entity of ['A', 'B', 'C', 'D'])
            subscriber.deliver(payload(entity));
        strict_1.default.equal(left, 1, 'it left its group at the third payload');
        strict_1.default.equal(subscriber.queued, 0);
        const last = await subscriber.next();
        strict_1.default.equal(last.done, false);
        const errors = last.value.errors;
        strict_1.default.equal(errors[0].extensions.code, 'SUBSCRIBER_TOO_SLOW');
        strict_1.default.match(errors[0].message, new RegExp(`more than ${bound} bytes of changes unread`));
        strict_1.default.deepEqual(await subscriber.next(), { value: undefined, done: true });
    });
});
(0, node_test_1.describe)('a shared payload', () => {
    (0, node_test_1.it)('serializes once, as graphql-ws shapes a `next` payload', () => {
        const p = payload('I1');
        strict_1.default.equal(p.json.toString(), JSON.stringify(p.result));
        strict_1.default.equal(p.json, p.json, 'the same bytes for every subscriber');
    });
});
//# sourceMappingURL=live.changeQueue.unit.test.js.map