/**
 * Verifies bearer tokens (JWS-signed JWTs) with `jose` against the configured
 * key: an HS256 secret, a PEM public key (RS256, ES256 or EdDSA, fixed by the
 * key's type) or a remote JSON Web Key Set. Only the key's own algorithm is
 * accepted, so `alg: none` and algorithm confusion (an HS256 token "signed"
 * with a public key) fail like a bad signature. `exp` is required, `nbf`
 * honoured, with 60 s of clock tolerance; issuer and audience when configured.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import type { JWTVerifyGetKey, JWTVerifyOptions } from 'jose' with { 'resolution-mode': 'import' };
import { AccessError, invalidToken } from './accessError';
import { principalOfClaims } from './claims';
import { loadJose, type Jose } from './jose';
import type { Principal } from './principal';
import type { AuthSettings } from './settings';

/** Clock difference allowed between the token's issuer and the hub. */
export const CLOCK_TOLERANCE_SECONDS = 60;
/** An unknown `kid` makes the key set be fetched again, but not more often than this. */
export const JWKS_COOLDOWN_MS = 30_000;
/** How long a JWKS fetch may take. */
const JWKS_TIMEOUT_MS = 5_000;
/** Algorithms a key set may sign with: the asymmetric ones of a PEM key (never HS256: its "key" would be public). */
const JWKS_ALGORITHMS = ['RS256', 'ES256', 'EdDSA', 'Ed25519'];

export type TokenVerifier = (token: string) => Promise<Principal>;

/** A verifier for `settings` (AUTH=jwt); throws {@link AccessError} for a token that does not verify. */
export async function createTokenVerifier(settings: Extract<AuthSettings, { mode: 'jwt' }>): Promise<TokenVerifier> {
  const jose = await loadJose();
  const { createRemoteJWKSet, jwtVerify } = jose;
  let key: Uint8Array | KeyObject | JWTVerifyGetKey;
  let algorithms: string[];
  switch (settings.key.kind) {
    case 'secret':
      key = new TextEncoder().encode(settings.key.secret);
      algorithms = ['HS256'];
      break;
    case 'publicKey':
      key = createPublicKey(settings.key.pem);
      algorithms = [settings.key.algorithm];
      break;
    case 'jwks':
      key = createRemoteJWKSet(new URL(settings.key.url), { cooldownDuration: JWKS_COOLDOWN_MS, timeoutDuration: JWKS_TIMEOUT_MS });
      algorithms = JWKS_ALGORITHMS;
      break;
  }
  const options: JWTVerifyOptions = {
    algorithms,
    requiredClaims: ['exp'],
    clockTolerance: CLOCK_TOLERANCE_SECONDS,
    ...(settings.issuer !== undefined ? { issuer: settings.issuer } : {}),
    ...(settings.audience !== undefined ? { audience: settings.audience } : {}),
  };
  return async (token) => {
    let payload;
    try {
      // jose's overloads differ by key kind only; the options are the same.
      ({ payload } = typeof key === 'function' ? await jwtVerify(token, key, options) : await jwtVerify(token, key, options));
    } catch (error) {
      throw refusal(jose.errors, error);
    }
    const principal = principalOfClaims(payload);
    if ('problem' in principal) throw invalidToken(principal.problem);
    return principal;
  };
}

/** What a failed verification is answered with: 401 saying why, or 503 when the key set could not be fetched. */
function refusal(errors: Jose['errors'], error: unknown): AccessError {
  if (error instanceof errors.JWTExpired) return invalidToken('has expired (exp is in the past)');
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'nbf') return invalidToken('is not valid yet (nbf is in the future)');
    if (error.claim === 'exp') return invalidToken('has no valid "exp" (an expiry is required)');
    return invalidToken(`fails the "${error.claim}" check (${error.reason === 'check_failed' ? 'unexpected value' : error.reason})`);
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return invalidToken(`is signed with an algorithm the hub does not accept (${error.message})`);
  if (error instanceof errors.JWSSignatureVerificationFailed) return invalidToken('has a signature that does not verify');
  if (error instanceof errors.JWKSNoMatchingKey) return invalidToken('names a key ("kid") the key set does not hold');
  if (error instanceof errors.JWKSTimeout || (error instanceof errors.JOSEError && error.code === 'ERR_JWKS_INVALID')) {
    return new AccessError(503, 'AUTH_UNAVAILABLE', `the key set to verify tokens with could not be fetched (${error.message}); try again shortly`);
  }
  if (error instanceof errors.JOSEError) return invalidToken(`is not a well-formed signed JWT (${error.message})`);
  // Not jose's: the key set's server did not answer.
  return new AccessError(503, 'AUTH_UNAVAILABLE',
    `the key set to verify tokens with could not be fetched (${error instanceof Error ? error.message : String(error)}); try again shortly`);
}
