"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_events_1 = require("node:events");
const node_test_1 = require("node:test");
const ws_1 = __importStar(require("ws"));
const sharedPayload_1 = require("../../live/sharedPayload");
const webSocketSubscriber_1 = require("../../live/webSocketSubscriber");
let next = 0;
const payload = (entityId) => {
    const change = {
        changeId: String(++next), kind: 'project', entityId, projectId: entityId, accountId: 'A1', customerId: 'A1',
        eventType: 'ps.project.expense.approved', eventId: `e${next}`, at: '2026-03-02T10:00:00.000Z',
    };
    return new sharedPayload_1.SharedPayload(change, { data: { projectFinancialsChanged: { eventId: change.eventId, project: { id: entityId } } } });
};
/** A socket that records frames and completes a write only when told; `bufferedAmount` > 0: what it was given waits in userland. */
function fakeSocket(bufferedAmount = 1) {
    const frames = [];
    const callbacks = [];
    const socket = {
        readyState: 1,
        bufferedAmount,
        send(data, options, callback) {
            frames.push({ data, binary: options.binary });
            callbacks.push(callback);
        },
    };
    return { socket: socket, frames, written: () => callbacks.shift()() };
}
(0, node_test_1.describe)('a graphql-ws subscriber that writes to its socket', () => {
    (0, node_test_1.it)('sends each payload as a graphql-transport-ws `next` text message for its id', () => {
        const { socket, frames } = fakeSocket();
        const subscriber = new webSocketSubscriber_1.WebSocketSubscriber(socket, 'sub-"1"', 10, () => undefined);
        const p = payload('P1');
        subscriber.deliver(p);
        strict_1.default.equal(frames.length, 1);
        strict_1.default.equal(frames[0].binary, false);
        strict_1.default.deepEqual(JSON.parse(frames[0].data.toString()), { id: 'sub-"1"', type: 'next', payload: p.result });
    });
    (0, node_test_1.it)('writes the next payload only once the last is written, queueing meanwhile in order', () => {
        const { socket, frames, written } = fakeSocket();
        const subscriber = new webSocketSubscriber_1.WebSocketSubscriber(socket, '1', 10, () => undefined);
        const [a, b, c] = [payload('A'), payload('B'), payload('C')];
        [a, b, c].forEach((p) => subscriber.deliver(p));
        strict_1.default.equal(frames.length, 1);
        strict_1.default.equal(subscriber.queued, 2);
        written();
        written();
        strict_1.default.deepEqual(frames.map((f) => JSON.parse(f.data.toString()).payload), [a.result, b.result, c.result]);
        strict_1.default.equal(subscriber.queued, 0);
        strict_1.default.equal(subscriber.peak, 2);
    });
    (0, node_test_1.it)('writes a burst at once while the kernel takes everything (a write\'s callback comes only on the next tick)', () => {
        const { socket, frames } = fakeSocket(0);
        const subscriber = new webSocketSubscriber_1.WebSocketSubscriber(socket, '1', 2, () => undefined);
        for (const entity of ['A', 'B', 'C', 'D'])
            subscriber.deliver(payload(entity));
        strict_1.default.equal(frames.length, 4);
        strict_1.default.equal(subscriber.peak, 0, 'nothing waited');
    });
    (0, node_test_1.it)('coalesces what waits for a socket that is not read, beyond its capacity', () => {
        const { socket, frames } = fakeSocket();
        const subscriber = new webSocketSubscriber_1.WebSocketSubscriber(socket, '1', 2, () => undefined);
        for (const entity of ['A', 'B', 'C', 'A', 'B'])
            subscriber.deliver(payload(entity));
        strict_1.default.equal(frames.length, 1, 'only the first was written');
        strict_1.default.equal(subscriber.coalesced, 1);
        strict_1.default.equal(subscriber.queued, 3);
    });
    (0, node_test_1.it)('ends with an `error` SUBSCRIBER_TOO_SLOW and leaves its group once more than its byte bound waits', () => {
        const { socket, frames } = fakeSocket();
        let left = 0;
        const bound = payload('A').json.length * 2 + 5;
        const subscriber = new webSocketSubscriber_1.WebSocketSubscriber(socket, '7', 100, () => left++, bound);
        for (const entity of ['A', 'B', 'C', 'D', 'E'])
            subscriber.deliver(payload(entity));
        strict_1.default.equal(left, 1);
        strict_1.default.equal(subscriber.queued, 0, 'what waited is dropped');
        strict_1.default.equal(frames.length, 2, 'the first payload, then the error');
        const error = JSON.parse(frames[1].data.toString());
        strict_1.default.equal(error.id, '7');
        strict_1.default.equal(error.type, 'error');
        strict_1.default.equal(error.payload[0].extensions.code, 'SUBSCRIBER_TOO_SLOW');
    });
    (0, node_test_1.it)('ends its iteration and leaves its group when closed, and writes nothing more', async () => {
        const { socket, frames } = fakeSocket();
        let left = 0;
        const subscriber = new webSocketSubscriber_1.WebSocketSubscriber(socket, '1', 10, () => left++);
        const pending = subscriber.next();
        await subscriber.return();
        strict_1.default.deepEqual(await pending, { value: undefined, done: true });
        subscriber.deliver(payload('A'));
        strict_1.default.equal(frames.length, 0);
        strict_1.default.equal(left, 1);
    });
    (0, node_test_1.it)('writes the payloads of one turn to a real socket in one system write, in order, and the next turn\'s in another', async () => {
        const server = new ws_1.WebSocketServer({ port: 0, host: '127.0.0.1' });
        try {
            await (0, node_events_1.once)(server, 'listening');
            const accepted = (0, node_events_1.once)(server, 'connection');
            const client = new ws_1.default(`ws://127.0.0.1:${server.address().port}`);
            const [serverSide] = (await accepted);
            await (0, node_events_1.once)(client, 'open');
            // Counts what reaches the TCP socket's write functions: one call per system write (a writev takes many chunks).
            const raw = serverSide._socket;
            let systemWrites = 0;
            for (const method of ['_write', '_writev']) {
                const original = raw[method];
                raw[method] = function (...args) {
                    systemWrites++;
                    return original.apply(this, args);
                };
            }
            const received = [];
            client.on('message', (data) => received.push(JSON.parse(data.toString()).payload.data.projectFinancialsChanged.project.id));
            const first = new webSocketSubscriber_1.WebSocketSubscriber(serverSide, '1', 10, () => undefined);
            const second = new webSocketSubscriber_1.WebSocketSubscriber(serverSide, '2', 10, () => undefined);
            for (const entity of ['A', 'B', 'C'])
                first.deliver(payload(entity));
            second.deliver(payload('D'));
            await new Promise((resolve) => setImmediate(resolve));
            strict_1.default.equal(systemWrites, 1, 'four payloads of one turn, two subscriptions of one connection: one write');
            first.deliver(payload('E'));
            await new Promise((resolve) => setImmediate(resolve));
            strict_1.default.equal(systemWrites, 2);
            while (received.length < 5)
                await (0, node_events_1.once)(client, 'message');
            strict_1.default.deepEqual(received, ['A', 'B', 'C', 'D', 'E']);
            strict_1.default.equal(first.peak, 0, 'nothing waited in a queue');
            client.close();
        }
        finally {
            for (const socket of server.clients)
                socket.terminate();
            server.close();
        }
    });
});
//# sourceMappingURL=live.webSocketSubscriber.unit.test.js.map