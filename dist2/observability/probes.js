"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.CHECK_TIMEOUT_MS = exports.HEALTH_PATHS = void 0;
exports.isOperationsPath = isOperationsPath;
exports.readiness = readiness;
exports.answerOperations = answerOperations;
exports.sendProbeAnswer = sendProbeAnswer;
exports.serveOperations = serveOperations;
exports.HEALTH_PATHS = ['/healthz', '/readyz', '/metrics'];
exports.CHECK_TIMEOUT_MS = 3000;
function isOperationsPath(path) {
    return exports.HEALTH_PATHS.includes(path);
}
const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };
/** Runs every check (in parallel, each bounded in time) and says which failed. */
async function readiness(checks) {
    const results = await Promise.all(checks.map(async (c) => [c.name, await bounded(c)]));
    const failed = results.filter(([, reason]) => reason !== undefined);
    return { ready: failed.length === 0, checks: Object.fromEntries(results.map(([name, reason]) => [name, reason ?? 'ok'])) };
}
async function bounded(check) {
    let timer;
    const timeout = new Promise((resolve) => {
        timer = setTimeout(() => resolve(`no answer within ${exports.CHECK_TIMEOUT_MS} ms`), exports.CHECK_TIMEOUT_MS);
    });
    try {
        return await Promise.race([check.check().catch((error) => (error instanceof Error ? error.message : String(error))), timeout]);
    }
    finally {
        clearTimeout(timer);
    }
}
/** The answer to GET `path` (one of {@link HEALTH_PATHS}). */
async function answerOperations(path, endpoints) {
    switch (path) {
        case '/healthz':
            return { status: 200, headers: JSON_HEADERS, body: '{"status":"ok"}' };
        case '/readyz': {
            const { ready, checks } = await readiness(endpoints.readiness);
            const reasons = Object.entries(checks).filter(([, state]) => state !== 'ok').map(([name, reason]) => `${name}: ${reason}`);
            const body = ready ? { status: 'ready', checks } : { status: 'not ready', reason: reasons.join('; '), checks };
            return { status: ready ? 200 : 503, headers: JSON_HEADERS, body: JSON.stringify(body) };
        }
        case '/metrics': {
            if (!endpoints.metrics)
                return { status: 404, headers: JSON_HEADERS, body: '{"error":{"code":"NOT_FOUND","message":"this process serves no metrics"}}' };
            const text = await endpoints.metrics.metrics();
            return { status: 200, headers: { 'content-type': endpoints.metrics.contentType, 'cache-control': 'no-store' }, body: text };
        }
    }
}
/** Writes an answer (HEAD: headers only). */
function sendProbeAnswer(res, answer, method) {
    if (res.headersSent)
        return;
    res.writeHead(answer.status, { ...answer.headers, 'content-length': String(Buffer.byteLength(answer.body)) });
    res.end(method === 'HEAD' ? undefined : answer.body);
}
/** Answers GET/HEAD of an operations path; false for any other request (the caller's routes then answer it). */
async function serveOperations(req, res, endpoints) {
    const path = (req.url ?? '/').split('?')[0];
    if (!isOperationsPath(path) || (req.method !== 'GET' && req.method !== 'HEAD'))
        return false;
    sendProbeAnswer(res, await answerOperations(path, endpoints), req.method);
    return true;
}
//# sourceMappingURL=probes.js.map