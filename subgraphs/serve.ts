import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { GraphQLError } from 'graphql';
import { AccessError } from '../access/accessError';
import { OPEN_AUTHENTICATOR, requireScope, type Authenticator } from '../access/authenticator';
import { sendGraphqlRefusal } from '../access/graphqlRefusal';
import type { Principal, Scope } from '../access/principal';
import { DEFAULT_LIMITS } from '../config/limits';
import { applyServerLimits, type ServerLimits } from '../http/serverLimits';
import { clientSafeError, type ErrorLog } from './clientSafeError';
import { fieldScopesPlugin } from './fieldScopes';
import type { Subgraph } from './subgraph';
import { serveOperations, type OperationsEndpoints } from '../observability/probes';
import { activeTracer, contextFromHeaders, inSpan, SpanKind } from '../observability/tracing';

export interface ServeSubgraphOptions {
  /** Interface to listen on, e.g. `127.0.0.1` or `0.0.0.0`. */
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** Largest request body accepted, in bytes (default 8 MiB: `_entities` batches of thousands of keys fit). */
  readonly maxBodyBytes?: number;
  /** Timeouts and connection limits (http/serverLimits.ts); default config/limits.ts's. */
  readonly serverLimits?: ServerLimits;
  /** Where an error's hidden detail goes under the id its client is told (default stderr). */
  readonly errorLog?: ErrorLog;
  /** What GET /readyz checks and GET /metrics serves (default: always ready once serving, no metrics). */
  readonly operations?: OperationsEndpoints;
  /**
   * Who is asking: the bearer token the gateway forwards (the client's own) is
   * verified here again, with the hub's AUTH settings, so a subgraph reached on
   * its own port reads only what that token may see. Default: AUTH=off.
   */
  readonly authenticator?: Authenticator;
}

export interface ServedSubgraph {
  /** `http://host:port/graphql`, what the gateway calls. */
  readonly url: string;
  readonly port: number;
  /** Stops accepting requests, lets requests in flight finish, and closes the server. */
  close(): Promise<void>;
}

const GRAPHQL_PATH = '/graphql';
const HEALTH_PATH = '/health';

/**
 * Serves one subgraph over HTTP with @apollo/server on node:http (Apollo
 * Server 5 ships no HTTP framework integration; this is the small handler
 * around `executeHTTPGraphQLRequest`), so each subgraph can run as its own
 * process behind the gateway.
 *
 * - `POST|GET /graphql`: GraphQL over HTTP (Apollo's CSRF prevention on).
 * - `GET /health`: 200 `{"status":"ok","subgraph":name}` while serving.
 * - `GET /healthz`, `/readyz`, `/metrics`: see observability/probes.ts.
 *
 * Each request gets a fresh context object, which keys its DataLoaders and
 * carries the principal of its verified token (resolvers/shared/rowScope.ts):
 * under AUTH=jwt a request without a valid bearer token is answered 401, one
 * whose token lacks `graph:read` 403 (as at the gateway), and
 * only the gateway's SDL query (`_service { sdl }`, the schema, no rows) is
 * served without one, so the gateway can compose before any client calls.
 * No landing page: the explorer is the gateway's.
 */
export async function serveSubgraph(subgraph: Subgraph, options: ServeSubgraphOptions): Promise<ServedSubgraph> {
  const maxBodyBytes = options.maxBodyBytes ?? 8 * 1024 * 1024;
  const httpServer = http.createServer();
  applyServerLimits(httpServer, options.serverLimits ?? DEFAULT_LIMITS);
  const server = new ApolloServer<{ principal: Principal }>({
    schema: subgraph.schema,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    // Postgres's own text or a bug's message never reaches a client.
    formatError: (formatted, error) => (error instanceof GraphQLError ? clientSafeError(error, options.errorLog) : formatted),
    // The process owns SIGINT/SIGTERM (cli/graphql.ts closes the server, then the pool):
    // Apollo's own handler would exit before the pool is closed.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      fieldScopesPlugin(subgraph.sdl, subgraph.schema),
    ],
  });
  await server.start();

  httpServer.on('request', (req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: `internal error: ${(error as Error)?.message ?? String(error)}` }] });
      else res.destroy();
    });
  });

  const operations: OperationsEndpoints = options.operations ?? { readiness: [] };
  const authenticator = options.authenticator ?? OPEN_AUTHENTICATOR;
  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (await serveOperations(req, res, operations)) return;
    const url = new URL(req.url ?? '/', 'http://subgraph');
    if (url.pathname === HEALTH_PATH && (req.method === 'GET' || req.method === 'HEAD')) {
      return sendJson(res, 200, { status: 'ok', subgraph: subgraph.name });
    }
    if (url.pathname !== GRAPHQL_PATH) {
      return sendJson(res, 404, { errors: [{ message: `not found: ${url.pathname} (GraphQL is at ${GRAPHQL_PATH})` }] });
    }
    const text = await readBody(req, maxBodyBytes);
    if (text === null) {
      return sendJson(res, 413, { errors: [{ message: `request body over ${maxBodyBytes} bytes` }] });
    }
    let body: unknown = text;
    if (/^application\/(graphql-response\+)?json\b/i.test(req.headers['content-type'] ?? '') && text !== '') {
      try {
        body = JSON.parse(text);
      } catch (error) {
        return sendJson(res, 400, { errors: [{ message: `request body is not JSON: ${(error as Error).message}` }] });
      }
    }
    let principal: Principal;
    try {
      principal = await authenticator.authenticate(req.headers.authorization);
      // The gateway's first rule, held here too for a caller that comes around it.
      requireScope(principal, 'graph:read', 'GraphQL');
    } catch (error) {
      if (!(error instanceof AccessError)) throw error;
      if (!isServiceSdlRequest(body)) return sendGraphqlRefusal(req, res, error);
      principal = NOBODY;
    }
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const execute = () => server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: (req.method ?? 'GET').toUpperCase(), headers, search: url.search, body },
      context: async () => ({ principal }),
    });
    const tracer = activeTracer();
    // Traced: a child of the gateway's fetch span (its traceparent header).
    const response = !tracer ? await execute()
      : await inSpan(tracer.startSpan(`subgraph ${subgraph.name}`, { kind: SpanKind.SERVER, attributes: { 'servicegraph.subgraph': subgraph.name } }, contextFromHeaders(req.headers)), execute);
    res.statusCode = response.status ?? 200;
    for (const [name, value] of response.headers) res.setHeader(name, value);
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const { port } = httpServer.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}${GRAPHQL_PATH}`,
    port,
    // server.stop() drains and closes the HTTP server through the drain plugin.
    close: () => (closing ??= server.stop()),
  };
}

/** The query @apollo/gateway and gateway/remoteSubgraphs.ts send for a subgraph's SDL. */
const SERVICE_SDL_QUERY = /^\s*query\s+__ApolloGetServiceDefinition__\s*\{\s*_service\s*\{\s*sdl\s*\}\s*\}\s*$/;

/** Whether a POST body asks for nothing but the subgraph's SDL (no variables, no other operation). */
function isServiceSdlRequest(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const { query, variables, operationName, extensions } = body as Record<string, unknown>;
  return typeof query === 'string' && SERVICE_SDL_QUERY.test(query) && variables == null && extensions == null
    && (operationName == null || operationName === '__ApolloGetServiceDefinition__');
}

/** Whom the SDL query is run for without a token: no scope, no legal entity (it reads no row). */
const NOBODY: Principal = Object.freeze({ subject: null, scopes: new Set<Scope>(), legalEntities: [], sources: [], expiresAt: null });

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}

/** The body as text, or null when it is over the limit (the rest is read and discarded). */
function readBody(req: http.IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > limit ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
