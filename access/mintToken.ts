/**
 * Development tokens: an HS256 JWT signed with AUTH_JWT_SECRET, carrying the
 * claims the hub reads (docs/api.md, "Access"). For demos, tests and local
 * tools; a deployment's tokens come from its identity provider.
 */
import { loadJose } from './jose';

export interface TokenClaims {
  /** `sub`: who the token speaks for (the audit log names it). */
  readonly subject: string;
  /** `scope`: space-separated scopes. */
  readonly scopes: readonly string[];
  /** `legal_entities`; undefined = claim absent (every legal entity). */
  readonly legalEntities?: readonly string[];
  /** `sources`; undefined = claim absent (any source). */
  readonly sources?: readonly string[];
  /** Seconds until `exp`. */
  readonly ttlSeconds: number;
  readonly issuer?: string;
  readonly audience?: string;
}

export async function mintToken(secret: string, claims: TokenClaims): Promise<string> {
  const { SignJWT } = await loadJose();
  const payload: Record<string, unknown> = { scope: claims.scopes.join(' ') };
  if (claims.legalEntities !== undefined) payload.legal_entities = [...claims.legalEntities];
  if (claims.sources !== undefined) payload.sources = [...claims.sources];
  let jwt = new SignJWT(payload)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.subject)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + claims.ttlSeconds);
  if (claims.issuer !== undefined) jwt = jwt.setIssuer(claims.issuer);
  if (claims.audience !== undefined) jwt = jwt.setAudience(claims.audience);
  return jwt.sign(new TextEncoder().encode(secret));
}

/** A duration such as `90s`, `15m`, `1h`, `7d` (or plain seconds) in seconds; undefined when it is none. */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d+)\s*(s|m|h|d)?$/.exec(text.trim());
  if (!match) return undefined;
  const seconds = Number(match[1]) * { s: 1, m: 60, h: 3600, d: 86_400 }[(match[2] ?? 's') as 's' | 'm' | 'h' | 'd'];
  return seconds > 0 && Number.isSafeInteger(seconds) ? seconds : undefined;
}
