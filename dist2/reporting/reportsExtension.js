"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ReportHttpError = exports.REPORTS_PATH = void 0;
exports.createReportsHandler = createReportsHandler;
exports.reportsExtension = reportsExtension;
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
const node_crypto_1 = require("node:crypto");
const node_events_1 = require("node:events");
const csv_stringify_1 = require("csv-stringify");
const catalogue_1 = require("./catalogue");
const parameters_1 = require("./parameters");
const rows_1 = require("./rows");
exports.REPORTS_PATH = '/reports';
/** Rows asked of a connection per page: the API's cap. */
const DEFAULT_PAGE_SIZE = 500;
/**
 * Caches (a BI tool's, a proxy's) may keep an answer but must revalidate it on
 * every use; revalidation is a cheap 304 while the read model has not moved.
 * `private`: the answer depends on who asks.
 */
const CACHE_CONTROL = 'private, no-cache';
/** An answer other than the report: status, code and a message saying what was wrong. */
class ReportHttpError extends Error {
    constructor(status, code, message, details = {}) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = details;
    }
}
exports.ReportHttpError = ReportHttpError;
/** A request handler for `/reports…`; returns false for any other path. */
function createReportsHandler(options) {
    const reports = options.reports ?? (0, catalogue_1.loadReports)();
    const callerKey = options.callerKey ?? ((req) => req.headers.authorization ?? '');
    const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
    return async (req, res) => {
        const url = new URL(req.url ?? '/', 'http://gateway.invalid');
        if (url.pathname !== exports.REPORTS_PATH && !url.pathname.startsWith(`${exports.REPORTS_PATH}/`))
            return false;
        try {
            if (req.method !== 'GET' && req.method !== 'HEAD') {
                throw new ReportHttpError(405, 'METHOD_NOT_ALLOWED', `reports are read with GET, got ${req.method}`);
            }
            if (url.pathname === exports.REPORTS_PATH || url.pathname === `${exports.REPORTS_PATH}/`) {
                sendJson(res, 200, { reports: [...reports.values()].map(describe) }, { 'cache-control': 'no-cache' });
                return true;
            }
            const match = /^\/reports\/([^/]+)\.(json|csv)$/.exec(url.pathname);
            const report = match ? reports.get(decodeURIComponent(match[1])) : undefined;
            if (!match || !report) {
                throw new ReportHttpError(404, 'REPORT_NOT_FOUND', `no report at ${url.pathname}: expected /reports/<name>.json or .csv with <name> one of ${[...reports.keys()].join(', ')}`);
            }
            const format = match[2];
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
            const headers = { 'cache-control': CACHE_CONTROL, ...(etag ? { etag } : {}) };
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
            if (format === 'csv')
                await streamCsv(res, report, pages, headers);
            else
                await streamJson(res, report, pages, headers);
        }
        catch (error) {
            if (res.headersSent) {
                // Mid-stream failure: end the connection without the final chunk, so the client sees an incomplete answer.
                res.destroy(error instanceof Error ? error : undefined);
                return true;
            }
            if (error instanceof ReportHttpError)
                sendJson(res, error.status, { error: { code: error.code, message: error.message, ...error.details } });
            else
                throw error;
        }
        return true;
    };
}
function describe(report) {
    return {
        name: report.name,
        title: report.title,
        description: report.description,
        parameters: report.parameters,
        columns: report.columns.map((path) => path.join('.')),
        urls: { json: `${exports.REPORTS_PATH}/${report.name}.json`, csv: `${exports.REPORTS_PATH}/${report.name}.csv` },
    };
}
function parametersOf(schema, report, query) {
    try {
        return (0, parameters_1.reportVariables)(schema, report, query);
    }
    catch (error) {
        if (error instanceof parameters_1.ReportParameterError)
            throw new ReportHttpError(400, 'BAD_REPORT_PARAMETER', error.message, { parameter: error.parameter });
        throw error;
    }
}
/** The items of one answer, or the refusal its errors mean: a report is whole or not at all. */
function pageOf(report, result) {
    if (result.errors?.length) {
        const codes = result.errors.map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
        const status = codes.includes('UNAUTHENTICATED') ? 401
            : codes.includes('FORBIDDEN') ? 403
                : codes.every((c) => c === 'BAD_USER_INPUT' || c.endsWith('_LIMIT_EXCEEDED') || c === 'GRAPHQL_VALIDATION_FAILED') ? 400
                    : 502;
        throw new ReportHttpError(status, codes[0], `report ${report.name} could not be read: ${result.errors.map((e) => e.message).join('; ')}`, { errors: result.errors });
    }
    const list = result.data?.[report.list];
    if (!report.paginated)
        return { items: Array.isArray(list) ? list : [], hasNextPage: false, endCursor: null };
    const connection = list;
    return {
        items: connection?.nodes ?? [],
        hasNextPage: connection?.pageInfo?.hasNextPage === true,
        endCursor: connection?.pageInfo?.endCursor ?? null,
    };
}
async function streamCsv(res, report, pages, headers) {
    res.writeHead(200, {
        ...headers,
        'content-type': contentType('csv'),
        'content-disposition': `inline; filename="${report.name}.csv"`,
    });
    // RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote or line break.
    const csv = (0, csv_stringify_1.stringify)({ header: true, columns: (0, rows_1.csvHeader)(report), record_delimiter: 'windows', bom: false });
    csv.on('data', (chunk) => {
        if (!res.write(chunk))
            csv.pause();
    });
    res.on('drain', () => csv.resume());
    const ended = (0, node_events_1.once)(csv, 'end');
    for await (const page of pages) {
        for (const item of page.items) {
            for (const row of (0, rows_1.csvRowsOf)(report, item)) {
                if (!csv.write(row))
                    await (0, node_events_1.once)(csv, 'drain');
            }
        }
    }
    csv.end();
    await ended;
    res.end();
}
async function streamJson(res, report, pages, headers) {
    res.writeHead(200, { ...headers, 'content-type': contentType('json') });
    await write(res, `{"report":${JSON.stringify(report.name)},"rows":[`);
    let first = true;
    for await (const page of pages) {
        if (page.items.length === 0)
            continue;
        const text = page.items.map((item) => JSON.stringify(item)).join(',');
        await write(res, first ? text : `,${text}`);
        first = false;
    }
    res.end(']}');
}
async function write(res, text) {
    if (!res.write(text))
        await (0, node_events_1.once)(res, 'drain');
}
function contentType(format) {
    return format === 'csv' ? 'text/csv; charset=utf-8; header=present' : 'application/json; charset=utf-8';
}
function entityTag(position, report, format, variables, caller) {
    const hash = (0, node_crypto_1.createHash)('sha256');
    for (const part of [position, report.name, format, JSON.stringify(Object.entries(variables).sort(([a], [b]) => (a < b ? -1 : 1))), caller]) {
        hash.update(part).update('\0');
    }
    return `"${hash.digest('base64url').slice(0, 32)}"`;
}
function matches(ifNoneMatch, etag) {
    if (ifNoneMatch === undefined)
        return false;
    return ifNoneMatch.split(',').map((t) => t.trim().replace(/^W\//, '')).some((t) => t === etag || t === '*');
}
function sendJson(res, status, body, headers = {}) {
    const text = JSON.stringify(body);
    res.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(text)) });
    res.end(text);
}
/**
 * The reports as a gateway extension: each report runs through the gateway's
 * own pipeline (`core.execute`).
 */
function reportsExtension(options = {}) {
    return (core) => {
        const handleRequest = createReportsHandler({
            ...options,
            schema: core.schema,
            execute: (_req, report, variables) => core.execute(report.query, variables, report.operationName),
        });
        return { handleRequest };
    };
}
//# sourceMappingURL=reportsExtension.js.map