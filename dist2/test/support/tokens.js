"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.CREDENTIAL_CASES = exports.TEST_AUDIENCE = exports.TEST_ISSUER = exports.TEST_SECRET = void 0;
exports.hs256 = hs256;
exports.unsigned = unsigned;
/**
 * Tokens for access tests, good and bad, made with jose as an identity
 * provider (or an attacker) would: the matrix's credentials, as data.
 */
const jose_1 = require("../../access/jose");
exports.TEST_SECRET = 'a-test-secret-that-is-long-enough-for-hs256!';
exports.TEST_ISSUER = 'https://issuer.test/';
exports.TEST_AUDIENCE = 'servicegraph';
/** An HS256 token; by default valid for the test hub (issuer, audience, secret). */
async function hs256(spec = {}) {
    const { SignJWT } = await (0, jose_1.loadJose)();
    const now = Math.floor(Date.now() / 1000);
    let jwt = new SignJWT({ ...(spec.scope !== undefined ? { scope: spec.scope } : {}), ...spec.claims })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(spec.sub ?? 'tester')
        .setIssuer(spec.issuer ?? exports.TEST_ISSUER)
        .setAudience(spec.audience ?? exports.TEST_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(now + (spec.expiresIn ?? 600));
    if (spec.notBefore !== undefined)
        jwt = jwt.setNotBefore(now + spec.notBefore);
    return jwt.sign(new TextEncoder().encode(spec.secret ?? exports.TEST_SECRET));
}
/** A token with `alg: none` and no signature, otherwise well-formed and carrying every scope. */
async function unsigned(scope) {
    const { UnsecuredJWT } = await (0, jose_1.loadJose)();
    return new UnsecuredJWT({ scope }).setSubject('mallory').setIssuer(exports.TEST_ISSUER).setAudience(exports.TEST_AUDIENCE)
        .setIssuedAt().setExpirationTime('10m').encode();
}
exports.CREDENTIAL_CASES = [
    { name: 'no token', token: async () => null, expect: 'unauthenticated' },
    { name: 'bad signature', token: (scope) => hs256({ scope, secret: 'another-secret-that-is-long-enough-for-hs256' }), expect: 'unauthenticated' },
    { name: 'alg none', token: (scope) => unsigned(scope), expect: 'unauthenticated' },
    // Beyond the 60 s of clock tolerance.
    { name: 'expired', token: (scope) => hs256({ scope, expiresIn: -120 }), expect: 'unauthenticated' },
    { name: 'wrong issuer', token: (scope) => hs256({ scope, issuer: 'https://elsewhere.test/' }), expect: 'unauthenticated' },
    { name: 'wrong audience', token: (scope) => hs256({ scope, audience: 'another-api' }), expect: 'unauthenticated' },
    { name: 'missing scope', token: (_scope, otherScope) => hs256({ scope: otherScope }), expect: 'forbidden' },
    { name: 'right scope', token: (scope) => hs256({ scope }), expect: 'admitted' },
];
//# sourceMappingURL=tokens.js.map