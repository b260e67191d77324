/**
 * The bounds every HTTP server of the hub applies (http/serverLimits.ts):
 * a client that sends its headers or its body too slowly is cut with 408
 * within the timeout (not node's 300 s), one that opens too many connections
 * is answered 429 / 503 at once, and the server keeps answering other
 * clients all along.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { applyServerLimits, type ConnectionCounts } from '../../http/serverLimits';
import { eventually } from '../support/eventually';

const LIMITS = { headersTimeoutMs: 1_000, requestTimeoutMs: 1_500, idleTimeoutMs: 1_000, connectionsPerPort: 6, connectionsPerClient: 4 };

/** Sends `text` on a raw connection and resolves with everything the server sent until it closed, and when. */
function rawExchange(port: number, text: string, keepSending?: (socket: net.Socket) => void): Promise<{ answer: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write(text);
      keepSending?.(socket);
    });
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve({ answer, ms: performance.now() - started }));
    setTimeout(() => reject(new Error(`no close after 20 s; got ${JSON.stringify(answer)}`)), 20_000).unref();
  });
}

async function normalRequest(port: number): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: 'hello', signal: AbortSignal.timeout(10_000) });
  await response.text();
  return response.status;
}

describe('the bounds of a hub HTTP server', () => {
  let server: http.Server;
  let port: number;
  let counts: ConnectionCounts;

  before(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => res.end(`read ${Buffer.concat(chunks).length} bytes`));
    });
    counts = applyServerLimits(server, LIMITS);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('cuts a client whose headers never end with 408 within the headers timeout', async () => {
    const { answer, ms } = await rawExchange(port, 'POST / HTTP/1.1\r\nHost: x\r\n');
    assert.match(answer, /^HTTP\/1\.1 408 /);
    assert.match(answer, /\r\n\r\n\{"error":\{"code":"REQUEST_TIMEOUT","message":"expected the request's headers within 1 s and all of it within 1\.5 s/);
    assert.ok(ms < 5_000, `cut after ${Math.round(ms)} ms`);
    assert.equal(await normalRequest(port), 200);
  });

  it('cuts a body that trickles in for longer than the request timeout with 408', async () => {
    let trickle: NodeJS.Timeout | undefined;
    const { answer, ms } = await rawExchange(port, 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\n\r\n', (socket) => {
      trickle = setInterval(() => socket.write('x'), 100);
    });
    clearInterval(trickle);
    assert.match(answer, /^HTTP\/1\.1 408 /);
    assert.ok(ms < 6_000, `cut after ${Math.round(ms)} ms`);
    assert.equal(await normalRequest(port), 200);
  });

  it('answers headers too large (431) and bytes that are no HTTP (400) with a JSON body saying what was expected', async () => {
    const big = await rawExchange(port, `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(http.maxHeaderSize)}\r\n\r\n`);
    assert.match(big.answer, /^HTTP\/1\.1 431 /);
    assert.equal(JSON.parse(big.answer.split('\r\n\r\n')[1]!).error.code, 'HEADERS_TOO_LARGE');
    const junk = await rawExchange(port, 'GE T / HTTP/1.1\r\nHost: x\r\n\r\n');
    assert.match(junk.answer, /^HTTP\/1\.1 400 /);
    assert.match(JSON.parse(junk.answer.split('\r\n\r\n')[1]!).error.message, /^expected an HTTP\/1\.1 request, got bytes that do not parse as one/);
    assert.equal(await normalRequest(port), 200);
  });

  it('closes a kept-alive connection left idle', async () => {
    const { answer, ms } = await rawExchange(port, 'GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    assert.match(answer, /^HTTP\/1\.1 200 /);
    assert.ok(ms < 6_000, `closed after ${Math.round(ms)} ms`);
  });

  it('answers a connection past the cap per client with 429 and Retry-After, and takes one again once one closes', async () => {
    const held: net.Socket[] = [];
    for (let i = 0; i < LIMITS.connectionsPerClient; i++) {
      held.push(await new Promise<net.Socket>((resolve) => { const s = net.connect(port, '127.0.0.1', () => resolve(s)); }));
    }
    await eventually('the held connections to be counted', () => counts.of('127.0.0.1') === LIMITS.connectionsPerClient);
    const { answer } = await rawExchange(port, 'GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    assert.match(answer, /^HTTP\/1\.1 429 Too Many Requests\r\n/);
    assert.match(answer, /retry-after: 1/);
    assert.match(answer, /"code":"TOO_MANY_CONNECTIONS"/);
    assert.match(answer, /at most 4 open connections from one client address/);
    held.pop()!.destroy();
    await eventually('the closed connection to be uncounted', () => counts.of('127.0.0.1') < LIMITS.connectionsPerClient);
    assert.equal(await normalRequest(port), 200);
    for (const socket of held) socket.destroy();
    await eventually('every connection to be uncounted', () => counts.open() === 0);
  });
});
