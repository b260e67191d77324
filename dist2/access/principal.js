"use strict";
/**
 * Who is asking, and what they may see: the one shape every door of the hub
 * (ingest, operator endpoints, GraphQL, subscriptions, reports, metrics) hands
 * on once a request is authenticated. `AUTH=off` gives every request
 * `OPEN_PRINCIPAL`; `AUTH=jwt` builds one from a verified token's claims.
 *
 * This module is neutral: it imports nothing of ingest, listeners, subgraphs,
 * gateway or live, so each of them may depend on it.
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.OPEN_PRINCIPAL = exports.SCOPES = void 0;
exports.hasScope = hasScope;
exports.seesLegalEntity = seesLegalEntity;
exports.mayUseSource = mayUseSource;
/** The scopes of the access rules (docs/api.md, "Access"). */
exports.SCOPES = ['events:write', 'graph:read', 'financials:read', 'operations:read', 'operations:write'];
/** The principal of every request under `AUTH=off`: every scope, every legal entity, any source. */
exports.OPEN_PRINCIPAL = Object.freeze({
    subject: null,
    scopes: new Set(exports.SCOPES),
    legalEntities: null,
    sources: null,
    expiresAt: null,
});
function hasScope(principal, scope) {
    return principal.scopes.has(scope);
}
/** Whether rows of `legalEntityId` exist for `principal`. */
function seesLegalEntity(principal, legalEntityId) {
    return principal.legalEntities === null || principal.legalEntities.includes(legalEntityId);
}
/** Whether `principal` may send events from `source`: any source, or one starting with a prefix of its `sources`. */
function mayUseSource(principal, source) {
    return principal.sources === null || principal.sources.some((prefix) => source.startsWith(prefix));
}
//# sourceMappingURL=principal.js.map