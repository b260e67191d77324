/**
 * Who is asking, and what they may see: the one shape every door of the hub
 * (ingest, operator endpoints, GraphQL, subscriptions, reports, metrics) hands
 * on once a request is authenticated. `AUTH=off` gives every request
 * `OPEN_PRINCIPAL`; `AUTH=jwt` builds one from a verified token's claims.
 *
 * This module is neutral: it imports nothing of ingest, listeners, subgraphs,
 * gateway or live, so each of them may depend on it.
 */

/** The scopes of the access rules (docs/api.md, "Access"). */
export const SCOPES = ['events:write', 'graph:read', 'financials:read', 'operations:read', 'operations:write'] as const;
export type Scope = (typeof SCOPES)[number];

export interface Principal {
  /** The token's `sub` (for the audit log); `null` with `AUTH=off` or a token without one. */
  readonly subject: string | null;
  /** The scopes granted (`scope` string or `scp` array; unknown scopes dropped). */
  readonly scopes: ReadonlySet<Scope>;
  /** `legal_entities`: the legal entities whose rows exist for this principal; `null` = every one. */
  readonly legalEntities: readonly string[] | null;
  /** `sources`: CloudEvents `source` prefixes this principal may send; `null` = any. */
  readonly sources: readonly string[] | null;
  /** When the credential stops being valid (epoch ms); `null` = never (`AUTH=off`). */
  readonly expiresAt: number | null;
}

/** The principal of every request under `AUTH=off`: every scope, every legal entity, any source. */
export const OPEN_PRINCIPAL: Principal = Object.freeze({
  subject: null,
  scopes: new Set<Scope>(SCOPES),
  legalEntities: null,
  sources: null,
  expiresAt: null,
});

export function hasScope(principal: Principal, scope: Scope): boolean {
  return principal.scopes.has(scope);
}

/**
 * What makes two principals' answers differ: their scopes and legal
 * entities, sorted (not who they are). Answers kept for one (a response
 * cache entry, a report's ETag, a subscription payload) are only ever given
 * to a principal of the same partition.
 */
export function principalPartition(principal: Principal): string {
  return JSON.stringify([[...principal.scopes].sort(), principal.legalEntities === null ? null : [...new Set(principal.legalEntities)].sort()]);
}

/** Whether rows of `legalEntityId` exist for `principal`. */
export function seesLegalEntity(principal: Principal, legalEntityId: string): boolean {
  return principal.legalEntities === null || principal.legalEntities.includes(legalEntityId);
}

/** Whether `principal` may send events from `source`: any source, or one starting with a prefix of its `sources`. */
export function mayUseSource(principal: Principal, source: string): boolean {
  return principal.sources === null || principal.sources.some((prefix) => source.startsWith(prefix));
}
