import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Pool } from 'pg';
import type { CommittedEvents } from '../hub/eventLog';
import { startGroupCommit, type GroupCommitStats, type GroupLimits } from './groupCommit';
import { bodyShapeOf, bodyText, eventsOfBody, HttpError, readBody, type IngestLimits } from './httpRequest';
import { listExceptions, listParked, listRejected, parseLimit } from './operatorViews';
import { prepareEvents } from './prepare';
import type { IngestLogger } from './server';
import { readIngestStatus } from '../hub/status';
import { isOperationsPath, sendProbeAnswer, type HealthPath, type ProbeAnswer } from '../observability/probes';
import { activeTracer, contextFromHeaders, inSpan, linksTo, parentOfLinks, SpanKind } from '../observability/tracing';
import type { IngestResult } from './outcome';

/**
 * The ingest port (docs/api.md#ingest-over-http) on node:http: `POST /events` and
 * `GET /status`, served on the ingest thread (ingest/ingestThread.ts, started
 * by ingest/server.ts). A thin adapter: the work is in prepareEvents, the
 * group commit and readIngestStatus. Every answer is JSON; errors are
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
  /** Called whenever the group commit's counts change. */
  readonly onGroupCommitStats?: (stats: GroupCommitStats) => void;
  /** Hears of committed events at consecutive positions (see storeEventGroup). */
  readonly onCommitted?: (events: CommittedEvents) => void;
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
const OPERATOR_LISTS = { '/parked': listParked, '/exceptions': listExceptions, '/rejected': listRejected } as const;

export async function serveIngest(options: HttpServerOptions): Promise<HttpServer> {
  const { limits, log } = options;
  // Prepared requests are written to the event log together, by one writer (see ingest/groupCommit.ts).
  const eventLog = startGroupCommit(options.pool, { limits: options.groupLimits, log, onStats: options.onGroupCommitStats, onCommitted: options.onCommitted });
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (error instanceof HttpError) return send(res, error.status, { error: { code: error.code, message: error.message } }, error.headers);
      log?.error(`ingest: ${req.method} ${req.url} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      send(res, 500, { error: { code: 'INTERNAL', message: 'internal error; the request was not processed' } });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/events') {
      if (req.method !== 'POST') throw methodNotAllowed(req, 'POST');
      const tracer = activeTracer();
      const startTime = tracer ? new Date() : undefined;
      const shape = bodyShapeOf(req.headers['content-type']);
      const raws = eventsOfBody(bodyText(await readBody(req, limits)), shape, limits);
      const prepared = prepareEvents(raws);
      const store = async (): Promise<IngestResult> => {
        try {
          return await eventLog.store(prepared);
        } catch (error) {
          throw unavailable(error, 'no event of the request was accepted; send it again');
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
          const committed = await inSpan(tracer.startSpan('event log commit', { attributes: { 'servicegraph.events': prepared.length } }), store);
          span.setAttributes({
            'http.response.status_code': 202, 'servicegraph.accepted': committed.accepted,
            'servicegraph.duplicates': committed.duplicates, 'servicegraph.rejected': committed.rejected,
          });
          return committed;
        });
      }
      log?.debug(`ingest: ${prepared.length} events: ${result.accepted} accepted, ${result.duplicates} duplicates, ${result.rejected} rejected`);
      options.onOutcomes?.(result.accepted, result.duplicates, result.rejected);
      send(res, 202, result);
      return;
    }
    if (path === '/status') {
      if (req.method !== 'GET') throw methodNotAllowed(req, 'GET');
      try {
        send(res, 200, await readIngestStatus(options.pool));
      } catch (error) {
        throw unavailable(error, 'the status could not be read');
      }
      return;
    }
    if (isOperationsPath(path) && (req.method === 'GET' || req.method === 'HEAD')) {
      if (path === '/healthz' || !options.operations) {
        sendProbeAnswer(res, { status: path === '/healthz' ? 200 : 404, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
          body: path === '/healthz' ? '{"status":"ok"}' : `{"error":{"code":"NOT_FOUND","message":"${path} is not served here"}}` }, req.method);
        return;
      }
      sendProbeAnswer(res, await options.operations(path), req.method);
      return;
    }
    const list = OPERATOR_LISTS[path as keyof typeof OPERATOR_LISTS];
    if (list) {
      if (req.method !== 'GET') throw methodNotAllowed(req, 'GET');
      const limit = parseLimit((req.url ?? '').split('?')[1] ?? '');
      if (typeof limit === 'string') throw new HttpError(400, 'BAD_REQUEST', limit);
      try {
        send(res, 200, { [path.slice(1)]: await list(options.pool, limit) });
      } catch (error) {
        throw unavailable(error, 'the list could not be read');
      }
      return;
    }
    throw new HttpError(404, 'NOT_FOUND', `expected POST /events, or GET /status, /parked, /exceptions, /rejected, /healthz, /readyz or /metrics, got ${req.method} ${path}`);
  }

  function unavailable(error: unknown, consequence: string): HttpError {
    log?.warn(`ingest: database failed: ${error instanceof Error ? error.message : String(error)}`);
    return new HttpError(503, 'DATABASE_UNAVAILABLE', `the database failed (${error instanceof Error ? error.message : String(error)}); ${consequence}`, { 'retry-after': '1' });
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
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      }),
  };
}

function methodNotAllowed(req: IncomingMessage, allowed: string): HttpError {
  const path = (req.url ?? '/').split('?')[0];
  return new HttpError(405, 'METHOD_NOT_ALLOWED', `expected ${allowed} ${path}, got ${req.method} ${path}`, { allow: allowed });
}

function send(res: ServerResponse, status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}
