/**
 * Tokens for access tests, good and bad, made with jose as an identity
 * provider (or an attacker) would: the matrix's credentials, as data.
 */
import { loadJose } from '../../access/jose';

export const TEST_SECRET = 'a-test-secret-that-is-long-enough-for-hs256!';
export const TEST_ISSUER = 'https://issuer.test/';
export const TEST_AUDIENCE = 'servicegraph';

export interface TokenSpec {
  readonly sub?: string;
  readonly scope?: string;
  readonly claims?: Record<string, unknown>;
  /** Seconds from now; negative = already expired. */
  readonly expiresIn?: number;
  readonly issuer?: string;
  readonly audience?: string;
  readonly secret?: string;
  readonly notBefore?: number;
}

/** An HS256 token; by default valid for the test hub (issuer, audience, secret). */
export async function hs256(spec: TokenSpec = {}): Promise<string> {
  const { SignJWT } = await loadJose();
  const now = Math.floor(Date.now() / 1000);
  let jwt = new SignJWT({ ...(spec.scope !== undefined ? { scope: spec.scope } : {}), ...spec.claims })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(spec.sub ?? 'tester')
    .setIssuer(spec.issuer ?? TEST_ISSUER)
    .setAudience(spec.audience ?? TEST_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(now + (spec.expiresIn ?? 600));
  if (spec.notBefore !== undefined) jwt = jwt.setNotBefore(now + spec.notBefore);
  return jwt.sign(new TextEncoder().encode(spec.secret ?? TEST_SECRET));
}

/** A token with `alg: none` and no signature, otherwise well-formed and carrying every scope. */
export async function unsigned(scope: string): Promise<string> {
  const { UnsecuredJWT } = await loadJose();
  return new UnsecuredJWT({ scope }).setSubject('mallory').setIssuer(TEST_ISSUER).setAudience(TEST_AUDIENCE)
    .setIssuedAt().setExpirationTime('10m').encode();
}

/** The credential cases every door is tried with; `null` = no Authorization at all. */
export interface CredentialCase {
  readonly name: string;
  readonly token: (scope: string, otherScope: string) => Promise<string | null>;
  /** What the door answers: refused as unauthenticated (401), for want of the scope (403), or let in. */
  readonly expect: 'unauthenticated' | 'forbidden' | 'admitted';
}

export const CREDENTIAL_CASES: readonly CredentialCase[] = [
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
