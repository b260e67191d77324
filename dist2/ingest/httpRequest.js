"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.HttpError = exports.DEFAULT_LIMITS = void 0;
exports.bodyShapeOf = bodyShapeOf;
exports.readBody = readBody;
exports.bodyText = bodyText;
exports.eventsOfBody = eventsOfBody;
const schema_1 = require("../events/schema");
exports.DEFAULT_LIMITS = { maxEvents: 1000, maxBodyBytes: 4 * 1024 * 1024 };
/** An answer other than 202, with a stable code for programs and a message for people. */
class HttpError extends Error {
    constructor(status, code, message, headers = {}) {
        super(message);
        this.status = status;
        this.code = code;
        this.headers = headers;
    }
}
exports.HttpError = HttpError;
const MEDIA_TYPES = {
    'application/cloudevents+json': 'single',
    'application/cloudevents-batch+json': 'batch',
    'application/json': 'either',
};
/** The body shape a Content-Type announces; 415 for any other type or a charset other than UTF-8. */
function bodyShapeOf(contentType) {
    const accepted = Object.keys(MEDIA_TYPES).join(', ');
    if (contentType === undefined || contentType.trim() === '') {
        throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', `expected a Content-Type of ${accepted}, got none`);
    }
    const [media = '', ...parameters] = contentType.split(';');
    const shape = MEDIA_TYPES[media.trim().toLowerCase()];
    if (shape === undefined) {
        throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', `expected a Content-Type of ${accepted}, got ${JSON.stringify(contentType)}`);
    }
    for (const parameter of parameters) {
        const [name = '', value = ''] = parameter.split('=');
        const charset = value.trim().replace(/^"(.*)"$/, '$1').toLowerCase();
        if (name.trim().toLowerCase() === 'charset' && charset !== 'utf-8' && charset !== 'utf8') {
            throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', `expected charset utf-8 (JSON is UTF-8), got ${JSON.stringify(contentType)}`);
        }
    }
    return shape;
}
function tooLarge(limits, got) {
    return new HttpError(413, 'PAYLOAD_TOO_LARGE', `expected a body of at most ${limits.maxBodyBytes} bytes, got ${got}`);
}
/** How much of a refused body is still read (and thrown away) so the client gets to read the 413. */
const LINGER_BYTES = 16 * 1024 * 1024;
const LINGER_MS = 10_000;
/**
 * After a 413: what the client is still sending is read and thrown away, up
 * to LINGER_BYTES or LINGER_MS, then the connection is cut. Closing at once
 * would make clients such as Node's http fail with EPIPE while still
 * writing, before they read the answer; lingering like this is what
 * nginx does. Nothing of it is kept in memory.
 */
function discardRest(req) {
    let discarded = 0;
    const cut = () => req.socket.destroy();
    const timer = setTimeout(cut, LINGER_MS);
    timer.unref();
    req.on('data', (chunk) => {
        discarded += chunk.length;
        if (discarded > LINGER_BYTES)
            cut();
    });
    req.once('close', () => clearTimeout(timer));
    req.resume();
}
/**
 * The body's bytes, in one array; `bodyText` reads them.
 * Stops collecting as soon as the limit is passed (a declared Content-Length
 * over the limit is refused before reading at all).
 */
function readBody(req, limits) {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limits.maxBodyBytes) {
        discardRest(req);
        return Promise.reject(tooLarge(limits, `a Content-Length of ${declared}`));
    }
    return new Promise((resolve, reject) => {
        const chunks = [];
        let size = 0;
        const onData = (chunk) => {
            size += chunk.length;
            if (size > limits.maxBodyBytes) {
                cleanup();
                discardRest(req);
                reject(tooLarge(limits, `more (collecting stopped after ${size} bytes)`));
                return;
            }
            chunks.push(chunk);
        };
        const onEnd = () => {
            cleanup();
            const bytes = new Uint8Array(size);
            let offset = 0;
            for (const chunk of chunks) {
                bytes.set(chunk, offset);
                offset += chunk.length;
            }
            resolve(bytes);
        };
        const onError = (error) => {
            cleanup();
            reject(error);
        };
        const cleanup = () => {
            req.off('data', onData);
            req.off('end', onEnd);
            req.off('error', onError);
        };
        req.on('data', onData);
        req.on('end', onEnd);
        req.on('error', onError);
    });
}
/** A body's bytes as text: JSON is UTF-8. */
function bodyText(bytes) {
    try {
        return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    }
    catch {
        throw new HttpError(400, 'INVALID_JSON', 'expected a UTF-8 JSON body, got bytes that are not valid UTF-8');
    }
}
/** The received events of a body, checked against the announced shape and the event limit. */
function eventsOfBody(text, shape, limits) {
    let body;
    try {
        body = JSON.parse(text);
    }
    catch (error) {
        throw new HttpError(400, 'INVALID_JSON', `expected a JSON body, got text that does not parse: ${error.message}`);
    }
    if (Array.isArray(body)) {
        if (shape === 'single') {
            throw new HttpError(400, 'NOT_AN_EVENT', `expected one event object for application/cloudevents+json (send arrays as application/cloudevents-batch+json), got ${(0, schema_1.describe)(body)}`);
        }
        if (body.length === 0)
            throw new HttpError(400, 'EMPTY_BATCH', 'expected at least one event, got an empty array');
        if (body.length > limits.maxEvents) {
            throw new HttpError(413, 'TOO_MANY_EVENTS', `expected at most ${limits.maxEvents} events per request, got ${body.length}`);
        }
        return body;
    }
    if (typeof body === 'object' && body !== null) {
        if (shape === 'batch') {
            throw new HttpError(400, 'NOT_A_BATCH', `expected an array of events for application/cloudevents-batch+json, got ${(0, schema_1.describe)(body)}`);
        }
        return [body];
    }
    throw new HttpError(400, 'NOT_AN_EVENT', `expected an event object or an array of events, got ${(0, schema_1.describe)(body)}`);
}
//# sourceMappingURL=httpRequest.js.map