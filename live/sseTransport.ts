/**
 * graphql-sse (GraphQL over Server-Sent Events) for clients and proxies that
 * cannot hold a WebSocket: graphql-sse's protocol handler around
 * {@link LiveOperations}, on node:http, with bounds on what a client may hold.
 *
 * In single connection mode a client reserves a stream (PUT, a token), opens
 * it (an event-stream request with the token) and runs operations on it
 * (POSTs with the token). Unbounded, that lets a client that reserves and
 * subscribes but never opens its stream make the hub keep every payload for
 * it. So:
 * - a reservation not opened within `reservationTtlMs` is dropped, with its
 *   operations;
 * - one client address holds at most `streamsPerClient` reservations and
 *   streams (one more PUT: 429);
 * - a stream has at most `operationsPerStream` operations (one more: 429);
 * - a result for a stream that is not open yet, or whose client has not read
 *   the last one, waits in its subscription's bounded queue (live/changeQueue.ts)
 *   instead of in graphql-sse's, which has no bound;
 * - a request body is read up to `maxBodyBytes` (413 past it).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ExecutionResult, GraphQLError } from 'graphql';
import { createHandler, type Request, type Response } from 'graphql-sse';
import { whenExpired } from '../access/expiry';
import { OPEN_PRINCIPAL, type Principal } from '../access/principal';
import { DEFAULT_LIMITS } from '../config/limits';
import { HttpError, sendError } from '../http/httpError';
import { readBoundedBody } from '../http/requestBody';
import type { GraphQLHttpParams } from '../access/trustedDocumentParams';
import type { LiveOperations } from './operations';

export type SseHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export interface SseLimits {
  readonly maxBodyBytes: number;
  readonly reservationTtlMs: number;
  readonly streamsPerClient: number;
  readonly operationsPerStream: number;
}

export const DEFAULT_SSE_LIMITS: SseLimits = {
  maxBodyBytes: DEFAULT_LIMITS.graphqlBodyBytes,
  reservationTtlMs: DEFAULT_LIMITS.sseReservationTtlMs,
  streamsPerClient: DEFAULT_LIMITS.sseStreamsPerClient,
  operationsPerStream: DEFAULT_LIMITS.subscriptionsPerConnection,
};

interface RequestContext {
  readonly res: ServerResponse | undefined;
}

/** A stream reserved by a PUT (single connection mode), until it closes or expires. */
interface Reservation {
  readonly client: string;
  /** Its event stream, once opened. */
  res: ServerResponse | undefined;
  /** Resolves when the stream opens, or the reservation ends. */
  readonly opened: Promise<void>;
  readonly markOpened: () => void;
  readonly expiry: NodeJS.Timeout;
  operations: number;
}

export interface SseTransport {
  readonly handle: SseHandler;
  /** Reservations and streams of single connection mode (for tests and metrics). */
  reservations(): number;
  close(): void;
}

/**
 * `principalOf` tells who sent a request (admitted by the gateway's doors
 * from its Authorization header); an event stream ends when that token expires.
 * `resolveDocument` (trusted documents, access/trustedDocumentParams.ts)
 * rewrites an operation's GET parameters or POST body before graphql-sse
 * reads them, an id replaced by its document; it throws an HttpError to
 * refuse the operation.
 */
export function createSseTransport(
  operations: LiveOperations, limits: SseLimits = DEFAULT_SSE_LIMITS, principalOf: (req: IncomingMessage) => Principal = () => OPEN_PRINCIPAL,
  resolveDocument?: (req: IncomingMessage, params: GraphQLHttpParams) => GraphQLHttpParams,
): SseTransport {
  const reservations = new Map<string, Reservation>();
  const perClient = new Map<string, number>();
  /** The reservation each operation's POST counts against, until the operation completes. */
  const operationOf = new WeakMap<IncomingMessage, Reservation>();

  const handler = createHandler<IncomingMessage, RequestContext>({
    schema: operations.schema,
    onSubscribe: (req, params) => {
      const prepared = operations.prepare(
        { query: params.query as string, variables: params.variables, operationName: params.operationName }, undefined,
        req.raw ? principalOf(req.raw) : OPEN_PRINCIPAL, req.raw?.headers.authorization, { door: 'graphql-sse', client: req.raw?.socket.remoteAddress ?? null },
      );
      // graphql-sse's protocol: errors before execution go in the accepted event
      // stream, as a `next` event and `complete`. (graphql-sse takes a plain
      // `{ errors }` for execution arguments and answers 400 "Unable to detect
      // operation AST", losing them; a stream of one result is sent as it is.)
      if (Array.isArray(prepared)) return errorsOnly(prepared);
      return prepared as never;
    },
    execute: (args) => operations.execute(args),
    subscribe: (args) => operations.subscribe(args),
    // graphql-sse takes each result as soon as it comes and keeps what its
    // client has not read in memory, without bound. Holding the next result
    // back until the stream is open and has flushed the last one leaves unread
    // changes in the subscription's queue, which is bounded and coalesces
    // (docs/live.md, Slow subscribers), as graphql-ws's awaited sends do.
    onNext: async (_ctx, req) => {
      const token = streamToken(req.raw);
      if (token === undefined) {
        if (req.context.res) await flushed(req.context.res);
        return;
      }
      const reservation = reservations.get(token);
      if (!reservation) return;
      await reservation.opened;
      if (reservation.res) await flushed(reservation.res);
    },
    onComplete: (_ctx, req) => {
      const reservation = operationOf.get(req.raw);
      if (reservation) {
        operationOf.delete(req.raw);
        reservation.operations--;
      }
    },
  });

  function release(token: string, reservation: Reservation): void {
    if (reservations.get(token) !== reservation) return;
    reservations.delete(token);
    clearTimeout(reservation.expiry);
    reservation.markOpened();
    const held = (perClient.get(reservation.client) ?? 1) - 1;
    if (held > 0) perClient.set(reservation.client, held);
    else perClient.delete(reservation.client);
  }

  /**
   * Drops a reservation nobody opened: graphql-sse ends a stream (and its
   * operations) only when its event stream ends, so it is opened here, through
   * the handler, and ended at once.
   */
  async function expire(token: string, reservation: Reservation): Promise<void> {
    if (reservation.res) return;
    release(token, reservation);
    const [body] = await handler({
      method: 'GET', url: `/?token=${encodeURIComponent(token)}`,
      headers: { get: (key: string) => (key === 'accept' ? 'text/event-stream' : undefined) },
      body: null, raw: undefined as never, context: { res: undefined },
    });
    if (body !== null && typeof body !== 'string') await body.return(undefined);
  }

  function reserve(token: string, client: string): void {
    let markOpened!: () => void;
    const opened = new Promise<void>((resolve) => { markOpened = resolve; });
    const reservation: Reservation = {
      client, res: undefined, opened, markOpened, operations: 0,
      expiry: setTimeout(() => void expire(token, reservation).catch(() => undefined), limits.reservationTtlMs),
    };
    reservation.expiry.unref();
    reservations.set(token, reservation);
    perClient.set(client, (perClient.get(client) ?? 0) + 1);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if ((req.headers.accept ?? '').includes('text/event-stream')) {
      const cancel = whenExpired(principalOf(req), () => res.end());
      res.once('close', cancel);
    }
    const token = streamToken(req);
    const client = req.socket.remoteAddress ?? 'unknown';
    const eventStream = (req.headers.accept ?? '') === 'text/event-stream';
    const reservation = token === undefined ? undefined : reservations.get(token);

    if (req.method === 'PUT' && (perClient.get(client) ?? 0) >= limits.streamsPerClient) {
      throw new HttpError(429, 'TOO_MANY_STREAMS',
        `expected at most ${limits.streamsPerClient} graphql-sse streams (reserved or open) per client; close one first`,
        { 'retry-after': String(Math.ceil(limits.reservationTtlMs / 1000)) });
    }
    let counted: Reservation | undefined;
    if (reservation && !eventStream && req.method === 'POST') {
      if (reservation.operations >= limits.operationsPerStream) {
        throw new HttpError(429, 'TOO_MANY_OPERATIONS',
          `expected at most ${limits.operationsPerStream} operations open at once on one stream; complete one first`);
      }
      reservation.operations++;
      operationOf.set(req, reservation);
      counted = reservation;
    }
    if (reservation && eventStream && !reservation.res) {
      reservation.res = res;
      clearTimeout(reservation.expiry);
      reservation.markOpened();
      res.once('close', () => release(token!, reservation));
    }

    let body: string | Record<string, unknown> | null = req.method === 'POST' ? await readBoundedBody(req, limits.maxBodyBytes) : null;
    let url = req.url ?? '/';
    let response: Response;
    try {
      if (resolveDocument) ({ url, body } = withDocument(req, url, body, resolveDocument));
      response = await handler({
        method: req.method ?? 'GET', url,
        headers: {
          get(key: string) {
            const header = req.headers[key];
            return Array.isArray(header) ? header.join('\n') : header;
          },
        },
        body, raw: req, context: { res },
      } satisfies Request<IncomingMessage, RequestContext>);
    } catch (error) {
      if (counted && operationOf.delete(req)) counted.operations--;
      throw error;
    }
    const [responseBody, init] = response;
    // Refused, or ended before it ran: no operation to count.
    if (counted && init.status !== 202 && operationOf.delete(req)) counted.operations--;
    if (req.method === 'PUT' && init.status === 201 && typeof responseBody === 'string') reserve(responseBody, client);

    if (init.status >= 400 && (!responseBody || typeof responseBody === 'string')) {
      const refusal = withCode(init.status, init.statusText, responseBody, token !== undefined);
      res.writeHead(init.status, init.statusText, { ...init.headers, 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(refusal)) });
      await new Promise<void>((resolve) => res.end(refusal, () => resolve()));
      return;
    }
    res.writeHead(init.status, init.statusText, init.headers);
    if (!responseBody || typeof responseBody === 'string') {
      await new Promise<void>((resolve) => res.end(responseBody, () => resolve()));
      return;
    }
    const stop = () => void responseBody.return(undefined);
    res.once('close', stop);
    for await (const value of responseBody) {
      if (!res.writable) break;
      const written = await new Promise<boolean>((resolve) => res.write(value, (error) => resolve(!error)));
      if (!written) break;
    }
    res.off('close', stop);
    await new Promise<void>((resolve) => res.end(() => resolve()));
  }

  return {
    handle: (req, res) => handle(req, res).catch((error: unknown) => {
      if (!(error instanceof HttpError)) throw error;
      sendError(req, res, error);
    }),
    reservations: () => reservations.size,
    close() {
      for (const [token, reservation] of reservations) {
        if (reservation.res) reservation.res.destroy();
        else void expire(token, reservation).catch(() => undefined);
      }
    },
  };
}

/** The code of each of graphql-sse's own refusals, by status: it gives them a message only (or nothing at all). */
const REFUSAL_CODES: Readonly<Record<number, string>> = {
  400: 'BAD_REQUEST', 404: 'STREAM_NOT_FOUND', 405: 'METHOD_NOT_ALLOWED', 406: 'NOT_ACCEPTABLE', 409: 'STREAM_CONFLICT', 415: 'UNSUPPORTED_MEDIA_TYPE',
};

const STREAM_TOKEN = 'expected the token of a stream reserved with PUT (header x-graphql-event-stream-token or ?token=) and still held';

/**
 * A refusal of graphql-sse's as every other 4xx of the gateway: GraphQL
 * errors, each with `extensions.code` (its own when it has one).
 */
function withCode(status: number, statusText: string | undefined, body: string | null | undefined, namedStream: boolean): string {
  let errors: Array<{ message?: unknown; extensions?: Record<string, unknown> }> | undefined;
  try {
    const parsed = body ? JSON.parse(body) as { errors?: unknown } : undefined;
    if (Array.isArray(parsed?.errors)) errors = parsed.errors;
  } catch {
    // Not JSON: its text becomes the message below.
  }
  errors ??= [{ message: body || statusText || `HTTP ${status}` }];
  const code = REFUSAL_CODES[status] ?? 'BAD_REQUEST';
  return JSON.stringify({
    errors: errors.map((error) => error.extensions?.code !== undefined ? error : {
      ...error,
      message: code !== 'STREAM_NOT_FOUND' ? error.message
        : namedStream ? `${STREAM_TOKEN}, got one this hub does not hold: never reserved, not opened within SSE_RESERVATION_TTL_SECONDS, or closed` : `${STREAM_TOKEN}, got none`,
      extensions: { ...error.extensions, code },
    }),
  });
}

/**
 * The request's operation with its document resolved: a GET's query string,
 * or a POST's JSON body (handed to graphql-sse parsed). A body that is not
 * JSON is left for graphql-sse to refuse.
 */
function withDocument(
  req: IncomingMessage, url: string, body: string | null, resolve: (req: IncomingMessage, params: GraphQLHttpParams) => GraphQLHttpParams,
): { url: string; body: string | Record<string, unknown> | null } {
  if (req.method === 'GET') {
    const at = url.indexOf('?');
    if (at < 0) return { url, body };
    const { search } = resolve(req, { method: 'GET', search: url.slice(at), body: undefined });
    return { url: `${url.slice(0, at)}${search}`, body };
  }
  if (req.method !== 'POST' || body === null) return { url, body };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { url, body };
  }
  const resolved = resolve(req, { method: 'POST', search: '', body: parsed }).body;
  return { url, body: typeof resolved === 'object' && resolved !== null && !Array.isArray(resolved) ? resolved as Record<string, unknown> : body };
}

/** The reservation token a request names (single connection mode), as graphql-sse reads it. */
function streamToken(req: IncomingMessage | undefined): string | undefined {
  if (!req) return undefined;
  const header = req.headers['x-graphql-event-stream-token'];
  if (typeof header === 'string' && header !== '') return header;
  return new URL(req.url ?? '/', 'http://localhost').searchParams.get('token') ?? undefined;
}

/** Resolves once the response has handed everything written to it to the kernel, or is closed. */
async function flushed(res: ServerResponse): Promise<void> {
  while (res.writableLength > 0 && !res.destroyed && !res.writableEnded) {
    // No event says "all written": 'drain' comes only after a write that overflowed the buffer.
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function* errorsOnly(errors: readonly GraphQLError[]): AsyncGenerator<ExecutionResult> {
  yield { errors };
}

/** Whether a request to the GraphQL path is meant for graphql-sse (event streams and their reservations). */
export function isSseRequest(req: IncomingMessage): boolean {
  const accept = req.headers.accept ?? '';
  return accept.includes('text/event-stream') || req.method === 'PUT' || req.method === 'DELETE'
    || req.headers['x-graphql-event-stream-token'] !== undefined;
}
