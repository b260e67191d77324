"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SUBSCRIPTIONS_PATH = void 0;
exports.liveExtension = liveExtension;
const accessError_1 = require("../access/accessError");
const graphqlRefusal_1 = require("../access/graphqlRefusal");
const principal_1 = require("../access/principal");
const limits_1 = require("../config/limits");
const changeFeed_1 = require("./changeFeed");
const livePage_1 = require("./livePage");
const operations_1 = require("./operations");
const sseTransport_1 = require("./sseTransport");
const subscriptionSchema_1 = require("./subscriptionSchema");
const websocketTransport_1 = require("./websocketTransport");
exports.SUBSCRIPTIONS_PATH = '/graphql';
function liveExtension(options) {
    return async (core) => {
        const feed = new changeFeed_1.ChangeFeed({
            pool: options.pool, databaseUrl: options.databaseUrl, pollMs: options.pollMs,
            onError: (error) => options.log?.error(`live: change feed: ${error instanceof Error ? error.message : String(error)}`),
        });
        const execute = (query, variables, operationName, principal, credential) => core.execute(query, variables, operationName, principal, credential);
        const limits = options.limits ?? limits_1.DEFAULT_LIMITS;
        const subscriptions = (0, subscriptionSchema_1.createSubscriptionSchema)(core.schema, feed, execute, {
            queueCapacity: options.queueCapacity, subscriberBufferBytes: limits.subscriberBufferBytes,
        });
        const operations = (0, operations_1.createLiveOperations)(subscriptions.schema, execute);
        await feed.start();
        const webSocket = (0, websocketTransport_1.attachWebSocketTransport)(core.httpServer, exports.SUBSCRIPTIONS_PATH, operations, {
            keepAliveMs: options.keepAliveMs,
            doors: core.doors,
            maxPayloadBytes: limits.graphqlBodyBytes,
            connectionLimits: { maxOperations: limits.subscriptionsPerConnection, maxBufferedBytes: limits.subscriberBufferBytes },
        });
        const sse = (0, sseTransport_1.createSseTransport)(operations, {
            maxBodyBytes: limits.graphqlBodyBytes, reservationTtlMs: limits.sseReservationTtlMs,
            streamsPerClient: limits.sseStreamsPerClient, operationsPerStream: limits.subscriptionsPerConnection,
        }, (req) => core.principalOf(req) ?? principal_1.OPEN_PRINCIPAL);
        return {
            feed,
            webSocketClients: () => webSocket.clients(),
            sseReservations: () => sse.reservations(),
            subscriberQueues() {
                return Array.from(subscriptions.subscriptions(), ({ kind, operationName, subscriber }) => ({ kind, operationName, queued: subscriber.queued, peak: subscriber.peak, coalesced: subscriber.coalesced }));
            },
            async handleRequest(req, res) {
                if ((0, livePage_1.serveLivePage)(req, res))
                    return true;
                const pathname = (req.url ?? '/').split('?')[0];
                if (pathname === exports.SUBSCRIPTIONS_PATH && (0, sseTransport_1.isSseRequest)(req)) {
                    // Event streams are not held back by CORS: a page of another site is refused by its Origin.
                    try {
                        core.doors.frontOfStream(req, 'graphql-sse');
                    }
                    catch (error) {
                        if (!(error instanceof accessError_1.AccessError))
                            throw error;
                        (0, graphqlRefusal_1.sendGraphqlRefusal)(req, res, error);
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
    };
}
//# sourceMappingURL=liveExtension.js.map