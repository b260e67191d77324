/**
 * Saved reports on the gateway's port, for BI tools that read JSON or CSV
 * over HTTP GET (docs/reporting.md):
 *
 *   GET /reports                       the catalogue: name, title, parameters with types, URLs
 *   GET /reports/<name>.json?<p>=<v>   the report's rows as JSON
 *   GET /reports/<name>.csv?<p>=<v>    the report's rows as CSV (RFC 4180, UTF-8, header row)
 *
 * A report runs through the gateway's own pipeline under the caller's
 * identity, so every access rule of GraphQL applies to it; every page of its
 * main list is read and streamed as it arrives, so memory stays bounded
 * whatever the number of rows. Its `ETag` is made of the read model's
 * position, the report, its parameters and who asks: an unchanged read model
 * answers `If-None-Match` with `304` without running anything.
 */
import { createHash } from 'node:crypto';
import type http from 'node:http';
import { stringify as stringifyCsv } from 'csv-stringify/sync';
import type { FormattedExecutionResult, GraphQLSchema } from 'graphql';
import { principalPartition, type Principal } from '../access/principal';
import type { GatewayCore, GatewayExtension } from '../gateway/gateway';
import { loadReports, type Report } from './catalogue';
import { reportVariables, ReportParameterError } from './parameters';
import { csvHeader, csvRowsOf } from './rows';

export const REPORTS_PATH = '/reports';
/** Rows asked of a connection per page: the API's cap. */
const DEFAULT_PAGE_SIZE = 500;
/**
 * Caches (a BI tool's, a proxy's) may keep an answer but must revalidate it on
 * every use; revalidation is a cheap 304 while the read model has not moved.
 * `private`: the answer depends on who asks.
 */
const CACHE_CONTROL = 'private, no-cache';

/** Runs a report's operation for the request's caller through the gateway's pipeline. */
export type ReportExecutor = (
  req: http.IncomingMessage, report: Report, variables: Record<string, unknown>,
) => Promise<FormattedExecutionResult>;

export interface ReportsOptions {
  /** The API schema, to check parameters against. */
  readonly schema: GraphQLSchema;
  readonly execute: ReportExecutor;
  /**
   * Refuses a caller who may not read the report (throws a {@link ReportHttpError} with its status),
   * before its tag is compared or anything runs. The execution itself applies
   * every access rule again.
   */
  readonly authorize?: (req: http.IncomingMessage, report: Report) => Promise<void>;
  /** The read model's position, for the `ETag`; without it answers carry none. */
  readonly position?: () => Promise<string>;
  /**
   * What distinguishes callers whose answers may differ (their scopes and
   * legal entities); part of the `ETag`, so one caller's tag never matches
   * another's answer. Default: the request's `Authorization` header.
   */
  readonly callerKey?: (req: http.IncomingMessage) => string | Promise<string>;
  /** Default: every file of the repository's `reports/`. */
  readonly reports?: ReadonlyMap<string, Report>;
  /** Rows asked per page of a connection (default 500, the API's cap). */
  readonly pageSize?: number;
}

type Format = 'json' | 'csv';

/** An answer other than the report: status, code and a message saying what was wrong. */
export class ReportHttpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly details: Record<string, unknown> = {}) {
    super(message);
  }
}

/** A request handler for `/reports…`; returns false for any other path. */
export function createReportsHandler(options: ReportsOptions): (req: http.IncomingMessage, res: http.ServerResponse) => Promise<boolean> {
  const reports = options.reports ?? loadReports();
  const callerKey = options.callerKey ?? ((req) => req.headers.authorization ?? '');
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;

  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://gateway.invalid');
    if (!isReportsPath(url.pathname)) return false;
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        throw new ReportHttpError(405, 'METHOD_NOT_ALLOWED', `reports are read with GET, got ${req.method}`);
      }
      if (url.pathname === REPORTS_PATH || url.pathname === `${REPORTS_PATH}/`) {
        sendJson(res, 200, { reports: [...reports.values()].map(describe) }, { 'cache-control': 'no-cache' });
        return true;
      }
      const match = /^\/reports\/([^/]+)\.(json|csv)$/.exec(url.pathname);
      const report = match ? reports.get(decodeURIComponent(match[1]!)) : undefined;
      if (!match || !report) {
        throw new ReportHttpError(404, 'REPORT_NOT_FOUND',
          `no report at ${url.pathname}: expected /reports/<name>.json or .csv with <name> one of ${[...reports.keys()].join(', ')}`);
      }
      const format = match[2] as Format;
      const variables = parametersOf(options.schema, report, url.searchParams);
      // Who asks is checked before the tag is compared: a 304 goes only to a caller who may read the report.
      await options.authorize?.(req, report);
      const etag = options.position
        ? entityTag(await options.position(), report, format, variables, await callerKey(req))
        : undefined;
      if (etag !== undefined && matches(req.headers['if-none-match'], etag)) {
        res.writeHead(304, { etag, 'cache-control': CACHE_CONTROL });
        res.end();
        return true;
      }
      const headers: Record<string, string> = { 'cache-control': CACHE_CONTROL, ...(etag ? { etag } : {}) };
      if (req.method === 'HEAD') {
        res.writeHead(200, { ...headers, 'content-type': contentType(format) });
        res.end();
        return true;
      }
      const page = pageOf(report, await options.execute(req, report, report.paginated ? { ...variables, first: pageSize, after: null } : variables));
      const pages = (async function* () {
        yield page;
        let { hasNextPage, endCursor } = page;
        while (hasNextPage) {
          const next = pageOf(report, await options.execute(req, report, { ...variables, first: pageSize, after: endCursor }));
          ({ hasNextPage, endCursor } = next);
          yield next;
        }
      })();
      if (format === 'csv') await streamCsv(res, report, pages, headers);
      else await streamJson(res, report, pages, headers);
    } catch (error) {
      if (res.headersSent) {
        // Mid-stream failure: end the connection without the final chunk, so the client sees an incomplete answer.
        res.destroy(error instanceof Error ? error : undefined);
        return true;
      }
      if (error instanceof ReportHttpError) sendJson(res, error.status, { error: { code: error.code, message: error.message, ...error.details } });
      else throw error;
    }
    return true;
  };
}

function describe(report: Report) {
  return {
    name: report.name,
    title: report.title,
    description: report.description,
    parameters: report.parameters,
    columns: report.columns.map((path) => path.join('.')),
    urls: { json: `${REPORTS_PATH}/${report.name}.json`, csv: `${REPORTS_PATH}/${report.name}.csv` },
  };
}

function parametersOf(schema: GraphQLSchema, report: Report, query: URLSearchParams): Record<string, unknown> {
  try {
    return reportVariables(schema, report, query);
  } catch (error) {
    if (error instanceof ReportParameterError) throw new ReportHttpError(400, 'BAD_REPORT_PARAMETER', error.message, { parameter: error.parameter });
    throw error;
  }
}

interface Page {
  readonly items: readonly unknown[];
  readonly hasNextPage: boolean;
  readonly endCursor: string | null;
}

/** The items of one answer, or the refusal its errors mean: a report is whole or not at all. */
function pageOf(report: Report, result: FormattedExecutionResult): Page {
  if (result.errors?.length) {
    const codes = result.errors.map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
    const status = codes.includes('UNAUTHENTICATED') ? 401
      : codes.includes('FORBIDDEN') ? 403
        : codes.includes('EXECUTION_TIMEOUT') ? 504
        : codes.every((c) => c === 'BAD_USER_INPUT' || c.endsWith('_LIMIT_EXCEEDED') || c === 'GRAPHQL_VALIDATION_FAILED') ? 400
          : 502;
    throw new ReportHttpError(status, codes[0]!, `report ${report.name} could not be read: ${result.errors.map((e) => e.message).join('; ')}`,
      { errors: result.errors });
  }
  const list = (result.data as Record<string, unknown> | null | undefined)?.[report.list];
  if (!report.paginated) return { items: Array.isArray(list) ? list : [], hasNextPage: false, endCursor: null };
  const connection = list as { nodes?: unknown[]; pageInfo?: { hasNextPage?: boolean; endCursor?: string | null } } | null | undefined;
  return {
    items: connection?.nodes ?? [],
    hasNextPage: connection?.pageInfo?.hasNextPage === true,
    endCursor: connection?.pageInfo?.endCursor ?? null,
  };
}

async function streamCsv(res: http.ServerResponse, report: Report, pages: AsyncIterable<Page>, headers: Record<string, string>): Promise<void> {
  res.writeHead(200, {
    ...headers,
    'content-type': contentType('csv'),
    'content-disposition': `inline; filename="${report.name}.csv"`,
  });
  // RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote or line break. One page at a time.
  let header = true;
  for await (const page of pages) {
    const rows = page.items.flatMap((item) => csvRowsOf(report, item));
    if (rows.length === 0 && !header) continue;
    await write(res, stringifyCsv(rows, { header, columns: csvHeader(report), record_delimiter: 'windows', quote_record_delimiter: true }));
    header = false;
  }
  res.end();
}

async function streamJson(res: http.ServerResponse, report: Report, pages: AsyncIterable<Page>, headers: Record<string, string>): Promise<void> {
  res.writeHead(200, { ...headers, 'content-type': contentType('json') });
  await write(res, `{"report":${JSON.stringify(report.name)},"rows":[`);
  let first = true;
  for await (const page of pages) {
    if (page.items.length === 0) continue;
    const text = page.items.map((item) => JSON.stringify(item)).join(',');
    await write(res, first ? text : `,${text}`);
    first = false;
  }
  res.end(']}');
}

/** How long a client may leave written rows unread before the report is given up (its connection closed). */
const STALLED_READER_MS = 60_000;

/**
 * Writes `text`, waiting while the client has not read what was written
 * before: a report never runs ahead of its reader. A client that hangs up, or
 * reads nothing for {@link STALLED_READER_MS}, ends the report (the caller's
 * catch destroys the response).
 */
async function write(res: http.ServerResponse, text: string): Promise<void> {
  if (res.destroyed) throw new Error('the client closed the connection');
  if (res.write(text)) return;
  await new Promise<void>((resolve, reject) => {
    const done = (error?: Error) => {
      clearTimeout(timer);
      res.off('drain', onDrain);
      res.off('close', onClose);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => done();
    const onClose = () => done(new Error('the client closed the connection'));
    const timer = setTimeout(() => done(new Error(`the client read nothing for ${STALLED_READER_MS / 1000} s`)), STALLED_READER_MS);
    res.on('drain', onDrain);
    res.on('close', onClose);
  });
}

function contentType(format: Format): string {
  return format === 'csv' ? 'text/csv; charset=utf-8; header=present' : 'application/json; charset=utf-8';
}

function entityTag(position: string, report: Report, format: Format, variables: Record<string, unknown>, caller: string): string {
  const hash = createHash('sha256');
  for (const part of [position, report.name, format, JSON.stringify(Object.entries(variables).sort(([a], [b]) => (a < b ? -1 : 1))), caller]) {
    hash.update(part).update('\0');
  }
  return `"${hash.digest('base64url').slice(0, 32)}"`;
}

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  return ifNoneMatch.split(',').map((t) => t.trim().replace(/^W\//, '')).some((t) => t === etag || t === '*');
}

function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(text)) });
  res.end(text);
}

/**
 * The reports as a gateway extension: the gateway's doors admit every request
 * under /reports with `graph:read` (a token, the rate limit, the audit log),
 * and each report runs through the gateway's own pipeline (`core.execute`) as
 * the principal it was admitted as, so field scopes and legal entities apply
 * exactly as to GraphQL.
 */
export function reportsExtension(
  options: Pick<ReportsOptions, 'position' | 'pageSize' | 'reports'> = {},
): (core: GatewayCore) => GatewayExtension {
  return (core) => {
    const admitted = (req: http.IncomingMessage): Principal => {
      const principal = core.principalOf(req);
      // The doors admit every request of these paths first; a missing principal is a wiring fault, never "open".
      if (!principal) throw new Error(`no admitted principal for ${req.url}: the gateway did not guard ${REPORTS_PATH}`);
      return principal;
    };
    const handleRequest = createReportsHandler({
      ...options,
      schema: core.schema,
      callerKey: (req) => principalPartition(admitted(req)),
      execute: (req, report, variables) =>
        core.execute(report.query, variables, report.operationName, admitted(req), req.headers.authorization, {
          door: `GET ${new URL(req.url ?? '/', 'http://gateway.invalid').pathname}`, client: req.socket.remoteAddress ?? null,
        }),
    });
    return {
      handleRequest,
      scopeOf: (pathname) => (isReportsPath(pathname) ? 'graph:read' : undefined),
    };
  };
}

function isReportsPath(pathname: string): boolean {
  return pathname === REPORTS_PATH || pathname.startsWith(`${REPORTS_PATH}/`);
}
