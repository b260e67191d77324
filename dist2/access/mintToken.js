"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.mintToken = mintToken;
exports.parseDuration = parseDuration;
/**
 * Development tokens: an HS256 JWT signed with AUTH_JWT_SECRET, carrying the
 * claims the hub reads (docs/api.md, "Access"). For demos, tests and local
 * tools; a deployment's tokens come from its identity provider.
 */
const jose_1 = require("./jose");
async function mintToken(secret, claims) {
    const { SignJWT } = await (0, jose_1.loadJose)();
    const payload = { scope: claims.scopes.join(' ') };
    if (claims.legalEntities !== undefined)
        payload.legal_entities = [...claims.legalEntities];
    if (claims.sources !== undefined)
        payload.sources = [...claims.sources];
    let jwt = new SignJWT(payload)
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(claims.subject)
        .setIssuedAt()
        .setExpirationTime(Math.floor(Date.now() / 1000) + claims.ttlSeconds);
    if (claims.issuer !== undefined)
        jwt = jwt.setIssuer(claims.issuer);
    if (claims.audience !== undefined)
        jwt = jwt.setAudience(claims.audience);
    return jwt.sign(new TextEncoder().encode(secret));
}
/** A duration such as `90s`, `15m`, `1h`, `7d` (or plain seconds) in seconds; undefined when it is none. */
function parseDuration(text) {
    const match = /^(\d+)\s*(s|m|h|d)?$/.exec(text.trim());
    if (!match)
        return undefined;
    const seconds = Number(match[1]) * { s: 1, m: 60, h: 3600, d: 86_400 }[(match[2] ?? 's')];
    return seconds > 0 && Number.isSafeInteger(seconds) ? seconds : undefined;
}
//# sourceMappingURL=mintToken.js.map