/**
 * `RATE_LIMIT_PER_MINUTE`: requests per minute per token `sub` (per client
 * address with `AUTH=off`, or for a token without a `sub`), counted in memory
 * by rate-limiter-flexible (fixed one-minute windows per key, each key
 * forgotten when its window ends, so memory follows the clients of the last
 * minute). Each port counts its own requests: the gateway's and the ingest
 * thread's limits are separate budgets of the same size.
 */
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { AccessError } from './accessError';
import type { Principal } from './principal';

export interface RateLimit {
  /** Counts one request of `principal` from `client`; throws the 429 when over the limit. */
  take(principal: Principal, client: string | undefined): Promise<void>;
}

export const NO_RATE_LIMIT: RateLimit = Object.freeze({ take: async () => undefined });

export function createRateLimit(perMinute: number): RateLimit {
  if (perMinute <= 0) return NO_RATE_LIMIT;
  const limiter = new RateLimiterMemory({ points: perMinute, duration: 60 });
  return {
    async take(principal, client) {
      const key = principal.subject !== null ? `sub:${principal.subject}` : `addr:${client ?? 'unknown'}`;
      try {
        await limiter.consume(key);
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
        const who = principal.subject !== null ? `sub ${JSON.stringify(principal.subject)}` : `client ${client ?? 'unknown'}`;
        throw new AccessError(429, 'RATE_LIMITED', `expected at most ${perMinute} requests per minute for ${who} (RATE_LIMIT_PER_MINUTE), got more; retry after ${seconds} s`,
          undefined, undefined, { 'retry-after': String(seconds) });
      }
    },
  };
}
