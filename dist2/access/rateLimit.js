"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.NO_RATE_LIMIT = void 0;
exports.createRateLimit = createRateLimit;
/**
 * `RATE_LIMIT_PER_MINUTE`: requests per minute per token `sub` (per client
 * address with `AUTH=off`, or for a token without a `sub`), counted in memory
 * by rate-limiter-flexible (fixed one-minute windows per key, each key
 * forgotten when its window ends, so memory follows the clients of the last
 * minute). Each port counts its own requests: the gateway's and the ingest
 * thread's limits are separate budgets of the same size.
 */
const rate_limiter_flexible_1 = require("rate-limiter-flexible");
const accessError_1 = require("./accessError");
exports.NO_RATE_LIMIT = Object.freeze({ take: async () => undefined });
function createRateLimit(perMinute) {
    if (perMinute <= 0)
        return exports.NO_RATE_LIMIT;
    const limiter = new rate_limiter_flexible_1.RateLimiterMemory({ points: perMinute, duration: 60 });
    return {
        async take(principal, client) {
            const key = principal.subject !== null ? `sub:${principal.subject}` : `addr:${client ?? 'unknown'}`;
            try {
                await limiter.consume(key);
            }
            catch (rejection) {
                if (!(rejection instanceof rate_limiter_flexible_1.RateLimiterRes))
                    throw rejection;
                const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
                const who = principal.subject !== null ? `sub ${JSON.stringify(principal.subject)}` : `client ${client ?? 'unknown'}`;
                throw new accessError_1.AccessError(429, 'RATE_LIMITED', `expected at most ${perMinute} requests per minute for ${who} (RATE_LIMIT_PER_MINUTE), got more; retry after ${seconds} s`, undefined, undefined, { 'retry-after': String(seconds) });
            }
        },
    };
}
//# sourceMappingURL=rateLimit.js.map