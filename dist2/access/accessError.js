"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.AccessError = void 0;
exports.missingCredential = missingCredential;
exports.invalidToken = invalidToken;
exports.missingScope = missingScope;
class AccessError extends Error {
    constructor(status, code, message, 
    /** RFC 6750 error code: `invalid_request`, `invalid_token` or `insufficient_scope`. */
    bearerError, 
    /** For a 403: the scope that was missing. */
    scope, extraHeaders = {}) {
        super(message);
        this.status = status;
        this.code = code;
        this.bearerError = bearerError;
        this.scope = scope;
        this.extraHeaders = extraHeaders;
        this.name = 'AccessError';
    }
    /** The response headers this refusal carries. */
    headers() {
        if (this.status === 503)
            return { 'retry-after': '5' };
        if (this.status !== 401 && this.code !== 'FORBIDDEN')
            return { ...this.extraHeaders };
        // Without a credential at all, RFC 6750 says to send no error code: just the challenge.
        const parts = ['realm="servicegraph"'];
        if (this.bearerError)
            parts.push(`error="${this.bearerError}"`, `error_description="${quoted(this.message)}"`);
        if (this.scope)
            parts.push(`scope="${this.scope}"`);
        return { 'www-authenticate': `Bearer ${parts.join(', ')}` };
    }
}
exports.AccessError = AccessError;
/** No credential was sent. */
function missingCredential(where) {
    return new AccessError(401, 'UNAUTHENTICATED', `expected a bearer token (${where}), got none`);
}
function invalidToken(reason) {
    return new AccessError(401, 'UNAUTHENTICATED', `expected a valid bearer token, got one that ${reason}`, 'invalid_token');
}
function missingScope(scope, door) {
    return new AccessError(403, 'FORBIDDEN', `${door} needs the scope ${scope}, which the token does not grant`, 'insufficient_scope', scope);
}
/** A quoted-string of RFC 9110: no quotes, backslashes or control characters inside. */
function quoted(text) {
    return text.replace(/["\\]/g, "'").replace(/[\u0000-\u001f\u007f-\uffff]/g, ' ');
}
//# sourceMappingURL=accessError.js.map