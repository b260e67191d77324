/**
 * A verified token's claims as a {@link Principal} (docs/api.md, "Access"):
 * `sub`; `scope` (space-separated) or `scp` (array); `legal_entities` (absent
 * = every legal entity, empty = none); `sources` (CloudEvents `source`
 * prefixes; absent = any); `exp`. A claim of the wrong shape makes the token
 * invalid rather than being read as "absent", which would widen what it grants.
 */
import { SCOPES, type Principal, type Scope } from './principal';

const KNOWN_SCOPES: ReadonlySet<string> = new Set(SCOPES);

/** Claims as jose hands them over, after the signature and the times were checked. */
export type Claims = Readonly<Record<string, unknown>>;

/** The principal of `claims`, or what is wrong with them (a sentence for the 401). */
export function principalOfClaims(claims: Claims): Principal | { problem: string } {
  const { sub, scope, scp, legal_entities: legalEntities, sources, exp } = claims;
  if (sub !== undefined && typeof sub !== 'string') return { problem: `has a "sub" that is not a string (${describe(sub)})` };
  if (scope !== undefined && typeof scope !== 'string') return { problem: `has a "scope" that is not a space-separated string (${describe(scope)})` };
  if (scp !== undefined && !isStringArray(scp)) return { problem: `has an "scp" that is not an array of strings (${describe(scp)})` };
  if (legalEntities !== undefined && !isStringArray(legalEntities)) {
    return { problem: `has "legal_entities" that is not an array of legal entity ids (${describe(legalEntities)})` };
  }
  if (sources !== undefined && !isStringArray(sources)) return { problem: `has "sources" that is not an array of source prefixes (${describe(sources)})` };
  const named = [...(typeof scope === 'string' ? scope.split(' ') : []), ...((scp as string[] | undefined) ?? [])];
  return {
    subject: sub ?? null,
    scopes: new Set(named.filter((s): s is Scope => KNOWN_SCOPES.has(s))),
    legalEntities: (legalEntities as string[] | undefined) ?? null,
    sources: (sources as string[] | undefined) ?? null,
    expiresAt: typeof exp === 'number' ? exp * 1000 : null,
  };
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
