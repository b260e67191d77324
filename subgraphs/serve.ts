import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
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
  /** What GET /readyz checks and GET /metrics serves (default: always ready once serving, no metrics). */
  readonly operations?: OperationsEndpoints;
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
 * Each request gets a fresh context object, which keys its DataLoaders.
 * No landing page: the explorer is the gateway's.
 */
export async function serveSubgraph(subgraph: Subgraph, options: ServeSubgraphOptions): Promise<ServedSubgraph> {
  const maxBodyBytes = options.maxBodyBytes ?? 8 * 1024 * 1024;
  const httpServer = http.createServer();
  const server = new ApolloServer<Record<string, never>>({
    schema: subgraph.schema,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    // The process owns SIGINT/SIGTERM (cli/graphql.ts closes the server, then the pool):
    // Apollo's own handler would exit before the pool is closed.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
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
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const execute = () => server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: (req.method ?? 'GET').toUpperCase(), headers, search: url.search, body },
      context: async () => ({}),
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
