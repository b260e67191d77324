/**
 * Everything live on the gateway's port: subscriptions over graphql-ws
 * (WebSocket upgrade on /graphql) and graphql-sse (event streams on /graphql),
 * fed by this process's own change feed, and the live status page at /live.
 */
import type { Pool } from 'pg';
import type { GatewayCore, GatewayExtension } from '../gateway/gateway';
import { ChangeFeed } from './changeFeed';
import { serveLivePage } from './livePage';
import { createLiveOperations } from './operations';
import { createSseHandler, isSseRequest } from './sseTransport';
import { createSubscriptionSchema, type FederatedExecutor } from './subscriptionSchema';
import { attachWebSocketTransport } from './websocketTransport';

export const SUBSCRIPTIONS_PATH = '/graphql';

export interface LiveOptions {
  pool: Pool;
  databaseUrl: string;
  /** Changes a slow subscriber may have queued before changes of one entity are coalesced (default 100). */
  queueCapacity?: number;
  pollMs?: number;
  log?: { error(message: string): void };
}

export interface LiveExtension extends GatewayExtension {
  readonly feed: ChangeFeed;
  /** Open WebSocket connections. */
  webSocketClients(): number;
}

export function liveExtension(options: LiveOptions): (core: GatewayCore) => Promise<LiveExtension> {
  return async (core) => {
    const feed = new ChangeFeed({
      pool: options.pool, databaseUrl: options.databaseUrl, pollMs: options.pollMs,
      onError: (error) => options.log?.error(`live: change feed: ${error instanceof Error ? error.message : String(error)}`),
    });
    const execute: FederatedExecutor = (query, variables, operationName) => core.execute(query, variables, operationName);
    const operations = createLiveOperations(createSubscriptionSchema(core.schema, feed, execute, { queueCapacity: options.queueCapacity }), execute);
    await feed.start();
    const webSocket = attachWebSocketTransport(core.httpServer, SUBSCRIPTIONS_PATH, operations);
    const sse = createSseHandler(operations);
    return {
      feed,
      webSocketClients: () => webSocket.clients(),
      async handleRequest(req, res) {
        if (serveLivePage(req, res)) return true;
        const pathname = (req.url ?? '/').split('?')[0];
        if (pathname === SUBSCRIPTIONS_PATH && isSseRequest(req)) {
          await sse(req, res);
          return true;
        }
        return false;
      },
      async close() {
        await webSocket.close();
        await feed.stop();
      },
    };
  };
}
