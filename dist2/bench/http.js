"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.request = request;
exports.graphqlBody = graphqlBody;
/** A plain keep-alive HTTP client for benchmarks (node:http, no fetch overhead). */
const node_http_1 = __importDefault(require("node:http"));
/** `headers`: extra request headers (e.g. Cache-Control); the answer carries the response's headers. */
function request(agent, url, method, body, contentType = 'application/json', headers = {}) {
    return new Promise((resolve, reject) => {
        const req = node_http_1.default.request(url, {
            method, agent,
            headers: body === undefined ? { ...headers } : { ...headers, 'content-type': contentType, 'content-length': Buffer.byteLength(body) },
        }, (res) => {
            const chunks = [];
            res.on('data', (c) => chunks.push(c));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), headers: res.headers }));
        });
        req.on('error', reject);
        req.end(body);
    });
}
/** A GraphQL POST body. */
function graphqlBody(query, variables = {}) {
    return JSON.stringify({ query, variables });
}
//# sourceMappingURL=http.js.map