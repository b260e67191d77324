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

export interface Limits {
  /** `GRAPHQL_BODY_LIMIT_BYTES`: the largest GraphQL request (HTTP body, WebSocket message). */
  readonly graphqlBodyBytes: number;
  /** `SUBSCRIPTIONS_PER_CONNECTION`: operations one WebSocket connection or graphql-sse stream may have open. */
  readonly subscriptionsPerConnection: number;
  /** `SSE_RESERVATION_TTL_SECONDS`: a graphql-sse stream reserved (PUT) but not opened by then is dropped. */
  readonly sseReservationTtlMs: number;
  /** `SSE_STREAMS_PER_CLIENT`: graphql-sse reservations and streams one client address may hold. */
  readonly sseStreamsPerClient: number;
  /**
   * `SUBSCRIBER_BUFFER_BYTES`: what one subscriber may have waiting for a slow
   * reader (queued payloads, and bytes written but not taken by the kernel);
   * past it the subscriber is dropped with SUBSCRIBER_TOO_SLOW.
   */
  readonly subscriberBufferBytes: number;
  /**
   * `GRAPHQL_EXECUTION_TIMEOUT_SECONDS`: how long one GraphQL operation (a
   * query, or one subscription payload) may run on the gateway; then 504 /
   * EXECUTION_TIMEOUT and its remaining subgraph fetches are not made.
   */
  readonly executionTimeoutMs: number;
  /** `HTTP_HEADERS_TIMEOUT_SECONDS`: a request's headers must arrive within this (every HTTP server; 408). */
  readonly headersTimeoutMs: number;
  /** `HTTP_REQUEST_TIMEOUT_SECONDS`: a whole request, body included, must arrive within this (408). */
  readonly requestTimeoutMs: number;
  /** `HTTP_IDLE_TIMEOUT_SECONDS`: a kept-alive connection without a request is closed after this. */
  readonly idleTimeoutMs: number;
  /** `CONNECTIONS_PER_PORT`: open connections one server (port) holds; one more is answered 503 and closed. */
  readonly connectionsPerPort: number;
  /** `CONNECTIONS_PER_CLIENT`: open connections of one client address per server; one more is answered 429 and closed. */
  readonly connectionsPerClient: number;
  /** `INGEST_COMMIT_TIMEOUT_SECONDS`: a POST /events not committed by then is answered 503 with Retry-After. */
  readonly ingestCommitTimeoutMs: number;
  /**
   * `READ_TIMEOUT_SECONDS`: Postgres's statement_timeout of every read (the
   * subgraphs', the live feed's), and how long ingest waits for /status and the
   * operators' lists before answering 503.
   */
  readonly readTimeoutMs: number;
  /** `REJECTED_RETENTION_DAYS`: days a rejected event is kept (0: no age limit; the cap still holds). */
  readonly rejectedRetentionDays: number;
  /** `REJECTED_MAX_ROWS`: rejected events kept at most; the oldest go first. */
  readonly rejectedMaxRows: number;
  /** `GRAPHQL_MAX_DEPTH`: how deep an operation's fields may nest (a root field is depth 1); DEPTH_LIMIT_EXCEEDED. */
  readonly graphqlMaxDepth: number;
  /** `GRAPHQL_MAX_ALIASES`: aliases in one operation (its fragments included); ALIAS_LIMIT_EXCEEDED. */
  readonly graphqlMaxAliases: number;
  /** `GRAPHQL_MAX_TOKENS`: tokens of a GraphQL document; parsing stops past it with TOKEN_LIMIT_EXCEEDED. */
  readonly graphqlMaxTokens: number;
  /** `GRAPHQL_MAX_COST`: an operation's estimated cost (each field 1, a connection's selection × its `first`); COST_LIMIT_EXCEEDED. */
  readonly graphqlMaxCost: number;
  /**
   * `GATEWAY_HEAP_MB`: the V8 heap (old space) of `servicegraph start`'s
   * gateway process; past it that process dies and is restarted, ingest and
   * the listeners untouched.
   */
  readonly gatewayHeapMb: number;
  /**
   * `GATEWAY_STALL_SECONDS`: a gateway process of `servicegraph start` whose
   * event loop has not turned for this long (an operation stuck on the
   * CPU) is killed and restarted.
   */
  readonly gatewayStallMs: number;
  /**
   * `REPORT_STREAMS`: compiled reports (one statement over a view) one gateway
   * process streams at once, each holding a read connection for its whole
   * download; one more is answered 503 REPORTS_BUSY with Retry-After.
   */
  readonly reportStreams: number;
}

/** The bounds on one GraphQL operation, checked before any subgraph is asked (gateway/operationLimits.ts). */
export type OperationLimits = Pick<Limits, 'graphqlMaxDepth' | 'graphqlMaxAliases' | 'graphqlMaxTokens' | 'graphqlMaxCost'>;

export const DEFAULT_LIMITS: Limits = {
  graphqlBodyBytes: 1024 * 1024,
  subscriptionsPerConnection: 100,
  sseReservationTtlMs: 10_000,
  sseStreamsPerClient: 16,
  subscriberBufferBytes: 8 * 1024 * 1024,
  executionTimeoutMs: 10_000,
  headersTimeoutMs: 20_000,
  requestTimeoutMs: 60_000,
  idleTimeoutMs: 5_000,
  connectionsPerPort: 4096,
  connectionsPerClient: 64,
  ingestCommitTimeoutMs: 15_000,
  readTimeoutMs: 10_000,
  rejectedRetentionDays: 30,
  rejectedMaxRows: 100_000,
  graphqlMaxDepth: 12,
  graphqlMaxAliases: 30,
  graphqlMaxTokens: 2000,
  graphqlMaxCost: 100_000,
  gatewayHeapMb: 2048,
  gatewayStallMs: 30_000,
  reportStreams: 2,
};

/** How config/config.ts reads one integer variable (validated, default when unset). */
export type IntegerVariable = (name: string, fallback: number, min: number, max: number, expected: string) => number;

/** The environment variables {@link readLimits} reads. */
export const LIMIT_VARIABLES: readonly string[] = [
  'GRAPHQL_BODY_LIMIT_BYTES', 'SUBSCRIPTIONS_PER_CONNECTION', 'SSE_RESERVATION_TTL_SECONDS', 'SSE_STREAMS_PER_CLIENT', 'SUBSCRIBER_BUFFER_BYTES',
  'GRAPHQL_EXECUTION_TIMEOUT_SECONDS', 'HTTP_HEADERS_TIMEOUT_SECONDS', 'HTTP_REQUEST_TIMEOUT_SECONDS', 'HTTP_IDLE_TIMEOUT_SECONDS',
  'CONNECTIONS_PER_PORT', 'CONNECTIONS_PER_CLIENT', 'INGEST_COMMIT_TIMEOUT_SECONDS', 'READ_TIMEOUT_SECONDS',
  'REJECTED_RETENTION_DAYS', 'REJECTED_MAX_ROWS', 'GRAPHQL_MAX_DEPTH', 'GRAPHQL_MAX_ALIASES', 'GRAPHQL_MAX_TOKENS', 'GRAPHQL_MAX_COST',
  'GATEWAY_HEAP_MB', 'GATEWAY_STALL_SECONDS', 'REPORT_STREAMS',
];

export function readLimits(integer: IntegerVariable): Limits {
  const d = DEFAULT_LIMITS;
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
    rejectedRetentionDays: integer('REJECTED_RETENTION_DAYS', d.rejectedRetentionDays, 0, 36_500, 'an integer number of days 0..36500 (0: no age limit)'),
    rejectedMaxRows: integer('REJECTED_MAX_ROWS', d.rejectedMaxRows, 100, 100_000_000, 'an integer 100..100000000'),
    graphqlMaxDepth: integer('GRAPHQL_MAX_DEPTH', d.graphqlMaxDepth, 1, 1000, 'an integer 1..1000'),
    graphqlMaxAliases: integer('GRAPHQL_MAX_ALIASES', d.graphqlMaxAliases, 0, 100_000, 'an integer 0..100000'),
    graphqlMaxTokens: integer('GRAPHQL_MAX_TOKENS', d.graphqlMaxTokens, 100, 1_000_000, 'an integer 100..1000000'),
    graphqlMaxCost: integer('GRAPHQL_MAX_COST', d.graphqlMaxCost, 1, 1_000_000_000, 'an integer 1..1000000000'),
    gatewayHeapMb: integer('GATEWAY_HEAP_MB', d.gatewayHeapMb, 64, 65_536, 'an integer number of MiB 64..65536'),
    gatewayStallMs: 1000 * integer('GATEWAY_STALL_SECONDS', d.gatewayStallMs / 1000, 2, 3600, 'an integer number of seconds 2..3600'),
    reportStreams: integer('REPORT_STREAMS', d.reportStreams, 1, 1000, 'an integer 1..1000'),
  };
}
