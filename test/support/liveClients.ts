/**
 * The same subscription API over both transports, so live tests run the same
 * cases over graphql-ws and graphql-sse.
 */
import { createClient as createSseClient } from 'graphql-sse';
import { createClient as createWsClient } from 'graphql-ws';
import WebSocket from 'ws';

export interface Received {
  data?: Record<string, any> | null;
  errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
  /** When it arrived (performance.now()). */
  at: number;
}

export interface Subscription {
  readonly received: Received[];
  /** Resolves when the server completes the subscription or it fails. */
  readonly ended: Promise<unknown>;
  stop(): void;
}

export interface LiveClient {
  subscribe(query: string, variables?: Record<string, unknown>, onNext?: (r: Received) => void): Subscription;
  close(): Promise<void>;
}

export type Transport = 'websocket' | 'sse';
export const TRANSPORTS: readonly Transport[] = ['websocket', 'sse'];

/** A client of `transport`; with `authorization` ("Bearer …"), in `connection_init` (graphql-ws) or the Authorization header (graphql-sse). */
export function liveClient(transport: Transport, graphqlUrl: string, authorization?: string): LiveClient {
  const client = transport === 'websocket'
    ? createWsClient({
      url: graphqlUrl.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0, lazy: true,
      ...(authorization ? { connectionParams: { authorization } } : {}),
    })
    : createSseClient({ url: graphqlUrl, retryAttempts: 0, ...(authorization ? { headers: { authorization } } : {}) });
  return {
    subscribe(query, variables, onNext) {
      const received: Received[] = [];
      let stop: () => void = () => undefined;
      const ended = new Promise((resolve, reject) => {
        stop = client.subscribe({ query, variables }, {
          next: (value) => {
            const r = { ...(value as object), at: performance.now() } as Received;
            received.push(r);
            onNext?.(r);
          },
          error: reject,
          complete: () => resolve(undefined),
        });
      });
      ended.catch(() => undefined);
      return { received, ended, stop: () => stop() };
    },
    async close() {
      await client.dispose();
    },
  };
}
