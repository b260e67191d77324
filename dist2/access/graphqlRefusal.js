"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.sendGraphqlRefusal = sendGraphqlRefusal;
/** A refusal of the doors as a GraphQL response: `errors` only, with the HTTP status and headers of the refusal. */
function sendGraphqlRefusal(req, res, error) {
    if (res.headersSent)
        return void res.destroy();
    const body = JSON.stringify({ errors: [{ message: error.message, extensions: { code: error.code } }] });
    const contentType = /application\/graphql-response\+json/i.test(req.headers.accept ?? '') ? 'application/graphql-response+json; charset=utf-8' : 'application/json; charset=utf-8';
    res.writeHead(error.status, { ...error.headers(), ...(req.complete ? {} : { connection: 'close' }), 'content-type': contentType, 'content-length': String(Buffer.byteLength(body)) });
    res.end(body);
}
//# sourceMappingURL=graphqlRefusal.js.map