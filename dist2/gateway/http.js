"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.POSITION_HEADER = exports.CACHE_HEADER = void 0;
exports.createGraphQLRequestListener = createGraphQLRequestListener;
exports.acceptsHtml = acceptsHtml;
const server_1 = require("@apollo/server");
const httpError_1 = require("../http/httpError");
const requestBody_1 = require("../http/requestBody");
const deadline_1 = require("./deadline");
const explorer_1 = require("./explorer");
const responseCacheKey_1 = require("./responseCacheKey");
const requestMetrics_1 = require("./requestMetrics");
/** Response header: `hit` (from the cache), `miss` (executed and stored) or `pass` (executed, not storable). */
exports.CACHE_HEADER = 'x-servicegraph-cache';
/** Response header: the read-model position the answer was looked up at. */
exports.POSITION_HEADER = 'x-servicegraph-position';
const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
const APPLICATION_JSON = 'application/json; charset=utf-8';
/** A node:http request listener serving GraphQL (and the explorer) at `options.path`. */
function createGraphQLRequestListener(options) {
    const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    const onAnswered = options.onAnswered;
    return (req, res) => {
        const started = onAnswered ? performance.now() : 0;
        const answered = { graphql: false, operation: undefined, failed: false };
        if (onAnswered) {
            res.once('close', () => {
                if (answered.graphql)
                    onAnswered(answered.operation, answered.failed || res.statusCode >= 400 ? 'error' : 'success', (performance.now() - started) / 1000);
            });
        }
        handle(req, res, answered).catch((error) => {
            answered.failed = true;
            if (error instanceof httpError_1.HttpError) {
                options.onError?.(error);
                // Unread request body: sendError closes the connection after answering rather than read it all.
                (0, httpError_1.sendError)(req, res, error);
                return;
            }
            const failure = (0, httpError_1.internalError)(error, options.onInternalError ?? ((message) => console.error(message)), 'the gateway failed to answer this request');
            if (!res.headersSent)
                (0, httpError_1.sendError)(req, res, failure);
            else
                res.destroy();
        });
    };
    async function handle(req, res, answered) {
        const url = new URL(req.url ?? '/', 'http://gateway.invalid');
        const method = (req.method ?? 'GET').toUpperCase();
        if (url.pathname === '/health' && (method === 'GET' || method === 'HEAD')) {
            return send(res, { status: 200, headers: { 'content-type': APPLICATION_JSON, 'cache-control': 'no-store' }, body: '{"status":"ok"}' }, method);
        }
        if (options.explorer && url.pathname.startsWith(explorer_1.EXPLORER_ASSET_PREFIX) && (method === 'GET' || method === 'HEAD')) {
            const asset = await options.explorer.asset(url.pathname.slice(explorer_1.EXPLORER_ASSET_PREFIX.length));
            if (asset)
                return send(res, asset, method);
        }
        if (url.pathname !== options.path) {
            throw new httpError_1.HttpError(404, 'NOT_FOUND', `nothing at ${url.pathname}; GraphQL is served at ${options.path}`);
        }
        if (options.explorer && method === 'GET' && !url.searchParams.has('query') && acceptsHtml(req.headers.accept)) {
            return send(res, options.explorer.page(), method);
        }
        answered.graphql = true;
        const headers = new server_1.HeaderMap();
        for (const [key, value] of Object.entries(req.headers)) {
            if (value !== undefined)
                headers.set(key, Array.isArray(value) ? value.join(', ') : value);
        }
        let body;
        if (method === 'POST')
            body = await readJsonBody(req, maxBodyBytes);
        const cached = options.responseCache;
        // A client may ask for a fresh execution (`Cache-Control: no-cache` or `no-store`): no lookup, nothing stored.
        const request = cached && !refusesCachedAnswer(req.headers['cache-control'])
            ? (0, responseCacheKey_1.responseCacheKey)(method, url.search, body, req.headers.accept) : undefined;
        let lookup;
        if (cached && request && !cached.cache.isVolatile(request.query)) {
            try {
                lookup = await cached.cache.lookup(request.key);
            }
            catch (error) {
                // Without a position nothing can be looked up or stored; the request is still answered.
                options.onError?.(error);
            }
            if (lookup?.response) {
                if (onAnswered) {
                    const name = method === 'POST' ? body.operationName : url.searchParams.get('operationName');
                    answered.operation = (0, requestMetrics_1.requestedOperationName)(name, request.query);
                }
                const { headers: cachedHeaders, body: cachedBody } = lookup.response;
                res.writeHead(200, { ...cachedHeaders, 'content-length': String(cachedBody.length), [exports.CACHE_HEADER]: 'hit', [exports.POSITION_HEADER]: lookup.position.value });
                res.end(cachedBody);
                return;
            }
        }
        const context = await options.context(req);
        const deadline = options.deadline?.(context);
        const execution = options.server.executeHTTPGraphQLRequest({
            httpGraphQLRequest: { method, headers, search: url.search, body },
            context: async () => context,
        });
        let response;
        try {
            response = deadline ? await deadline.race(execution) : await execution;
        }
        catch (error) {
            if (error instanceof deadline_1.DeadlineExceeded)
                throw new httpError_1.HttpError(504, deadline_1.EXECUTION_TIMEOUT, error.message);
            throw error;
        }
        finally {
            deadline?.end();
        }
        if (context.operation) {
            answered.operation = context.operation.name;
            answered.failed = context.operation.failed === true;
        }
        for (const [key, value] of response.headers)
            res.setHeader(key, value);
        res.statusCode = response.status ?? 200;
        if (response.body.kind === 'complete') {
            if (!cached || !request) {
                if (cached)
                    res.setHeader(exports.CACHE_HEADER, 'pass');
                res.end(response.body.string);
                return;
            }
            const answer = Buffer.from(response.body.string);
            const cacheability = cached.cacheability(context);
            if (cacheability === 'volatile')
                cached.cache.rememberVolatile(request.query);
            const stored = lookup !== undefined && res.statusCode === 200 && cacheability === 'cacheable'
                && cached.cache.store(request.key, lookup.position, { headers: Object.fromEntries(response.headers), body: answer });
            res.setHeader(exports.CACHE_HEADER, stored ? 'miss' : 'pass');
            if (lookup)
                res.setHeader(exports.POSITION_HEADER, lookup.position.value);
            res.end(answer);
            return;
        }
        for await (const chunk of response.body.asyncIterator)
            res.write(chunk);
        res.end();
    }
}
function refusesCachedAnswer(cacheControl) {
    return cacheControl !== undefined && /(^|,)\s*no-(cache|store)\s*(,|$)/i.test(cacheControl);
}
function acceptsHtml(accept) {
    return accept !== undefined && /(^|,)\s*text\/html\s*(;|,|$)/i.test(accept);
}
async function readJsonBody(req, maxBytes) {
    const contentType = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (contentType !== 'application/json') {
        throw new httpError_1.HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', `a POST body must be application/json, got ${contentType ? JSON.stringify(contentType) : 'no content-type'}`, { accept: 'application/json' });
    }
    const charset = /;\s*charset=("?)([^";]+)\1/i.exec(req.headers['content-type'] ?? '')?.[2];
    if (charset && !/^utf-?8$/i.test(charset)) {
        throw new httpError_1.HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', `a POST body must be UTF-8, got charset ${JSON.stringify(charset)}`);
    }
    const text = await (0, requestBody_1.readBoundedBody)(req, maxBytes);
    try {
        return JSON.parse(text);
    }
    catch (error) {
        throw new httpError_1.HttpError(400, 'BAD_REQUEST', `the POST body is not JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
}
function send(res, response, method) {
    res.writeHead(response.status, { ...response.headers, 'content-length': String(Buffer.byteLength(response.body)) });
    res.end(method === 'HEAD' ? undefined : response.body);
}
//# sourceMappingURL=http.js.map