/**
 * The gateway's HTTP adapter on node:http (Apollo Server 5 ships none):
 *
 *   POST /graphql           GraphQL over HTTP, `application/json` body
 *   GET  /graphql?query=…   GraphQL over HTTP (queries only; a mutation is 405)
 *   GET  /graphql           from a browser (`Accept: text/html`, no query): the explorer
 *   GET  /explorer/<file>   the explorer's files, from node_modules
 *   GET  /health            `{"status":"ok"}` once the gateway serves (the older name of /healthz, kept)
 *
 * Apollo Server does the GraphQL over HTTP part (media types
 * `application/graphql-response+json` and `application/json` by the Accept
 * header, 400 for a document that does not parse or validate, 405 for a
 * mutation over GET, 406 for an Accept it cannot meet); this adapter reads
 * the body and answers what comes before Apollo Server: 413 for a body over
 * the limit, 415 for a POST that is not JSON, 400 for JSON that does not
 * parse, 404 elsewhere. Every error body is a GraphQL response with
 * `extensions.code`.
 */
import http from 'node:http';
import type { ApolloServer, BaseContext } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import type { GraphQLHttpParams } from '../access/trustedDocumentParams';
import { HttpError, internalError, sendError } from '../http/httpError';
import { readBoundedBody } from '../http/requestBody';
import { Deadline, DeadlineExceeded, EXECUTION_TIMEOUT } from './deadline';
import { EXPLORER_ASSET_PREFIX, type Explorer, type ExplorerResponse } from './explorer';
import type { ResponseCache, CacheLookup } from './responseCache';
import { inPartition, responseCacheKey } from './responseCacheKey';
import type { Cacheability } from './responseCachePlugin';
import { requestedOperationName, type OperationContext, type Outcome } from './requestMetrics';
import { activeTracer, childOf, contextFromHeaders, inSpan, SpanKind, type Context } from '../observability/tracing';

export interface GraphQLRequestListenerOptions<TContext extends BaseContext> {
  readonly server: ApolloServer<TContext>;
  /** A fresh context per request. */
  readonly context: (req: http.IncomingMessage) => Promise<TContext>;
  /** The GraphQL path, `/graphql`. */
  readonly path: string;
  readonly explorer?: Explorer;
  /** Largest POST body accepted, in bytes. */
  readonly maxBodyBytes?: number;
  /** The request's execution deadline: once it passes, the client gets 504 EXECUTION_TIMEOUT. */
  readonly deadline?: (context: TContext) => Deadline;
  /**
   * The document a request runs (trusted documents, access/trustedDocuments.ts):
   * its GET parameters or POST body as Apollo Server should read them, an id
   * replaced by its document, before anything else (the response cache
   * included) reads the request. Throws an HttpError to refuse it.
   */
  readonly resolveDocument?: (req: http.IncomingMessage, request: GraphQLHttpParams) => GraphQLHttpParams;
  /** While tracing: hands the request's span (as a parent context) to its execution, for the spans beneath it. */
  readonly traced?: (context: TContext, parent: Context) => void;
  /** Called for a request the adapter refused (a client mistake, never for GraphQL errors). */
  readonly onError?: (error: unknown) => void;
  /** Called for a failure of the gateway's own, under the error id its client was told. */
  readonly onInternalError?: (message: string) => void;
  /** Serve repeated queries from this cache while the read model stays at one position. */
  readonly responseCache?: {
    readonly cache: ResponseCache;
    /** The verdict of gateway/responseCachePlugin.ts for a request, read from its context after execution. */
    readonly cacheability: (context: TContext) => Cacheability | undefined;
    /**
     * Whose answers a request may share: part of its key, so an answer is
     * only served again to a requester of the same partition (the same
     * scopes and legal entities). The operation guard's verdict depends on
     * nothing else of the requester, and only answers without errors are
     * stored: an answer found was admitted by the guard for an identical
     * request of the same partition.
     */
    readonly partition: (req: http.IncomingMessage) => string;
  };
  /** Hears of every GraphQL request answered (not the explorer's): its operation name, outcome and duration. */
  readonly onAnswered?: (operation: string | undefined, outcome: Outcome, seconds: number) => void;
}

/** What one request turned out to be, for {@link GraphQLRequestListenerOptions.onAnswered}. */
interface Answered { graphql: boolean; operation: string | undefined; failed: boolean }

/** Response header: `hit` (from the cache), `miss` (executed and stored) or `pass` (executed, not storable). */
export const CACHE_HEADER = 'x-servicegraph-cache';
/** Response header: the read-model position the answer was looked up at. */
export const POSITION_HEADER = 'x-servicegraph-position';

const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
const APPLICATION_JSON = 'application/json; charset=utf-8';

/** A node:http request listener serving GraphQL (and the explorer) at `options.path`. */
export function createGraphQLRequestListener<TContext extends BaseContext & Partial<OperationContext>>(
  options: GraphQLRequestListenerOptions<TContext>,
): http.RequestListener {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const onAnswered = options.onAnswered;
  return (req, res) => {
    const started = onAnswered ? performance.now() : 0;
    const answered: Answered = { graphql: false, operation: undefined, failed: false };
    if (onAnswered) {
      res.once('close', () => {
        if (answered.graphql) onAnswered(answered.operation, answered.failed || res.statusCode >= 400 ? 'error' : 'success', (performance.now() - started) / 1000);
      });
    }
    handle(req, res, answered).catch((error) => {
      answered.failed = true;
      if (error instanceof HttpError) {
        options.onError?.(error);
        // Unread request body: sendError closes the connection after answering rather than read it all.
        sendError(req, res, error);
        return;
      }
      const failure = internalError(error, options.onInternalError ?? ((message) => console.error(message)), 'the gateway failed to answer this request');
      if (!res.headersSent) sendError(req, res, failure);
      else res.destroy();
    });
  };

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, answered: Answered): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://gateway.invalid');
    const method = (req.method ?? 'GET').toUpperCase();

    if (url.pathname === '/health' && (method === 'GET' || method === 'HEAD')) {
      return send(res, { status: 200, headers: { 'content-type': APPLICATION_JSON, 'cache-control': 'no-store' }, body: '{"status":"ok"}' }, method);
    }
    if (options.explorer && url.pathname.startsWith(EXPLORER_ASSET_PREFIX) && (method === 'GET' || method === 'HEAD')) {
      const asset = await options.explorer.asset(url.pathname.slice(EXPLORER_ASSET_PREFIX.length));
      if (asset) return send(res, asset, method);
    }
    if (url.pathname !== options.path) {
      throw new HttpError(404, 'NOT_FOUND', `nothing at ${url.pathname}; GraphQL is served at ${options.path}`);
    }
    if (options.explorer && method === 'GET' && !namesDocument(url.searchParams) && acceptsHtml(req.headers.accept)) {
      return send(res, options.explorer.page(), method);
    }

    answered.graphql = true;
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    let body: unknown;
    if (method === 'POST') body = await readJsonBody(req, maxBodyBytes);
    let search = url.search;
    if (options.resolveDocument) ({ search, body } = options.resolveDocument(req, { method, search, body }));

    const cached = options.responseCache;
    // A client may ask for a fresh execution (`Cache-Control: no-cache` or `no-store`): no lookup, nothing stored.
    const request = cached && !refusesCachedAnswer(req.headers['cache-control'])
      ? inPartition(cached.partition(req), responseCacheKey(method, search, body, req.headers.accept)) : undefined;
    let lookup: CacheLookup | undefined;
    if (cached && request && !cached.cache.isVolatile(request.query)) {
      try {
        lookup = await cached.cache.lookup(request.key);
      } catch (error) {
        // Without a position nothing can be looked up or stored; the request is still answered.
        options.onError?.(error);
      }
      if (lookup?.response) {
        if (onAnswered) {
          const name = method === 'POST' ? (body as { operationName?: unknown }).operationName : url.searchParams.get('operationName');
          answered.operation = requestedOperationName(name, request.query);
        }
        const { headers: cachedHeaders, body: cachedBody } = lookup.response;
        res.writeHead(200, { ...cachedHeaders, 'content-length': String(cachedBody.length), [CACHE_HEADER]: 'hit', [POSITION_HEADER]: lookup.position.value });
        res.end(cachedBody);
        return;
      }
    }

    const context = await options.context(req);
    const deadline = options.deadline?.(context);
    const execute = () => options.server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method, headers, search, body },
      context: async () => context,
    });
    const tracer = activeTracer();
    // Traced: the request's span rides on its context, so each subgraph fetch is its child.
    let execution: ReturnType<typeof execute>;
    if (!tracer) execution = execute();
    else {
      const span = tracer.startSpan('graphql request', { kind: SpanKind.SERVER, attributes: { 'http.request.method': method, 'url.path': url.pathname } }, contextFromHeaders(req.headers));
      options.traced?.(context, childOf(span));
      execution = inSpan(span, execute);
    }
    let response: Awaited<typeof execution>;
    try {
      response = deadline ? await deadline.race(execution) : await execution;
    } catch (error) {
      if (error instanceof DeadlineExceeded) throw new HttpError(504, EXECUTION_TIMEOUT, error.message);
      throw error;
    } finally {
      deadline?.end();
    }
    if (context.operation) {
      answered.operation = context.operation.name;
      answered.failed = context.operation.failed === true;
    }
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      if (!cached || !request) {
        if (cached) res.setHeader(CACHE_HEADER, 'pass');
        res.end(response.body.string);
        return;
      }
      const answer = Buffer.from(response.body.string);
      const cacheability = cached.cacheability(context);
      if (cacheability === 'volatile') cached.cache.rememberVolatile(request.query);
      const stored = lookup !== undefined && res.statusCode === 200 && cacheability === 'cacheable'
        && cached.cache.store(request.key, lookup.position, { headers: Object.fromEntries(response.headers), body: answer });
      res.setHeader(CACHE_HEADER, stored ? 'miss' : 'pass');
      if (lookup) res.setHeader(POSITION_HEADER, lookup.position.value);
      res.end(answer);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }
}

function refusesCachedAnswer(cacheControl: string | undefined): boolean {
  return cacheControl !== undefined && /(^|,)\s*no-(cache|store)\s*(,|$)/i.test(cacheControl);
}

/** Whether a GET's parameters name a document to run (its text, or a trusted document's id); else a browser gets the explorer. */
export function namesDocument(params: URLSearchParams): boolean {
  return params.has('query') || params.has('documentId');
}

export function acceptsHtml(accept: string | undefined): boolean {
  return accept !== undefined && /(^|,)\s*text\/html\s*(;|,|$)/i.test(accept);
}

async function readJsonBody(req: http.IncomingMessage, maxBytes: number): Promise<unknown> {
  const contentType = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (contentType !== 'application/json') {
    throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE',
      `a POST body must be application/json, got ${contentType ? JSON.stringify(contentType) : 'no content-type'}`, { accept: 'application/json' });
  }
  const charset = /;\s*charset=("?)([^";]+)\1/i.exec(req.headers['content-type'] ?? '')?.[2];
  if (charset && !/^utf-?8$/i.test(charset)) {
    throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', `a POST body must be UTF-8, got charset ${JSON.stringify(charset)}`);
  }
  const text = await readBoundedBody(req, maxBytes);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new HttpError(400, 'BAD_REQUEST', `the POST body is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  // Said here in the words of every other refusal (what was expected, what arrived), where Apollo Server
  // would answer "Operation batching disabled." or "GraphQL queries must be strings.".
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(400, 'BAD_REQUEST',
      `expected a POST body of one operation, a JSON object {"query", "variables"?, "operationName"?, "extensions"?}, got ${Array.isArray(body) ? `an array of ${body.length} (batches are not served: send each operation alone)` : JSON.stringify(body)}`);
  }
  const { query } = body as { query?: unknown };
  if (query !== undefined && query !== null && typeof query !== 'string') {
    throw new HttpError(400, 'BAD_REQUEST', `expected "query" to be the document's text, a string, got ${JSON.stringify(query)?.slice(0, 80)}`);
  }
  return body;
}


function send(res: http.ServerResponse, response: ExplorerResponse, method: string): void {
  res.writeHead(response.status, { ...response.headers, 'content-length': String(Buffer.byteLength(response.body)) });
  res.end(method === 'HEAD' ? undefined : response.body);
}

