"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.OPEN_AUTHENTICATOR = void 0;
exports.createAuthenticator = createAuthenticator;
exports.requireScope = requireScope;
/**
 * The one step every door takes first: who is asking. With `AUTH=off` every
 * request is {@link OPEN_PRINCIPAL}; with `AUTH=jwt` the `Authorization:
 * Bearer <JWT>` credential is verified (access/tokenVerifier.ts) and its
 * claims become the request's principal.
 */
const accessError_1 = require("./accessError");
const principal_1 = require("./principal");
const tokenVerifier_1 = require("./tokenVerifier");
/** Every request is granted every scope. */
exports.OPEN_AUTHENTICATOR = Object.freeze({ mode: 'off', authenticate: async () => principal_1.OPEN_PRINCIPAL });
async function createAuthenticator(settings) {
    if (settings.mode === 'off')
        return exports.OPEN_AUTHENTICATOR;
    const verify = await (0, tokenVerifier_1.createTokenVerifier)(settings);
    return {
        mode: 'jwt',
        async authenticate(authorization) {
            if (authorization === undefined || authorization === null || authorization === '') {
                throw (0, accessError_1.missingCredential)('Authorization: Bearer <token>');
            }
            if (typeof authorization !== 'string') {
                throw new accessError_1.AccessError(401, 'UNAUTHENTICATED', `expected the authorization to be a string "Bearer <token>", got ${typeof authorization}`, 'invalid_request');
            }
            const match = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i.exec(authorization);
            if (!match) {
                const scheme = authorization.trim().split(/\s+/)[0] ?? '';
                throw new accessError_1.AccessError(401, 'UNAUTHENTICATED', `expected "Bearer <token>", got ${/^bearer$/i.test(scheme) ? 'a malformed bearer token' : `the scheme ${JSON.stringify(scheme.slice(0, 20))}`}`, 'invalid_request');
            }
            return verify(match[1]);
        },
    };
}
/** Throws the door's 403 unless `principal` holds `scope`. */
function requireScope(principal, scope, door) {
    if (!(0, principal_1.hasScope)(principal, scope))
        throw (0, accessError_1.missingScope)(scope, door);
}
//# sourceMappingURL=authenticator.js.map