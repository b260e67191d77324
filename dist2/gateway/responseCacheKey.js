"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.responseCacheKey = responseCacheKey;
/**
 * The normalized request a cached response answers: the query text, the
 * operation name, the variables and extensions as canonical JSON (object keys
 * sorted, so `{"a":1,"b":2}` and `{"b":2,"a":1}` are one request) and the
 * Accept header (it chooses the response's media type). GET and POST of the
 * same operation are one request: Apollo Server answers them alike.
 */
const canonical_1 = require("../events/canonical");
/**
 * The cache key of a GraphQL over HTTP request (and its query text), or undefined when the request
 * is not one the cache answers (a batch, no query text, variables that are not
 * JSON: Apollo Server answers those itself, with its errors).
 */
function responseCacheKey(method, search, body, accept) {
    let query;
    let operationName;
    let variables;
    let extensions;
    if (method === 'POST') {
        if (typeof body !== 'object' || body === null || Array.isArray(body))
            return undefined;
        ({ query, operationName, variables, extensions } = body);
    }
    else if (method === 'GET') {
        const params = new URLSearchParams(search);
        query = params.get('query') ?? undefined;
        operationName = params.get('operationName') ?? undefined;
        try {
            variables = jsonParam(params.get('variables'));
            extensions = jsonParam(params.get('extensions'));
        }
        catch {
            return undefined;
        }
    }
    else {
        return undefined;
    }
    if (typeof query !== 'string' || (operationName !== undefined && operationName !== null && typeof operationName !== 'string'))
        return undefined;
    return { key: JSON.stringify([query, operationName ?? null, (0, canonical_1.canonicalJson)(variables ?? null), (0, canonical_1.canonicalJson)(extensions ?? null), accept ?? '']), query };
}
function jsonParam(value) {
    return value === null || value === '' ? undefined : JSON.parse(value);
}
//# sourceMappingURL=responseCacheKey.js.map