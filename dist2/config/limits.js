"use strict";
/**
 * The hub's bounds on what a client may hold or make it wait for: sizes,
 * counts and timeouts, each with a safe default and an environment variable
 * (read and validated by config/config.ts). docs/limits.md lists each one
 * with what a client sees when it hits it.
 *
 * Every part of the hub takes its bounds as options with these defaults, so
 * that a test or an embedding program gets the same safe values without a
 * configuration of its own.
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.LIMIT_VARIABLES = exports.DEFAULT_LIMITS = void 0;
exports.readLimits = readLimits;
exports.DEFAULT_LIMITS = {
    graphqlBodyBytes: 1024 * 1024,
    subscriptionsPerConnection: 100,
    sseReservationTtlMs: 10_000,
    sseStreamsPerClient: 16,
    subscriberBufferBytes: 8 * 1024 * 1024,
    executionTimeoutMs: 10_000,
    headersTimeoutMs: 10_000,
    requestTimeoutMs: 30_000,
    idleTimeoutMs: 5_000,
    connectionsPerPort: 4096,
    connectionsPerClient: 64,
    ingestCommitTimeoutMs: 15_000,
    readTimeoutMs: 10_000,
};
/** The environment variables {@link readLimits} reads. */
exports.LIMIT_VARIABLES = [
    'GRAPHQL_BODY_LIMIT_BYTES', 'SUBSCRIPTIONS_PER_CONNECTION', 'SSE_RESERVATION_TTL_SECONDS', 'SSE_STREAMS_PER_CLIENT', 'SUBSCRIBER_BUFFER_BYTES',
    'GRAPHQL_EXECUTION_TIMEOUT_SECONDS', 'HTTP_HEADERS_TIMEOUT_SECONDS', 'HTTP_REQUEST_TIMEOUT_SECONDS', 'HTTP_IDLE_TIMEOUT_SECONDS',
    'CONNECTIONS_PER_PORT', 'CONNECTIONS_PER_CLIENT', 'INGEST_COMMIT_TIMEOUT_SECONDS', 'READ_TIMEOUT_SECONDS',
];
function readLimits(integer) {
    const d = exports.DEFAULT_LIMITS;
    return {
        graphqlBodyBytes: integer('GRAPHQL_BODY_LIMIT_BYTES', d.graphqlBodyBytes, 1024, 64 * 1024 * 1024, 'an integer number of bytes 1024..67108864'),
        subscriptionsPerConnection: integer('SUBSCRIPTIONS_PER_CONNECTION', d.subscriptionsPerConnection, 1, 10_000, 'an integer 1..10000'),
        sseReservationTtlMs: 1000 * integer('SSE_RESERVATION_TTL_SECONDS', d.sseReservationTtlMs / 1000, 1, 3600, 'an integer number of seconds 1..3600'),
        sseStreamsPerClient: integer('SSE_STREAMS_PER_CLIENT', d.sseStreamsPerClient, 1, 10_000, 'an integer 1..10000'),
        subscriberBufferBytes: integer('SUBSCRIBER_BUFFER_BYTES', d.subscriberBufferBytes, 64 * 1024, 1024 * 1024 * 1024, 'an integer number of bytes 65536..1073741824'),
        executionTimeoutMs: 1000 * integer('GRAPHQL_EXECUTION_TIMEOUT_SECONDS', d.executionTimeoutMs / 1000, 1, 3600, 'an integer number of seconds 1..3600'),
        headersTimeoutMs: 1000 * integer('HTTP_HEADERS_TIMEOUT_SECONDS', d.headersTimeoutMs / 1000, 1, 600, 'an integer number of seconds 1..600'),
        requestTimeoutMs: 1000 * integer('HTTP_REQUEST_TIMEOUT_SECONDS', d.requestTimeoutMs / 1000, 1, 3600, 'an integer number of seconds 1..3600'),
        idleTimeoutMs: 1000 * integer('HTTP_IDLE_TIMEOUT_SECONDS', d.idleTimeoutMs / 1000, 1, 600, 'an integer number of seconds 1..600'),
        connectionsPerPort: integer('CONNECTIONS_PER_PORT', d.connectionsPerPort, 1, 1_000_000, 'an integer 1..1000000'),
        connectionsPerClient: integer('CONNECTIONS_PER_CLIENT', d.connectionsPerClient, 1, 1_000_000, 'an integer 1..1000000'),
        ingestCommitTimeoutMs: 1000 * integer('INGEST_COMMIT_TIMEOUT_SECONDS', d.ingestCommitTimeoutMs / 1000, 1, 3600, 'an integer number of seconds 1..3600'),
        readTimeoutMs: 1000 * integer('READ_TIMEOUT_SECONDS', d.readTimeoutMs / 1000, 1, 3600, 'an integer number of seconds 1..3600'),
    };
}
//# sourceMappingURL=limits.js.map