/**
 * graphql-ws (`graphql-transport-ws` protocol) on an existing HTTP server's
 * path: a thin adapter around {@link LiveOperations}.
 */
import type { Server } from 'node:http';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { LiveOperations } from './operations';

export interface WebSocketTransport {
  /** Open sockets (for tests and metrics). */
  readonly clients: () => number;
  close(): Promise<void>;
}

export interface WebSocketTransportOptions {
  /** Ping interval, and how long a pong may take before the socket is dropped (default 12 s, graphql-ws's). */
  keepAliveMs?: number;
}

export function attachWebSocketTransport(
  server: Server, path: string, operations: LiveOperations, options: WebSocketTransportOptions = {},
): WebSocketTransport {
  const wss = new WebSocketServer({ server, path });
  const disposable = useServer({
    schema: operations.schema,
    onSubscribe: (_ctx, _id, payload) => {
      const prepared = operations.prepare(payload);
      return Array.isArray(prepared) ? [...prepared] : prepared;
    },
    execute: (args) => operations.execute(args),
    subscribe: (args) => operations.subscribe(args),
  }, wss, options.keepAliveMs);
  return {
    clients: () => wss.clients.size,
    async close() {
      await disposable.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
