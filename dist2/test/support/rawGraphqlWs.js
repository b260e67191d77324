"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.openRawGraphqlWs = openRawGraphqlWs;
/**
 * A graphql-transport-ws client at the message level, for what graphql-ws's
 * own client will not do: send messages out of order, look at every message
 * and close code, or stop reading its socket.
 */
const ws_1 = __importDefault(require("ws"));
const eventually_1 = require("./eventually");
async function openRawGraphqlWs(url) {
    const socket = new ws_1.default(url, 'graphql-transport-ws');
    const messages = [];
    socket.on('message', (data) => messages.push(JSON.parse(String(data))));
    const closed = new Promise((resolve) => {
        socket.once('close', (code, reason) => resolve({ code, reason: String(reason) }));
    });
    await new Promise((resolve, reject) => {
        socket.once('open', () => resolve());
        socket.once('error', reject);
    });
    socket.on('error', () => undefined); // reported through `closed`
    const client = {
        socket,
        messages,
        closed,
        send: (message) => socket.send(typeof message === 'string' ? message : JSON.stringify(message)),
        async init() {
            client.send({ type: 'connection_init' });
            await client.waitFor('connection_ack', (m) => m.type === 'connection_ack');
        },
        async waitFor(what, match, timeoutMs = 60_000) {
            let found;
            await (0, eventually_1.eventually)(what, () => (found = messages.find(match)) !== undefined, { timeoutMs, describe: () => `${messages.length} messages, the last ${JSON.stringify(messages.at(-1))?.slice(0, 300)}` });
            return found;
        },
        async terminate() {
            socket.terminate();
            await closed;
        },
    };
    return client;
}
//# sourceMappingURL=rawGraphqlWs.js.map