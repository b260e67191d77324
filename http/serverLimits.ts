/**
 * The bounds every HTTP server of the hub (ingest, gateway, each subgraph)
 * puts on its connections, so that no client can hold one without sending,
 * send a request for minutes, or open connections without end:
 *
 * - `headersTimeoutMs`: the request's headers must have arrived by then
 *   (node:http answers 408 and closes);
 * - `requestTimeoutMs`: the whole request, body included, must have arrived by
 *   then (408) — a slow or never-ending body is cut; a long response (an
 *   event stream) is not a request and is not cut;
 * - `idleTimeoutMs`: a kept-alive connection with no request is closed then;
 * - `connectionsPerPort` and `connectionsPerClient` (by remote address):
 *   a connection past either is answered `503` / `429` with `Retry-After`
 *   at once and closed, before anything is read from it.
 */
import { maxHeaderSize } from 'node:http';
import type http from 'node:http';
import type { Socket } from 'node:net';

export interface ServerLimits {
  readonly headersTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly idleTimeoutMs: number;
  readonly connectionsPerPort: number;
  readonly connectionsPerClient: number;
}

/** What a refused connection is told (the socket is closed after it). */
function refusal(status: 429 | 503, message: string): string {
  const body = JSON.stringify({ error: { code: status === 429 ? 'TOO_MANY_CONNECTIONS' : 'SERVER_BUSY', message } });
  return `HTTP/1.1 ${status} ${status === 429 ? 'Too Many Requests' : 'Service Unavailable'}\r\n`
    + `content-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nretry-after: 1\r\nconnection: close\r\n\r\n${body}`;
}

/**
 * What a request node:http cannot take is told, in place of node's bare
 * `400`/`408`/`431`: the same status, with a JSON body saying what was
 * expected (as every other refusal of the hub).
 */
function clientErrorAnswer(error: NodeJS.ErrnoException, limits: ServerLimits): string {
  const [status, text, code, message] = error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
    ? [408, 'Request Timeout', 'REQUEST_TIMEOUT', `expected the request's headers within ${limits.headersTimeoutMs / 1000} s and all of it within ${limits.requestTimeoutMs / 1000} s (HTTP_HEADERS_TIMEOUT_SECONDS, HTTP_REQUEST_TIMEOUT_SECONDS), got it more slowly`]
    : error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large', 'HEADERS_TOO_LARGE', `expected a request line and headers of at most ${maxHeaderSize} bytes, got more`]
      : [400, 'Bad Request', 'BAD_REQUEST', `expected an HTTP/1.1 request, got bytes that do not parse as one (${error.code ?? error.message})`];
  const body = JSON.stringify({ error: { code, message } });
  return `HTTP/1.1 ${status} ${text}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`;
}

export interface ConnectionCounts {
  /** Open connections of the server. */
  readonly open: () => number;
  /** Open connections of one client address. */
  readonly of: (address: string) => number;
}

/** Applies the limits to a server not yet listening; returns its connection counts (for tests and metrics). */
export function applyServerLimits(server: http.Server, limits: ServerLimits): ConnectionCounts {
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.idleTimeoutMs;
  // Node checks both timeouts every 30 s (its connectionsCheckingInterval), so a 408 comes up to 30 s after the
  // timeout. Checking more often is kept to timeouts under 10 s (tests): frequent checks cut kept-alive connections
  // of a loaded process under way.
  if (limits.headersTimeoutMs < 10_000) {
    (server as http.Server & { connectionsCheckingInterval?: number }).connectionsCheckingInterval = Math.max(250, limits.headersTimeoutMs / 4);
  }
  // As node's own answer does: only on a connection nothing was written to yet (never into a response under way).
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (socket.writable && socket.bytesWritten === 0 && error.code !== 'ECONNRESET') socket.write(clientErrorAnswer(error, limits));
    socket.destroy();
  });
  const perClient = new Map<string, number>();
  let open = 0;
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? 'unknown';
    const held = perClient.get(address) ?? 0;
    if (open >= limits.connectionsPerPort) {
      socket.end(refusal(503, `the server holds its most connections (${limits.connectionsPerPort}); try again shortly`));
      return;
    }
    if (held >= limits.connectionsPerClient) {
      socket.end(refusal(429, `expected at most ${limits.connectionsPerClient} open connections from one client address, got one more; reuse or close some`));
      return;
    }
    open++;
    perClient.set(address, held + 1);
    socket.once('close', () => {
      open--;
      const left = (perClient.get(address) ?? 1) - 1;
      if (left > 0) perClient.set(address, left);
      else perClient.delete(address);
    });
  });
  return { open: () => open, of: (address) => perClient.get(address) ?? 0 };
}
