/**
 * Everything live on the gateway's port: subscriptions over graphql-ws
 * (WebSocket upgrade on /graphql) and graphql-sse (event streams on /graphql),
 * fed by this process's own change feed, and the live status page at /live.
 */
import type http from 'node:http';
import type { FormattedExecutionResult, GraphQLSchema } from 'graphql';
import type { Pool } from 'pg';
import { AccessError } from '../access/accessError';
import type { Doors } from '../access/doors';
import { sendGraphqlRefusal } from '../access/graphqlRefusal';
import { OPEN_PRINCIPAL, type Principal } from '../access/principal';
import { resolveAtDoor } from '../access/trustedDocumentParams';
import { DEFAULT_LIMITS, type Limits } from '../config/limits';
import { ChangeFeed, type LiveChange } from './changeFeed';
import { serveLivePage } from './livePage';
import { pageOperationsScript } from './pageOperations';
import { createLiveOperations, type OperationGate } from './operations';
import { createSseTransport, isSseRequest } from './sseTransport';
import { createSubscriptionSchema, SUBSCRIPTION_SUBGRAPH, type FederatedExecutor } from './subscriptionSchema';
import { attachWebSocketTransport } from './websocketTransport';
import { registerLiveMetrics } from './liveMetrics';
import type { Registry } from '../observability/metrics';
import type { Subscription } from './fanout';

export const SUBSCRIPTIONS_PATH = '/graphql';

export interface LiveOptions {
  pool: Pool;
  databaseUrl: string;
  /** Changes a slow subscriber may have queued before changes of one entity are coalesced (default 100). */
  queueCapacity?: number;
  pollMs?: number;
  /**
   * graphql-ws pings each socket this often and drops it when the pong has not
   * come this long after the ping (default 12 s, graphql-ws's own): a client
   * that stopped reading is let go within twice this time.
   */
  keepAliveMs?: number;
  log?: { error(message: string): void };
  /** Bounds on what one client may hold (config/limits.ts); default DEFAULT_LIMITS. */
  limits?: Limits;
}

/** One open subscription's queue, as metrics see it. */
export interface SubscriberQueue {
  readonly kind: LiveChange['kind'];
  /** The operation's name, when the client gave one. */
  readonly operationName: string | undefined;
  /** Changes waiting for the subscriber's transport to pull them. */
  readonly queued: number;
  /** The most it has held at once. */
  readonly peak: number;
  /** Changes replaced by a later change of the same entity. */
  readonly coalesced: number;
}

/**
 * What live needs of the server it is served beside (the gateway hands over
 * its core): declared here, so that live depends on no gateway module.
 */
export interface LiveHost {
  /** The node:http server whose WebSocket upgrades it accepts. */
  readonly httpServer: http.Server;
  /** The API schema clients see, whose Query the subscriptions' payloads are selected from. */
  readonly schema: GraphQLSchema;
  /**
   * Runs an operation through the gateway's whole pipeline, for `principal`
   * (its `credential` for subgraph processes); `derived`: a document live made
   * from a subscription the gate admitted (its payloads), held to its field
   * scopes but not to the limits.
   */
  execute(
    query: string, variables?: Record<string, unknown>, operationName?: string, principal?: Principal, credential?: string, origin?: { derived?: boolean },
  ): Promise<FormattedExecutionResult>;
  /** Who may run which operation (field scopes, limits), as for every request of the server. */
  readonly guard: OperationGate;
  /** Who may open a socket or stream (host, origin, token): the doors of the server's port. */
  readonly doors: Doors;
  /** The principal the server admitted a request to the GraphQL path as. */
  principalOf(req: http.IncomingMessage): Principal | undefined;
  /** The host's metrics registry, where the live metrics go (observability/metrics.ts); undefined: none kept. */
  readonly registry?: Registry;
}

export interface LiveExtension {
  /** Tried before the gateway's own routes; true when it answered the request. */
  handleRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<boolean>;
  /** Stops the transports and the feed. */
  close(): Promise<void>;
  readonly feed: ChangeFeed;
  /** Open WebSocket connections. */
  webSocketClients(): number;
  /** graphql-sse reservations and streams of single connection mode. */
  sseReservations(): number;
  /** The queue of every open subscription (both transports). */
  subscriberQueues(): SubscriberQueue[];
}

/** The live extension: composed with the Subscription root it serves ({@link SUBSCRIPTION_SUBGRAPH}). */
export function liveExtension(options: LiveOptions): ((core: LiveHost) => Promise<LiveExtension>) & { readonly subgraph: typeof SUBSCRIPTION_SUBGRAPH } {
  return Object.assign(async (core: LiveHost): Promise<LiveExtension> => {
    const feed = new ChangeFeed({
      pool: options.pool, databaseUrl: options.databaseUrl, pollMs: options.pollMs,
      onError: (error) => options.log?.error(`live: change feed: ${error instanceof Error ? error.message : String(error)}`),
    });
    const execute: FederatedExecutor = (query, variables, operationName, principal, credential) =>
      core.execute(query, variables, operationName, principal, credential);
    // A subscription's payloads: its admitted selection, fetched for up to MAX_BATCH entities in one document.
    const payloads: FederatedExecutor = (query, variables, operationName, principal, credential) =>
      core.execute(query, variables, operationName, principal, credential, { derived: true });
    const limits = options.limits ?? DEFAULT_LIMITS;
    // Filled once the schema exists; the metrics only read it at a scrape.
    let open: () => Iterable<Subscription> = () => [];
    const onPushed = core.registry ? registerLiveMetrics(core.registry, () => open()) : undefined;
    const subscriptions = createSubscriptionSchema(core.schema, feed, payloads, {
      queueCapacity: options.queueCapacity, onPushed, subscriberBufferBytes: limits.subscriberBufferBytes, maxTokens: limits.graphqlMaxTokens,
    });
    open = () => subscriptions.subscriptions();
    const operations = createLiveOperations(subscriptions.schema, execute, core.guard);
    const operationsScript = pageOperationsScript((body) => core.doors.documents.listed(body)?.id);
    await feed.start();
    const webSocket = attachWebSocketTransport(core.httpServer, SUBSCRIPTIONS_PATH, operations, {
      keepAliveMs: options.keepAliveMs,
      doors: core.doors,
      maxPayloadBytes: limits.graphqlBodyBytes,
      connectionLimits: { maxOperations: limits.subscriptionsPerConnection, maxBufferedBytes: limits.subscriberBufferBytes },
      log: options.log,
    });
    const sse = createSseTransport(operations, {
      maxBodyBytes: limits.graphqlBodyBytes, reservationTtlMs: limits.sseReservationTtlMs,
      streamsPerClient: limits.sseStreamsPerClient, operationsPerStream: limits.subscriptionsPerConnection,
    }, (req) => core.principalOf(req) ?? OPEN_PRINCIPAL, (req, params) => resolveAtDoor(core.doors, req, 'graphql-sse', core.principalOf(req) ?? null, params));
    return {
      feed,
      webSocketClients: () => webSocket.clients(),
      sseReservations: () => sse.reservations(),
      subscriberQueues() {
        return Array.from(subscriptions.subscriptions(), ({ kind, operationName, subscriber }) =>
          ({ kind, operationName, queued: subscriber.queued, peak: subscriber.peak, coalesced: subscriber.coalesced }));
      },
      async handleRequest(req, res) {
        if (serveLivePage(req, res, operationsScript)) return true;
        const pathname = (req.url ?? '/').split('?')[0];
        if (pathname === SUBSCRIPTIONS_PATH && isSseRequest(req)) {
          // Event streams are not held back by CORS: a page of another site is refused by its Origin.
          try {
            core.doors.frontOfStream(req, 'graphql-sse');
          } catch (error) {
            if (!(error instanceof AccessError)) throw error;
            sendGraphqlRefusal(req, res, error);
            return true;
          }
          await sse.handle(req, res);
          return true;
        }
        return false;
      },
      async close() {
        sse.close();
        await webSocket.close();
        await feed.stop();
      },
    };
  }, { subgraph: SUBSCRIPTION_SUBGRAPH });
}
