"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * A subscription ends when its token expires (docs/api.md, "Access"): the
 * graphql-ws connection closes with 4403, the graphql-sse stream ends.
 */
const strict_1 = __importDefault(require("node:assert/strict"));
const node_http_1 = __importDefault(require("node:http"));
const node_test_1 = require("node:test");
const ws_1 = __importDefault(require("ws"));
const accessHub_1 = require("../support/accessHub");
const tokens_1 = require("../support/tokens");
/** `promise`, or a failure once `ms` have passed (a connection the hub never ends must not hang the test). */
function within(promise, ms, what) {
    return Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms).unref())]);
}
const SUBSCRIPTION = 'subscription { invoiceStatusChanged { eventId } }';
(0, node_test_1.describe)('a subscription ends when its token expires', () => {
    let hub;
    (0, node_test_1.before)(async () => {
        hub = await (0, accessHub_1.startAccessHub)();
    });
    (0, node_test_1.after)(async () => {
        await hub.close();
    });
    (0, node_test_1.it)('graphql-ws: the connection closes with 4403 at the token\'s exp', async () => {
        const token = await (0, tokens_1.hs256)({ scope: 'graph:read', expiresIn: 3 });
        const expiresAt = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).exp * 1000;
        const socket = new ws_1.default(hub.wsUrl, 'graphql-transport-ws');
        const closed = new Promise((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: String(reason), at: Date.now() })));
        const messages = [];
        socket.on('message', (data) => messages.push(JSON.parse(String(data))));
        await new Promise((resolve) => socket.once('open', resolve));
        // The token from the upgrade request's Authorization header, when connection_init carries none.
        socket.send(JSON.stringify({ type: 'connection_init' }));
        const early = await Promise.race([closed, new Promise((resolve) => setTimeout(() => resolve('open'), 500))]);
        strict_1.default.notEqual(early, 'open', 'without a token anywhere the socket is closed');
        strict_1.default.equal(early.code, 4403);
        const authorized = new ws_1.default(hub.wsUrl, 'graphql-transport-ws', { headers: { authorization: `Bearer ${token}` } });
        const end = new Promise((resolve) => authorized.once('close', (code, reason) => resolve({ code, reason: String(reason), at: Date.now() })));
        const received = [];
        authorized.on('message', (data) => received.push(JSON.parse(String(data))));
        await new Promise((resolve) => authorized.once('open', resolve));
        authorized.send(JSON.stringify({ type: 'connection_init' }));
        await new Promise((resolve) => authorized.once('message', () => resolve()));
        strict_1.default.equal(received[0]?.type, 'connection_ack');
        authorized.send(JSON.stringify({ id: 's', type: 'subscribe', payload: { query: SUBSCRIPTION } }));
        const closedAt = await within(end, 8_000, 'the connection closed');
        strict_1.default.deepEqual(received.slice(1), [], 'the subscription ran, without an error, until the token expired');
        strict_1.default.equal(closedAt.code, 4403);
        strict_1.default.equal(closedAt.reason, 'Forbidden: the token has expired');
        strict_1.default.ok(closedAt.at >= expiresAt - 50 && closedAt.at < expiresAt + 2000, `closed ${closedAt.at - expiresAt} ms after exp`);
    });
    (0, node_test_1.it)('graphql-sse: the event stream ends at the token\'s exp', async () => {
        const token = await (0, tokens_1.hs256)({ scope: 'graph:read', expiresIn: 3 });
        const expiresAt = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).exp * 1000;
        const ended = await within(new Promise((resolve, reject) => {
            const request = node_http_1.default.request(hub.graphqlUrl, {
                method: 'POST', headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${token}` },
            }, (response) => {
                response.resume();
                response.once('end', () => resolve({ status: response.statusCode, at: Date.now() }));
            });
            request.on('error', reject);
            request.end(JSON.stringify({ query: SUBSCRIPTION }));
        }), 8_000, 'the event stream ended');
        strict_1.default.equal(ended.status, 200);
        strict_1.default.ok(ended.at >= expiresAt - 50 && ended.at < expiresAt + 2000, `ended ${ended.at - expiresAt} ms after exp`);
    });
});
//# sourceMappingURL=access.expiry.int.test.js.map