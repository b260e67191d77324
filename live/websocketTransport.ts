/**
 * graphql-ws (`graphql-transport-ws` protocol) on an existing HTTP server's
 * path: `ws` sockets, each a {@link GraphqlWsConnection} around
 * {@link LiveOperations}.
 *
 * With thousands of sockets, what each one holds counts: a socket keeps no
 * upgrade request and no timer of its own (one keep-alive sweep pings them all).
 */
import type { Server } from 'node:http';
import { CloseCode, handleProtocols } from 'graphql-ws';
import WebSocket, { WebSocketServer } from 'ws';
import { AccessError } from '../access/accessError';
import { NO_AUDIT } from '../access/auditLog';
import { Doors } from '../access/doors';
import { graphqlRefusalBody } from '../access/graphqlRefusal';
import { GraphqlWsConnection, type ConnectionLimits } from './graphqlWsConnection';
import type { LiveOperations } from './operations';

export interface WebSocketTransport {
  /** Open sockets (for tests and metrics). */
  readonly clients: () => number;
  close(): Promise<void>;
}

export interface WebSocketTransportOptions {
  /** Ping interval, and how long a pong may take before the socket is dropped (default 12 s, graphql-ws's). */
  keepAliveMs?: number;
  /** The largest message a client may send, in bytes: a larger frame closes the socket with 1009 (default 1 MiB, the HTTP body limit). */
  maxPayloadBytes?: number;
  /** Per connection: operations open at once, and bytes left unread. */
  connectionLimits?: ConnectionLimits;
  /**
   * Host and origin of each upgrade (403 before any socket exists), then the
   * token of each connection's `connection_init` (access/doors.ts). Default: open.
   */
  doors?: Doors;
  /** Where an error of the server's own goes (default stderr). */
  log?: { error(message: string): void };
}

const isProduction = process.env.NODE_ENV === 'production';

/** Closes a socket after an error of the server's own, saying what failed outside production (as graphql-ws's adapter does). */
function closeOnInternalError(socket: WebSocket, error: unknown): void {
  const reason = isProduction ? '' : error instanceof Error ? error.message : String(error);
  // A close reason must fit in a control frame (123 bytes).
  socket.close(CloseCode.InternalServerError, reason !== '' && Buffer.byteLength(reason) < 124 ? reason : 'Internal server error');
}

type ErrorLog = (message: string) => void;

const stderrLog: ErrorLog = (message) => process.stderr.write(`${message}\n`);

const detail = (error: unknown) => (error instanceof Error ? error.stack ?? error.message : String(error));

function onSocketError(socket: WebSocket, error: Error, log: ErrorLog): void {
  // A frame the client should not have sent (too large, malformed): ws has closed the socket with the
  // protocol's code (1009 for a message over maxPayload, 1002 otherwise); the client's fault, not ours.
  if (String((error as { code?: unknown }).code).startsWith('WS_ERR_')) return;
  log(`live: an error on a WebSocket: ${detail(error)}`);
  closeOnInternalError(socket, error);
}

async function receive(socket: WebSocket, connection: GraphqlWsConnection, data: string, log: ErrorLog): Promise<void> {
  try {
    await connection.receive(data);
  } catch (error) {
    log(`live: a graphql-ws message failed: ${detail(error)}`);
    closeOnInternalError(socket, error);
  }
}

export function attachWebSocketTransport(
  server: Server, path: string, operations: LiveOperations, options: WebSocketTransportOptions = {},
): WebSocketTransport {
  const keepAliveMs = options.keepAliveMs ?? 12_000;
  const doors = options.doors ?? Doors.open(NO_AUDIT);
  const wss = new WebSocketServer({
    server, path, handleProtocols,
    // ws reads frames of up to 100 MiB by default: far around the HTTP body limit.
    maxPayload: options.maxPayloadBytes ?? 1024 * 1024,
    // A page of another site may open a WebSocket to the hub (CORS does not apply): its Origin says so.
    verifyClient: ({ req }, accept) => {
      try {
        doors.frontOfStream(req, 'graphql-ws');
        accept(true);
      } catch (error) {
        if (!(error instanceof AccessError)) throw error;
        // As the HTTP path answers it (JSON with the code), not ws's default text/html page quoting the client's Origin or Host.
        accept(false, error.status, graphqlRefusalBody(error), { ...error.headers(), 'Content-Type': 'application/json; charset=utf-8' });
      }
    },
  });
  const log: ErrorLog = options.log ? (message) => options.log!.error(message) : stderrLog;
  wss.once('error', (error) => {
    log(`live: the WebSocket server failed: ${detail(error)}`);
    for (const client of wss.clients) closeOnInternalError(client, error);
  });

  wss.on('connection', (socket, req) => {
    socket.once('error', (error) => onSocketError(socket, error, log));
    socket.on('pong', onPong);
    // Of the upgrade request only what admitting the connection needs is kept.
    const connection = new GraphqlWsConnection(socket, operations, { doors, authorization: req.headers.authorization, client: req.socket.remoteAddress }, options.connectionLimits);
    socket.on('message', (data) => void receive(socket, connection, String(data), log));
    socket.once('close', () => {
      awaitingPong.delete(socket);
      connection.closed();
    });
  });

  // Keep-alive, as graphql-ws's adapter does it but in one sweep: each open
  // socket is pinged every keepAliveMs, and one whose pong has not come by
  // the next sweep is dropped.
  const awaitingPong = new WeakSet<WebSocket>();
  function onPong(this: WebSocket): void {
    awaitingPong.delete(this);
  }
  const keepAlive = keepAliveMs > 0 && Number.isFinite(keepAliveMs) ? setInterval(() => {
    for (const socket of wss.clients) {
      if (socket.readyState !== WebSocket.OPEN) continue;
      if (awaitingPong.has(socket)) {
        socket.terminate();
        continue;
      }
      awaitingPong.add(socket);
      socket.ping();
    }
  }, keepAliveMs) : undefined;

  return {
    clients: () => wss.clients.size,
    async close() {
      clearInterval(keepAlive);
      for (const client of wss.clients) client.close(1001, 'Going away');
      wss.removeAllListeners();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
