/**
 * graphql-ws (`graphql-transport-ws` protocol) on an existing HTTP server's
 * path: graphql-ws's protocol core (`makeServer`: handshake, ping/pong,
 * subscribe/complete, close codes) on `ws` sockets, a thin adapter around
 * {@link LiveOperations}.
 *
 * Why not graphql-ws's own `useServer` adapter: a subscription's payloads are
 * written to the socket by its {@link WebSocketSubscriber} (one shared
 * payload, copied per subscriber), not by graphql-ws's per-result
 * serialization; and with thousands of sockets, what each one holds counts:
 * here a socket keeps no upgrade request and no timer of its own (one
 * keep-alive sweep pings them all).
 */
import type { Server } from 'node:http';
import { CloseCode, handleProtocols, makeServer } from 'graphql-ws';
import WebSocket, { WebSocketServer } from 'ws';
import type { LiveOperations } from './operations';
import { WebSocketSubscriber } from './webSocketSubscriber';

export interface WebSocketTransport {
  /** Open sockets (for tests and metrics). */
  readonly clients: () => number;
  close(): Promise<void>;
}

export interface WebSocketTransportOptions {
  /** Ping interval, and how long a pong may take before the socket is dropped (default 12 s, graphql-ws's). */
  keepAliveMs?: number;
}

interface Extra { readonly socket: WebSocket }

const isProduction = process.env.NODE_ENV === 'production';

/** Closes a socket after an error of the server's own, saying what failed outside production (as graphql-ws's adapter does). */
function closeOnInternalError(socket: WebSocket, error: unknown): void {
  const reason = isProduction ? '' : error instanceof Error ? error.message : String(error);
  // A close reason must fit in a control frame (123 bytes).
  socket.close(CloseCode.InternalServerError, reason !== '' && Buffer.byteLength(reason) < 124 ? reason : 'Internal server error');
}

function onSocketError(this: WebSocket, error: Error): void {
  console.error('Internal error emitted on a WebSocket socket.', error);
  closeOnInternalError(this, error);
}

async function handleMessage(socket: WebSocket, handle: (data: string) => Promise<void>, text: string): Promise<void> {
  try {
    await handle(text);
  } catch (error) {
    console.error('Internal error occurred during message handling.', error);
    closeOnInternalError(socket, error);
  }
}

export function attachWebSocketTransport(
  server: Server, path: string, operations: LiveOperations, options: WebSocketTransportOptions = {},
): WebSocketTransport {
  const keepAliveMs = options.keepAliveMs ?? 12_000;
  const protocol = makeServer<Record<string, unknown> | undefined, Extra>({
    schema: operations.schema,
    onSubscribe: (ctx, id, payload) => {
      const { socket } = ctx.extra;
      const prepared = operations.prepare(payload, (capacity, onClose) => new WebSocketSubscriber(socket, id, capacity, onClose));
      return Array.isArray(prepared) ? [...prepared] : prepared;
    },
    execute: (args) => operations.execute(args),
    subscribe: (args) => operations.subscribe(args),
  });
  const wss = new WebSocketServer({ server, path, handleProtocols });
  wss.once('error', (error) => {
    console.error('Internal error emitted on the WebSocket server.', error);
    for (const client of wss.clients) closeOnInternalError(client, error);
  });

  wss.on('connection', (socket) => {
    socket.once('error', onSocketError);
    socket.on('pong', onPong);
    const closed = protocol.opened({
      protocol: socket.protocol,
      send: (data) => new Promise<void>((resolve, reject) => {
        if (socket.readyState !== WebSocket.OPEN) return resolve();
        socket.send(data, (error) => (error ? reject(error) : resolve()));
      }),
      close: (code, reason) => socket.close(code, reason),
      // The message as text only: graphql-ws's handler of a `subscribe` lasts as long as the subscription, and keeps what it was given.
      onMessage: (handle) => socket.on('message', (data) => void handleMessage(socket, handle, String(data))),
    }, { socket });
    socket.once('close', (code, reason) => {
      awaitingPong.delete(socket);
      void closed(code, String(reason));
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
