"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.HttpError = void 0;
exports.internalError = internalError;
exports.sendError = sendError;
/**
 * A request a server answers itself with an error: its status, the
 * `extensions.code` a client can act on, and a message saying what was
 * expected and what arrived — as a GraphQL response, so a GraphQL client
 * reads it like any other error. Shared by every HTTP server of the hub.
 */
const node_crypto_1 = require("node:crypto");
const GRAPHQL_RESPONSE_JSON = 'application/graphql-response+json; charset=utf-8';
const APPLICATION_JSON = 'application/json; charset=utf-8';
class HttpError extends Error {
    constructor(status, code, message, headers = {}, extensions = {}) {
        super(message);
        this.status = status;
        this.code = code;
        this.headers = headers;
        this.extensions = extensions;
    }
}
exports.HttpError = HttpError;
/**
 * A failure of the server's own: the client is told an error id and nothing
 * of the failure; `log` gets the whole failure under that id.
 */
function internalError(error, log, what = 'the server failed to answer this request') {
    const errorId = (0, node_crypto_1.randomUUID)();
    log(`error ${errorId}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    return new HttpError(500, 'INTERNAL_SERVER_ERROR', `${what} (error id ${errorId})`, {}, { errorId });
}
/** Answers an HttpError as a GraphQL response with `extensions.code` (a connection with an unread body is closed after it). */
function sendError(req, res, error) {
    if (!req.complete)
        res.setHeader('connection', 'close');
    if (res.headersSent) {
        res.destroy();
        return;
    }
    // The GraphQL over HTTP media type when the client names it, else plain JSON.
    const contentType = /application\/graphql-response\+json/i.test(req.headers.accept ?? '') ? GRAPHQL_RESPONSE_JSON : APPLICATION_JSON;
    const body = JSON.stringify({ errors: [{ message: error.message, extensions: { code: error.code, ...error.extensions } }] });
    res.writeHead(error.status, { ...error.headers, 'content-type': contentType, 'content-length': String(Buffer.byteLength(body)) });
    res.end(body);
}
//# sourceMappingURL=httpError.js.map