"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.readBoundedBody = readBoundedBody;
const httpError_1 = require("./httpError");
/** A request's body as text, read up to `maxBytes`: a 413 HttpError past it (declared or sent). */
async function readBoundedBody(req, maxBytes) {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) {
        throw new httpError_1.HttpError(413, 'PAYLOAD_TOO_LARGE', `a POST body may have at most ${maxBytes} bytes, got ${declared}`);
    }
    const chunks = [];
    let size = 0;
    for await (const chunk of req) {
        size += chunk.length;
        if (size > maxBytes)
            throw new httpError_1.HttpError(413, 'PAYLOAD_TOO_LARGE', `a POST body may have at most ${maxBytes} bytes`);
        chunks.push(chunk);
    }
    return Buffer.concat(chunks).toString('utf8');
}
//# sourceMappingURL=requestBody.js.map