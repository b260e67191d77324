"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.serveIngest = serveIngest;
const node_crypto_1 = require("node:crypto");
const node_http_1 = require("node:http");
const accessError_1 = require("../access/accessError");
const auditLog_1 = require("../access/auditLog");
const doors_1 = require("../access/doors");
const settings_1 = require("../access/settings");
const serverLimits_1 = require("../http/serverLimits");
const groupCommit_1 = require("./groupCommit");
const httpRequest_1 = require("./httpRequest");
const operatorViews_1 = require("./operatorViews");
const prepare_1 = require("./prepare");
const status_1 = require("../hub/status");
const probes_1 = require("../observability/probes");
/** Operators' lists, each `GET <path>?limit=N`. */
const OPERATOR_LISTS = { '/parked': operatorViews_1.listParked, '/exceptions': operatorViews_1.listExceptions, '/rejected': operatorViews_1.listRejected, '/audit': operatorViews_1.listAudit };
/** At most this many distinct sources of one request are named in its audit row. */
const AUDITED_SOURCES = 20;
async function serveIngest(options) {
    const { limits, log } = options;
    const audit = new auditLog_1.AuditLog(options.pool, { onError: (message) => log?.warn(`ingest: ${message}`) });
    const doors = await doors_1.Doors.create(options.access ?? settings_1.OPEN_ACCESS, audit);
    // Prepared requests are written to the event log together, by one writer (see ingest/groupCommit.ts).
    const eventLog = (0, groupCommit_1.startGroupCommit)(options.pool, { limits: options.groupLimits, log, onStats: options.onGroupCommitStats, onCommitted: options.onCommitted });
    const server = (0, node_http_1.createServer)((req, res) => {
        handle(req, res).catch((error) => {
            if (error instanceof accessError_1.AccessError) {
                // A refused request's body is not read: the connection closes after the answer rather than read it all.
                return send(res, error.status, { error: { code: error.code, message: error.message } }, req.complete ? error.headers() : { ...error.headers(), connection: 'close' });
            }
            if (error instanceof httpRequest_1.HttpError)
                return send(res, error.status, { error: { code: error.code, message: error.message } }, error.headers);
            // The client gets the id, never the detail; the log has both.
            const errorId = (0, node_crypto_1.randomUUID)();
            log?.error(`ingest: error ${errorId}: ${req.method} ${req.url} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
            send(res, 500, { error: { code: 'INTERNAL', message: `internal error; the request was not processed (error id ${errorId})`, errorId } });
        });
    });
    if (options.serverLimits)
        (0, serverLimits_1.applyServerLimits)(server, options.serverLimits);
    async function handle(req, res) {
        const path = (req.url ?? '/').split('?')[0];
        const probe = (0, probes_1.isOperationsPath)(path) && (req.method === 'GET' || req.method === 'HEAD');
        // Liveness and readiness tell nothing about the hub's data: no token, any Host (probes name the container's address).
        if (probe && doors_1.PROBE_PATHS.has(path))
            return answerOperations(req, res, path);
        const door = `${req.method} ${path}`;
        const front = doors.front(req, door);
        for (const [name, value] of Object.entries(front.headers))
            res.setHeader(name, value);
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
            if (req.method !== 'POST')
                throw methodNotAllowed(req, 'POST');
            const principal = await doors.admit(req, door, 'events:write');
            try {
                const result = await ingest(req, principal);
                send(res, 202, result);
                auditIngest(req, principal, 202, undefined, result);
            }
            catch (error) {
                if (error instanceof httpRequest_1.HttpError)
                    auditIngest(req, principal, error.status, `${error.code}: ${error.message}`);
                throw error;
            }
            return;
        }
        if (path === '/status') {
            if (req.method !== 'GET')
                throw methodNotAllowed(req, 'GET');
            await doors.admit(req, door, 'operations:read');
            try {
                send(res, 200, await withinReadTimeout((0, status_1.readIngestStatus)(options.pool)));
            }
            catch (error) {
                throw unavailable(error, 'the status could not be read');
            }
            return;
        }
        const list = OPERATOR_LISTS[path];
        if (list) {
            if (req.method !== 'GET')
                throw methodNotAllowed(req, 'GET');
            const principal = await doors.admit(req, door, 'operations:read');
            const limit = (0, operatorViews_1.parseLimit)((req.url ?? '').split('?')[1] ?? '');
            if (typeof limit === 'string')
                throw new httpRequest_1.HttpError(400, 'BAD_REQUEST', limit);
            let rows;
            try {
                rows = await withinReadTimeout(list(options.pool, limit));
            }
            catch (error) {
                throw unavailable(error, 'the list could not be read');
            }
            send(res, 200, { [path.slice(1)]: rows });
            audit.record({ kind: 'operator', door, subject: principal.subject, client: (0, doors_1.clientAddress)(req) ?? null, status: 200, reason: `listed ${rows.length} (limit ${limit})` });
            return;
        }
        throw new httpRequest_1.HttpError(404, 'NOT_FOUND', `expected POST /events, or GET /status, /parked, /exceptions, /rejected, /audit, /healthz, /readyz or /metrics, got ${req.method} ${path}`);
    }
    async function ingest(req, principal) {
        const shape = (0, httpRequest_1.bodyShapeOf)(req.headers['content-type']);
        const prepared = (0, prepare_1.prepareEvents)((0, httpRequest_1.eventsOfBody)((0, httpRequest_1.bodyText)(await (0, httpRequest_1.readBody)(req, limits)), shape, limits), principal);
        let result;
        try {
            result = await eventLog.store(prepared, options.commitTimeoutMs);
        }
        catch (error) {
            throw unavailable(error, error instanceof groupCommit_1.CommitTimeout
                ? 'it was not acknowledged; send it again (events already stored come back as duplicates)'
                : 'no event of the request was accepted; send it again');
        }
        log?.debug(`ingest: ${prepared.length} events: ${result.accepted} accepted, ${result.duplicates} duplicates, ${result.rejected} rejected`);
        options.onOutcomes?.(result.accepted, result.duplicates, result.rejected);
        return result;
    }
    function auditIngest(req, principal, status, reason, result) {
        let detail;
        if (result) {
            const sources = new Set();
            for (const event of result.results) {
                if (event.source !== null && sources.size < AUDITED_SOURCES)
                    sources.add(event.source);
            }
            const forbidden = result.results.filter((event) => event.errors?.some((e) => e.code === prepare_1.FORBIDDEN_SOURCE)).length;
            detail = { events: result.results.length, accepted: result.accepted, duplicates: result.duplicates, rejected: result.rejected, forbidden, sources: [...sources] };
        }
        audit.record({ kind: 'ingest', door: 'POST /events', subject: principal.subject, client: (0, doors_1.clientAddress)(req) ?? null, status, reason, detail });
    }
    async function answerOperations(req, res, path) {
        if (path === '/healthz' || !options.operations) {
            (0, probes_1.sendProbeAnswer)(res, { status: path === '/healthz' ? 200 : 404, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
                body: path === '/healthz' ? '{"status":"ok"}' : `{"error":{"code":"NOT_FOUND","message":"${path} is not served here"}}` }, req.method);
            return;
        }
        (0, probes_1.sendProbeAnswer)(res, await options.operations(path), req.method);
    }
    /** A database that does not answer a read in time is answered as unavailable, not waited for. */
    function withinReadTimeout(read) {
        const ms = options.readTimeoutMs;
        if (ms === undefined)
            return read;
        let timer;
        const late = new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error(`the database did not answer within ${ms / 1000} s`)), ms);
        });
        return Promise.race([read, late]).finally(() => clearTimeout(timer));
    }
    /** What the client is told of a database failure: what became of its request, and when to try again; never the database's own text. */
    function unavailable(error, consequence) {
        const errorId = (0, node_crypto_1.randomUUID)();
        log?.warn(`ingest: error ${errorId}: database failed: ${error instanceof Error ? error.message : String(error)}`);
        const what = error instanceof groupCommit_1.CommitTimeout ? error.message : 'the database is unavailable';
        return new httpRequest_1.HttpError(503, 'DATABASE_UNAVAILABLE', `${what}; ${consequence} (error id ${errorId})`, { 'retry-after': '1' });
    }
    await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port, options.host, () => {
            server.off('error', reject);
            resolve();
        });
    });
    return {
        port: server.address().port,
        close: async () => {
            await new Promise((resolve, reject) => {
                server.close((error) => (error ? reject(error) : resolve()));
                server.closeIdleConnections();
            });
            await audit.close();
        },
    };
}
function methodNotAllowed(req, allowed) {
    const path = (req.url ?? '/').split('?')[0];
    return new httpRequest_1.HttpError(405, 'METHOD_NOT_ALLOWED', `expected ${allowed} ${path}, got ${req.method} ${path}`, { allow: allowed });
}
function send(res, status, body, headers = {}) {
    if (res.headersSent)
        return;
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
    res.end(text);
}
//# sourceMappingURL=httpServer.js.map