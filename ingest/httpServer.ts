import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Pool } from 'pg';
import { AccessError } from '../access/accessError';
import { AuditLog } from '../access/auditLog';
import { clientAddress, Doors, PROBE_PATHS } from '../access/doors';
import type { Principal } from '../access/principal';
import { OPEN_ACCESS, type AccessSettings } from '../access/settings';
import type { CommittedEvents } from '../hub/eventLog';
import { applyServerLimits, type ServerLimits } from '../http/serverLimits';
import { CommitTimeout, startGroupCommit, type GroupCommitStats, type GroupLimits } from './groupCommit';
import { bodyShapeOf, bodyText, eventsOfBody, HttpError, readBody, type IngestLimits } from './httpRequest';
import type { IngestResult } from './outcome';
import { listAudit, listExceptions, listJson, listParked, listRejected, parseLimit } from './operatorViews';
import { FORBIDDEN_SOURCE, prepareEvents } from './prepare';
import type { IngestLogger } from './server';
import { readIngestStatus } from '../hub/status';
import { isOperationsPath, sendProbeAnswer, type HealthPath, type ProbeAnswer } from '../observability/probes';
import { activeTracer, childOf, contextFromHeaders, inSpan, linksTo, parentOfLinks, SpanKind } from '../observability/tracing';

/**
 * The ingest port (docs/api.md#ingest-over-http) on node:http: `POST /events`, `GET /status`
 * and the operators' lists, served on the ingest thread
 * (ingest/ingestThread.ts, started by ingest/server.ts). A thin adapter: the
 * work is in prepareEvents, the group commit and readIngestStatus. Every
 * request passes the doors first (access/doors.ts: host, CORS, token, rate
 * limit, scope); every ingest request, refusal and operator read is recorded
 * in the audit log. Every answer is JSON; errors are
 * `{"error": {"code", "message"}}`.
 */

export interface HttpServerOptions {
  readonly pool: Pool;
  readonly host: string;
  /** 0 = any free port (see the returned `port`). */
  readonly port: number;
  readonly log?: IngestLogger;
  readonly limits: IngestLimits;
  readonly groupLimits?: Partial<GroupLimits>;
  /** Timeouts and connection limits (http/serverLimits.ts). */
  readonly serverLimits?: ServerLimits;
  /** A request not committed by then is answered 503 with Retry-After (default: waits). */
  readonly commitTimeoutMs?: number;
  /** A read (/status, the operators' lists) not answered by then is answered 503 (default: waits). */
  readonly readTimeoutMs?: number;
  /** Called whenever the group commit's counts change. */
  readonly onGroupCommitStats?: (stats: GroupCommitStats) => void;
  /** Hears of committed events at consecutive positions (see storeEventGroup). */
  readonly onCommitted?: (events: CommittedEvents) => void;
  /** Who may use which door (default: AUTH=off, any host, no CORS, no rate limit). */
  readonly access?: AccessSettings;
  /** Answers GET /readyz and /metrics (the hub's thread knows the listeners and holds the registry); /healthz is answered here. */
  readonly operations?: (path: Exclude<HealthPath, '/healthz'>) => Promise<ProbeAnswer>;
  /** Counts each request's answers by outcome (`servicegraph_events_total`). */
  readonly onOutcomes?: (accepted: number, duplicates: number, rejected: number) => void;
}

export interface HttpServer {
  readonly port: number;
  /** Stops accepting connections and resolves when the requests under way have been answered. */
  close(): Promise<void>;
}

/** Operators' lists, each `GET <path>?limit=N`. */
const OPERATOR_LISTS = { '/parked': listParked, '/exceptions': listExceptions, '/rejected': listRejected, '/audit': listAudit } as const;

/** At most this many distinct sources of one request are named in its audit row. */
const AUDITED_SOURCES = 20;

export async function serveIngest(options: HttpServerOptions): Promise<HttpServer> {
  const { limits, log } = options;
  const audit = new AuditLog(options.pool, { onError: (message) => log?.warn(`ingest: ${message}`) });
  const doors = await Doors.create(options.access ?? OPEN_ACCESS, audit);
  // Prepared requests are written to the event log together, by one writer (see ingest/groupCommit.ts).
  const eventLog = startGroupCommit(options.pool, { limits: options.groupLimits, log, onStats: options.onGroupCommitStats, onCommitted: options.onCommitted });
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (error instanceof AccessError) {
        // A refused request's body is not read: the connection closes after the answer rather than read it all.
        return send(res, error.status, { error: { code: error.code, message: error.message } }, req.complete ? error.headers() : { ...error.headers(), connection: 'close' });
      }
      if (error instanceof HttpError) return send(res, error.status, { error: { code: error.code, message: error.message } }, error.headers);
      // The client gets the id, never the detail; the log has both.
      const errorId = randomUUID();
      log?.error(`ingest: error ${errorId}: ${req.method} ${req.url} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      send(res, 500, { error: { code: 'INTERNAL', message: `internal error; the request was not processed (error id ${errorId})`, errorId } });
    });
  });

  if (options.serverLimits) applyServerLimits(server, options.serverLimits);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0]!;
    const probe = isOperationsPath(path) && (req.method === 'GET' || req.method === 'HEAD');
    // Liveness and readiness tell nothing about the hub's data: no token, any Host (probes name the container's address).
    if (probe && PROBE_PATHS.has(path)) return answerOperations(req, res, path);
    const door = `${req.method} ${path}`;
    const front = doors.front(req, door);
    for (const [name, value] of Object.entries(front.headers)) res.setHeader(name, value);
    if (front.preflight) {
      res.writeHead(204).end();
      return;
    }
    // Metrics tell how the hub is used: operators only.
    if (probe) {
      await doors.admit(req, door, 'operations:read');
      return answerOperations(req, res, path);
    }
    if (path === '/events') {
      if (req.method !== 'POST') throw methodNotAllowed(req, 'POST');
      const principal = await doors.admit(req, door, 'events:write');
      try {
        const result = await ingest(req, principal);
        send(res, 202, result);
        auditIngest(req, principal, 202, undefined, result);
      } catch (error) {
        if (error instanceof HttpError) auditIngest(req, principal, error.status, `${error.code}: ${error.message}`);
        throw error;
      }
      return;
    }
    if (path === '/status') {
      if (req.method !== 'GET') throw methodNotAllowed(req, 'GET');
      await doors.admit(req, door, 'operations:read');
      try {
        send(res, 200, await withinReadTimeout(readIngestStatus(options.pool)));
      } catch (error) {
        throw unavailable(error, 'the status could not be read');
      }
      return;
    }
    const list = OPERATOR_LISTS[path as keyof typeof OPERATOR_LISTS];
    if (list) {
      if (req.method !== 'GET') throw methodNotAllowed(req, 'GET');
      const principal = await doors.admit(req, door, 'operations:read');
      const limit = parseLimit((req.url ?? '').split('?')[1] ?? '');
      if (typeof limit === 'string') throw new HttpError(400, 'BAD_REQUEST', limit);
      let rows;
      try {
        rows = await withinReadTimeout<readonly object[]>(list(options.pool, limit));
      } catch (error) {
        throw unavailable(error, 'the list could not be read');
      }
      sendJson(res, 200, listJson(path.slice(1), rows));
      audit.record({ kind: 'operator', door, subject: principal.subject, client: clientAddress(req) ?? null, status: 200, reason: `listed ${rows.length} (limit ${limit})` });
      return;
    }
    if (isOperationsPath(path)) throw methodNotAllowed(req, 'GET');
    throw new HttpError(404, 'NOT_FOUND', `expected POST /events, or GET /status, /parked, /exceptions, /rejected, /audit, /healthz, /readyz or /metrics, got ${req.method} ${path}`);
  }

  async function ingest(req: IncomingMessage, principal: Principal): Promise<IngestResult> {
    const tracer = activeTracer();
    const startTime = tracer ? new Date() : undefined;
    const shape = bodyShapeOf(req.headers['content-type']);
    const { raws, exact } = eventsOfBody(bodyText(await readBody(req, limits)), shape, limits);
    const prepared = prepareEvents(raws, principal, exact);
    const store = async (): Promise<IngestResult> => {
      try {
        return await eventLog.store(prepared, options.commitTimeoutMs);
      } catch (error) {
        throw unavailable(error, error instanceof CommitTimeout
          ? 'it was not acknowledged; send it again (events already stored come back as duplicates)'
          : 'no event of the request was accepted; send it again');
      }
    };
    let result: IngestResult;
    if (!tracer) result = await store();
    else {
      // Linked to each event's trace; a child of the one trace when the request carries events of only one.
      const links = linksTo(raws.map((raw) => (raw as { traceparent?: unknown } | null)?.traceparent));
      const span = tracer.startSpan('POST /events', {
        kind: SpanKind.SERVER, startTime, links, attributes: { 'http.request.method': 'POST', 'url.path': '/events', 'servicegraph.events': raws.length },
      }, parentOfLinks(contextFromHeaders(req.headers), links));
      result = await inSpan(span, async () => {
        const committed = await inSpan(tracer.startSpan('event log commit', { attributes: { 'servicegraph.events': prepared.length } }, childOf(span)), store);
        span.setAttributes({
          'http.response.status_code': 202, 'servicegraph.accepted': committed.accepted,
          'servicegraph.duplicates': committed.duplicates, 'servicegraph.rejected': committed.rejected,
        });
        return committed;
      });
    }
    log?.debug(`ingest: ${prepared.length} events: ${result.accepted} accepted, ${result.duplicates} duplicates, ${result.rejected} rejected`);
    options.onOutcomes?.(result.accepted, result.duplicates, result.rejected);
    return result;
  }

  function auditIngest(req: IncomingMessage, principal: Principal, status: number, reason: string | undefined, result?: IngestResult): void {
    let detail: Record<string, unknown> | undefined;
    if (result) {
      const sources = new Set<string>();
      for (const event of result.results) {
        if (event.source !== null && sources.size < AUDITED_SOURCES) sources.add(event.source);
      }
      const forbidden = result.results.filter((event) => event.errors?.some((e) => e.code === FORBIDDEN_SOURCE)).length;
      detail = { events: result.results.length, accepted: result.accepted, duplicates: result.duplicates, rejected: result.rejected, forbidden, sources: [...sources] };
    }
    audit.record({ kind: 'ingest', door: 'POST /events', subject: principal.subject, client: clientAddress(req) ?? null, status, reason, detail });
  }

  async function answerOperations(req: IncomingMessage, res: ServerResponse, path: HealthPath): Promise<void> {
    if (path === '/healthz' || !options.operations) {
      sendProbeAnswer(res, { status: path === '/healthz' ? 200 : 404, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
        body: path === '/healthz' ? '{"status":"ok"}' : `{"error":{"code":"NOT_FOUND","message":"${path} is not served here"}}` }, req.method);
      return;
    }
    sendProbeAnswer(res, await options.operations(path), req.method);
  }

  /** A database that does not answer a read in time is answered as unavailable, not waited for. */
  function withinReadTimeout<T>(read: Promise<T>): Promise<T> {
    const ms = options.readTimeoutMs;
    if (ms === undefined) return read;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the database did not answer within ${ms / 1000} s`)), ms);
    });
    return Promise.race([read, late]).finally(() => clearTimeout(timer));
  }

  /** What the client is told of a database failure: what became of its request, and when to try again; never the database's own text. */
  function unavailable(error: unknown, consequence: string): HttpError {
    const errorId = randomUUID();
    log?.warn(`ingest: error ${errorId}: database failed: ${error instanceof Error ? error.message : String(error)}`);
    const what = error instanceof CommitTimeout ? error.message : 'the database is unavailable';
    return new HttpError(503, 'DATABASE_UNAVAILABLE', `${what}; ${consequence} (error id ${errorId})`, { 'retry-after': '1' });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  return {
    port: (server.address() as AddressInfo).port,
    close: async () => {
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      });
      await audit.close();
    },
  };
}

function methodNotAllowed(req: IncomingMessage, allowed: string): HttpError {
  const path = (req.url ?? '/').split('?')[0];
  return new HttpError(405, 'METHOD_NOT_ALLOWED', `expected ${allowed} ${path}, got ${req.method} ${path}`, { allow: allowed });
}

function send(res: ServerResponse, status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): void {
  sendJson(res, status, JSON.stringify(body), headers);
}

/** An answer whose JSON text is already written. */
function sendJson(res: ServerResponse, status: number, text: string, headers: Readonly<Record<string, string>> = {}): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}
