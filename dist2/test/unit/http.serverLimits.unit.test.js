"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * The bounds every HTTP server of the hub applies (http/serverLimits.ts):
 * a client that sends its headers or its body too slowly is cut with 408
 * within the timeout (not node's 300 s), one that opens too many connections
 * is answered 429 / 503 at once, and the server keeps answering other
 * clients all along.
 */
const strict_1 = __importDefault(require("node:assert/strict"));
const node_http_1 = __importDefault(require("node:http"));
const node_net_1 = __importDefault(require("node:net"));
const node_test_1 = require("node:test");
const serverLimits_1 = require("../../http/serverLimits");
const LIMITS = { headersTimeoutMs: 1_000, requestTimeoutMs: 1_500, idleTimeoutMs: 1_000, connectionsPerPort: 6, connectionsPerClient: 4 };
/** Sends `text` on a raw connection and resolves with everything the server sent until it closed, and when. */
function rawExchange(port, text, keepSending) {
    return new Promise((resolve, reject) => {
        const started = performance.now();
        const socket = node_net_1.default.connect(port, '127.0.0.1', () => {
            socket.write(text);
            keepSending?.(socket);
        });
        let answer = '';
        socket.setEncoding('utf8');
        socket.on('data', (chunk) => (answer += chunk));
        socket.on('error', () => undefined);
        socket.on('close', () => resolve({ answer, ms: performance.now() - started }));
        setTimeout(() => reject(new Error(`no close after 20 s; got ${JSON.stringify(answer)}`)), 20_000).unref();
    });
}
async function normalRequest(port) {
    const response = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: 'hello', signal: AbortSignal.timeout(10_000) });
    await response.text();
    return response.status;
}
(0, node_test_1.describe)('the bounds of a hub HTTP server', () => {
    let server;
    let port;
    let counts;
    (0, node_test_1.before)(async () => {
        server = node_http_1.default.createServer((req, res) => {
            const chunks = [];
            req.on('data', (chunk) => chunks.push(chunk));
            req.on('end', () => res.end(`read ${Buffer.concat(chunks).length} bytes`));
        });
        counts = (0, serverLimits_1.applyServerLimits)(server, LIMITS);
        await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
        port = server.address().port;
    });
    (0, node_test_1.after)(async () => {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
    });
    (0, node_test_1.it)('cuts a client whose headers never end with 408 within the headers timeout', async () => {
        const { answer, ms } = await rawExchange(port, 'POST / HTTP/1.1\r\nHost: x\r\n');
        strict_1.default.match(answer, /^HTTP\/1\.1 408 /);
        strict_1.default.ok(ms < 5_000, `cut after ${Math.round(ms)} ms`);
        strict_1.default.equal(await normalRequest(port), 200);
    });
    (0, node_test_1.it)('cuts a body that trickles in for longer than the request timeout with 408', async () => {
        let trickle;
        const { answer, ms } = await rawExchange(port, 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\n\r\n', (socket) => {
            trickle = setInterval(() => socket.write('x'), 100);
        });
        clearInterval(trickle);
        strict_1.default.match(answer, /^HTTP\/1\.1 408 /);
        strict_1.default.ok(ms < 6_000, `cut after ${Math.round(ms)} ms`);
        strict_1.default.equal(await normalRequest(port), 200);
    });
    (0, node_test_1.it)('closes a kept-alive connection left idle', async () => {
        const { answer, ms } = await rawExchange(port, 'GET / HTTP/1.1\r\nHost: x\r\n\r\n');
        strict_1.default.match(answer, /^HTTP\/1\.1 200 /);
        strict_1.default.ok(ms < 6_000, `closed after ${Math.round(ms)} ms`);
    });
    (0, node_test_1.it)('answers a connection past the cap per client with 429 and Retry-After, and takes one again once one closes', async () => {
        const held = [];
        for (let i = 0; i < LIMITS.connectionsPerClient; i++) {
            held.push(await new Promise((resolve) => { const s = node_net_1.default.connect(port, '127.0.0.1', () => resolve(s)); }));
        }
        await waitFor(() => counts.of('127.0.0.1') === LIMITS.connectionsPerClient);
        const { answer } = await rawExchange(port, 'GET / HTTP/1.1\r\nHost: x\r\n\r\n');
        strict_1.default.match(answer, /^HTTP\/1\.1 429 Too Many Requests\r\n/);
        strict_1.default.match(answer, /retry-after: 1/);
        strict_1.default.match(answer, /"code":"TOO_MANY_CONNECTIONS"/);
        strict_1.default.match(answer, /at most 4 open connections from one client address/);
        held.pop().destroy();
        await waitFor(() => counts.of('127.0.0.1') < LIMITS.connectionsPerClient);
        strict_1.default.equal(await normalRequest(port), 200);
        for (const socket of held)
            socket.destroy();
        await waitFor(() => counts.open() === 0);
    });
});
async function waitFor(condition) {
    for (let i = 0; i < 200 && !condition(); i++)
        await new Promise((resolve) => setTimeout(resolve, 25));
    strict_1.default.ok(condition(), 'the condition came true');
}
//# sourceMappingURL=http.serverLimits.unit.test.js.map