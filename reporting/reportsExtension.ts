/**
 * Saved reports on the gateway's port, for BI tools that read JSON or CSV
 * over HTTP GET (docs/reporting.md):
 *
 *   GET /reports                       the catalogue: name, title, parameters with types, URLs
 *   GET /reports/<name>.json?<p>=<v>   the report's rows as JSON
 *   GET /reports/<name>.csv?<p>=<v>    the report's rows as CSV (RFC 4180, UTF-8, header row)
 *
 * A report is held to the operation guard of GraphQL for its caller before
 * anything runs. A report that declares a reporting view is answered by one
 * SQL statement over it (reporting/compiledReport.ts), streamed as Postgres
 * writes it; any other runs through the gateway's own pipeline under the
 * caller's identity, every page of its main list read and streamed as it
 * arrives. Either way memory stays bounded whatever the number of rows. Its `ETag` is made of the read model's
 * position, the report, its parameters and who asks: an unchanged read model
 * answers `If-None-Match` with `304` without running anything.
 */
import { createHash } from 'node:crypto';
import type http from 'node:http';
import { stringify as stringifyCsv } from 'csv-stringify/sync';
import type { FormattedExecutionResult, GraphQLFormattedError, GraphQLSchema } from 'graphql';
import type { Pool } from 'pg';
import { principalPartition, type Principal } from '../access/principal';
import { DEFAULT_LIMITS } from '../config/limits';
import type { GatewayCore, GatewayExtension } from '../gateway/gateway';
import type { RowScope } from '../resolvers/shared/rowScope';
import { loadReports, type Report } from './catalogue';
import { CompiledReport, reportDocument, type ReportDocument } from './compiledReport';
import { crlfRecords, jsonElements, openReportSnapshot } from './compiledStream';
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
   * before its tag is compared or anything runs, HEAD included; `variables` are the first
   * execution's (a connection's first page). The executor applies every access rule again;
   * a compiled report has only this check, so `sql` requires it.
   */
  readonly authorize?: (req: http.IncomingMessage, report: Report, variables: Record<string, unknown>) => void | Promise<void>;
  /**
   * Answers each report that declares a view with one SQL statement over it
   * (reporting/compiledReport.ts) instead of through `execute`; `rowScope` is
   * the caller's legal entities. Without it every report runs through `execute`.
   */
  readonly sql?: { readonly pool: Pool; readonly rowScope: (req: http.IncomingMessage) => RowScope };
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
  /**
   * Compiled reports streamed at once (`REPORT_STREAMS`, default 2): each holds
   * a connection of `sql.pool` for its whole download, a pool the subgraphs'
   * reads share. One more is answered 503 REPORTS_BUSY.
   */
  readonly reportStreams?: number;
}

type Format = 'json' | 'csv';

/** An answer other than the report: status, code and a message saying what was wrong. */
export class ReportHttpError extends Error {
  constructor(
    readonly status: number, readonly code: string, message: string,
    readonly details: Record<string, unknown> = {}, readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** Seconds a client refused for {@link ReportStreams} is told to wait: a download rarely ends sooner. */
const BUSY_RETRY_AFTER_SECONDS = 5;

/** The compiled reports streaming at once, each holding a read connection; one past the limit is refused, not queued. */
class ReportStreams {
  private streaming = 0;

  constructor(private readonly limit: number) {}

  /** Takes a slot, or throws a 503 REPORTS_BUSY naming the limit; the returned function gives it back (once). */
  take(): () => void {
    if (this.streaming >= this.limit) {
      throw new ReportHttpError(503, 'REPORTS_BUSY',
        `this gateway already streams ${this.streaming} report${this.streaming === 1 ? '' : 's'} over a view, the most it streams at once (REPORT_STREAMS=${this.limit}): try again in ${BUSY_RETRY_AFTER_SECONDS} s`,
        { limit: this.limit }, { 'retry-after': String(BUSY_RETRY_AFTER_SECONDS) });
    }
    this.streaming += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.streaming -= 1;
    };
  }
}

/** A request handler for `/reports…`; returns false for any other path. */
export function createReportsHandler(options: ReportsOptions): (req: http.IncomingMessage, res: http.ServerResponse) => Promise<boolean> {
  const reports = options.reports ?? loadReports();
  const callerKey = options.callerKey ?? ((req) => req.headers.authorization ?? '');
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const { sql } = options;
  const streams = new ReportStreams(options.reportStreams ?? DEFAULT_LIMITS.reportStreams);
  if (sql && !options.authorize) throw new Error('compiled reports need authorize: no executor checks who may read them');
  // Compiled when the gateway starts: a report its view cannot answer exactly stops it, naming why.
  const compiled = new Map<string, CompiledReport>(sql
    ? [...reports.values()].filter((r) => r.view !== null).map((r) => [r.name, CompiledReport.compile(r, options.schema)] as const)
    : []);

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
      const firstVariables = report.paginated ? { ...variables, first: pageSize, after: null } : variables;
      // Who asks is checked before the tag is compared: a 304 (or a HEAD's 200) goes only to a caller who may read the report.
      await options.authorize?.(req, report, firstVariables);
      const caller = await callerKey(req);
      // A revalidation that matches, or a HEAD, is answered from the position alone: nothing runs, no stream slot is taken.
      const etag = options.position ? entityTag(await options.position(), report, format, variables, caller) : undefined;
      if ((etag !== undefined && matches(req.headers['if-none-match'], etag)) || req.method === 'HEAD') {
        answerWithoutBody(req, res, etag, format);
        return true;
      }
      const statement = compiled.get(report.name);
      if (sql && statement) {
        await answerCompiled(req, res, statement, format, variables, sql.rowScope(req), caller, sql.pool, streams);
        return true;
      }
      const headers: Record<string, string> = { 'cache-control': CACHE_CONTROL, ...(etag ? { etag } : {}) };
      const page = pageOf(report, await options.execute(req, report, firstVariables));
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
      if (error instanceof ReportHttpError) {
        sendJson(res, error.status, { error: { code: error.code, message: error.message, ...error.details } }, error.headers);
      }
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

/** The answer to a report whose operation was refused or failed, from its GraphQL errors: a report is whole or not at all. */
function reportRefusal(report: Report, errors: readonly GraphQLFormattedError[]): ReportHttpError {
  const codes = errors.map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
  const status = codes.includes('UNAUTHENTICATED') ? 401
    : codes.includes('FORBIDDEN') ? 403
      : codes.includes('EXECUTION_TIMEOUT') ? 504
      : codes.every((c) => c === 'BAD_USER_INPUT' || c.endsWith('_LIMIT_EXCEEDED') || c === 'GRAPHQL_VALIDATION_FAILED') ? 400
        : 502;
  return new ReportHttpError(status, codes[0]!, `report ${report.name} could not be read: ${errors.map((e) => e.message).join('; ')}`, { errors });
}

/** The items of one answer, or the refusal its errors mean. */
function pageOf(report: Report, result: FormattedExecutionResult): Page {
  if (result.errors?.length) throw reportRefusal(report, result.errors);
  const list = (result.data as Record<string, unknown> | null | undefined)?.[report.list];
  if (!report.paginated) return { items: Array.isArray(list) ? list : [], hasNextPage: false, endCursor: null };
  const connection = list as { nodes?: unknown[]; pageInfo?: { hasNextPage?: boolean; endCursor?: string | null } } | null | undefined;
  return {
    items: connection?.nodes ?? [],
    hasNextPage: connection?.pageInfo?.hasNextPage === true,
    endCursor: connection?.pageInfo?.endCursor ?? null,
  };
}

function csvResponseHeaders(report: Report, headers: Record<string, string>): Record<string, string> {
  return { ...headers, 'content-type': contentType('csv'), 'content-disposition': `inline; filename="${report.name}.csv"` };
}

function jsonOpening(report: Report): string {
  return `{"report":${JSON.stringify(report.name)},"rows":[`;
}

async function streamCsv(res: http.ServerResponse, report: Report, pages: AsyncIterable<Page>, headers: Record<string, string>): Promise<void> {
  res.writeHead(200, csvResponseHeaders(report, headers));
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
  await write(res, jsonOpening(report));
  let first = true;
  for await (const page of pages) {
    if (page.items.length === 0) continue;
    const text = page.items.map((item) => JSON.stringify(item)).join(',');
    await write(res, first ? text : `,${text}`);
    first = false;
  }
  res.end(']}');
}

/**
 * A compiled report's answer: its tag and rows from one snapshot of the read
 * model, the rows as Postgres writes them, in the executor's text. The
 * connection is held until the last row is written, and closed (stopping the
 * statement) when the client goes away or stalls. It takes a slot of
 * `streams` until its connection is back.
 */
async function answerCompiled(
  req: http.IncomingMessage, res: http.ServerResponse, compiled: CompiledReport, format: Format, variables: Record<string, unknown>,
  scope: RowScope, caller: string, pool: Pool, streams: ReportStreams,
): Promise<void> {
  const { report } = compiled;
  const release = streams.take();
  let snapshot: Awaited<ReturnType<typeof openReportSnapshot>>;
  try {
    snapshot = await openReportSnapshot(pool);
  } catch (error) {
    release();
    throw error;
  }
  // A client that hangs up stops the statement now, not when Postgres next has rows to write.
  const hungUp = () => {
    if (!res.writableFinished) snapshot.abort();
  };
  res.once('close', hungUp);
  let failed: unknown;
  try {
    // The rows' own position: the read model may have moved since the tag was compared.
    const etag = entityTag(snapshot.position, report, format, variables, caller);
    if (matches(req.headers['if-none-match'], etag)) {
      answerWithoutBody(req, res, etag, format);
      return;
    }
    const headers = { 'cache-control': CACHE_CONTROL, etag };
    const lines = snapshot.copy(compiled.statement(format, scope, variables), format);
    if (format === 'csv') {
      res.writeHead(200, csvResponseHeaders(report, headers));
      await write(res, stringifyCsv([], { header: true, columns: csvHeader(report), record_delimiter: 'windows' }));
      const records = crlfRecords();
      for await (const chunk of lines) await write(res, records(chunk as Buffer), COMPILED_WRITE_AHEAD);
      res.end();
    } else {
      res.writeHead(200, { ...headers, 'content-type': contentType('json') });
      await write(res, jsonOpening(report));
      const elements = jsonElements();
      for await (const chunk of lines) await write(res, elements(chunk as Buffer), COMPILED_WRITE_AHEAD);
      res.end(']}');
    }
  } catch (error) {
    failed = error ?? new Error('the report failed');
    throw error;
  } finally {
    res.off('close', hungUp);
    try {
      await snapshot.close(failed);
    } finally {
      release();
    }
  }
}

/** `304 Not Modified` when `If-None-Match` names the tag; otherwise a HEAD's `200` with the headers alone. */
function answerWithoutBody(req: http.IncomingMessage, res: http.ServerResponse, etag: string | undefined, format: Format): void {
  if (etag !== undefined && matches(req.headers['if-none-match'], etag)) {
    res.writeHead(304, { etag, 'cache-control': CACHE_CONTROL });
  } else {
    res.writeHead(200, { 'cache-control': CACHE_CONTROL, ...(etag ? { etag } : {}), 'content-type': contentType(format) });
  }
  res.end();
}

/**
 * How many bytes a compiled report may have written that the client has not
 * yet taken before it waits: Postgres keeps producing while the socket
 * drains, where waiting at the socket's own mark (16 KiB) stops the statement
 * at every chunk (in the reports benchmark, 15 % of the rows/s).
 */
const COMPILED_WRITE_AHEAD = 1024 * 1024;

/** How long a client may leave written rows unread before the report is given up (its connection closed). */
const STALLED_READER_MS = 60_000;

/**
 * Writes `text`, waiting while the client has not read what was written
 * before (beyond `ahead` bytes): a report never runs further ahead of its
 * reader than that. A client that hangs up, or
 * reads nothing for {@link STALLED_READER_MS}, ends the report (the caller's
 * catch destroys the response).
 */
async function write(res: http.ServerResponse, text: string | Buffer, ahead = 0): Promise<void> {
  if (res.destroyed) throw new Error('the client closed the connection');
  if (res.write(text) || res.writableLength < ahead) return;
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

/** What the gateway's reports are made with, besides the gateway itself. */
export interface ReportsExtensionOptions extends Pick<ReportsOptions, 'position' | 'pageSize' | 'reports' | 'reportStreams'> {
  /**
   * The read model, to answer each report that declares a view with one SQL
   * statement over it; without it every report runs through the executor.
   */
  readonly pool?: Pool;
  /** `federated` runs every report through the executor, views or not (to compare the two). Default `compiled`. */
  readonly execution?: 'compiled' | 'federated';
}

/**
 * The reports as a gateway extension: the gateway's doors admit every request
 * under /reports with `graph:read` (a token, the rate limit, the audit log);
 * before anything runs, the operation guard of GraphQL checks the report's
 * document for the principal it was admitted as (scopes of fields, limits;
 * a refusal audited as GraphQL's are). A report over a view is then one SQL
 * statement scoped to the principal's legal entities by the subgraphs' own
 * predicate; any other runs through the gateway's pipeline (`core.execute`),
 * where field scopes and legal entities apply as to GraphQL.
 */
export function reportsExtension(options: ReportsExtensionOptions = {}): (core: GatewayCore) => GatewayExtension {
  const { pool, execution, ...handlerOptions } = options;
  return (core) => {
    const admitted = (req: http.IncomingMessage): Principal => {
      const principal = core.principalOf(req);
      // The doors admit every request of these paths first; a missing principal is a wiring fault, never "open".
      if (!principal) throw new Error(`no admitted principal for ${req.url}: the gateway did not guard ${REPORTS_PATH}`);
      return principal;
    };
    const origin = (req: http.IncomingMessage) => ({
      door: `${req.method ?? 'GET'} ${new URL(req.url ?? '/', 'http://gateway.invalid').pathname}`, client: req.socket.remoteAddress ?? null,
    });
    const documents = new Map<Report, ReportDocument>();
    const handleRequest = createReportsHandler({
      ...handlerOptions,
      schema: core.schema,
      callerKey: (req) => principalPartition(admitted(req)),
      authorize: (req, report, variables) => {
        let document = documents.get(report);
        if (!document) documents.set(report, (document = reportDocument(report)));
        const refusal = core.guard.check({ ...document, variables, principal: admitted(req), origin: origin(req) });
        if (refusal) throw reportRefusal(report, refusal.errors.map((error) => error.toJSON()));
      },
      sql: pool && execution !== 'federated' ? { pool, rowScope: (req) => admitted(req).legalEntities } : undefined,
      execute: (req, report, variables) =>
        core.execute(report.query, variables, report.operationName, admitted(req), req.headers.authorization, origin(req)),
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
