/**
 * Tokens already verified, remembered for a short while: a dashboard sends
 * the same bearer token with every request, and verifying it again (jose's
 * signature check, about 140 µs of CPU for HS256) costs more than answering
 * a request from the response cache. A remembered token answers with the
 * principal its verification gave, until the earliest of:
 *
 * - its `exp` (without the clock tolerance: after it, jose decides again);
 * - {@link REVERIFY_MS} after it was verified, so a key withdrawn from a key
 *   set (AUTH_JWKS_URL) stops opening doors within that time, as it would
 *   once jose's own cache of the key set is refreshed.
 *
 * Only tokens that verified are remembered (a refusal is decided afresh every
 * time), at most {@link MAX_TOKENS} of them, the oldest forgotten first.
 */
import type { Principal } from './principal';
import type { TokenVerifier } from './tokenVerifier';

/** A verified token is verified again at most this long after it last was. */
export const REVERIFY_MS = 60_000;
/** Tokens remembered at most. */
export const MAX_TOKENS = 10_000;

/** `verify`, remembering what it admitted; `now` is the clock (epoch ms). */
export function rememberingVerifiedTokens(verify: TokenVerifier, now: () => number = Date.now): TokenVerifier {
  const verified = new Map<string, { principal: Principal; until: number }>();
  return async (token) => {
    const at = now();
    const known = verified.get(token);
    if (known && at < known.until) return known.principal;
    if (known) verified.delete(token);
    const principal = await verify(token);
    const until = Math.min(principal.expiresAt ?? Infinity, at + REVERIFY_MS);
    if (at < until) {
      if (verified.size >= MAX_TOKENS) verified.delete(verified.keys().next().value!);
      verified.set(token, { principal, until });
    }
    return principal;
  };
}
