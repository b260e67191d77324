/**
 * A refused request, as every door answers it: `401` (no credential, or one
 * that does not verify) with a `WWW-Authenticate: Bearer` challenge saying
 * why (RFC 6750 section 3), `403` for a missing scope or a host or origin
 * the hub does not serve, `429` over the rate limit (with `Retry-After`),
 * `503` when the keys to verify with cannot be had right now, `400` for a
 * GraphQL document the hub's trusted documents refuse
 * (access/trustedDocuments.ts). The message
 * says what was expected and what arrived; the code is for programs.
 */
import type { Scope } from './principal';

export type AccessErrorCode = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'HOST_NOT_ALLOWED' | 'ORIGIN_NOT_ALLOWED' | 'RATE_LIMITED' | 'AUTH_UNAVAILABLE'
  | 'PERSISTED_QUERY_NOT_FOUND' | 'PERSISTED_QUERY_NOT_IN_LIST' | 'PERSISTED_QUERY_NOT_SUPPORTED' | 'BAD_REQUEST';

export class AccessError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 429 | 503,
    readonly code: AccessErrorCode,
    message: string,
    /** RFC 6750 error code: `invalid_request`, `invalid_token` or `insufficient_scope`. */
    readonly bearerError?: 'invalid_request' | 'invalid_token' | 'insufficient_scope',
    /** For a 403: the scope that was missing. */
    readonly scope?: Scope,
    private readonly extraHeaders: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'AccessError';
  }

  /** The response headers this refusal carries. */
  headers(): Record<string, string> {
    if (this.status === 503) return { 'retry-after': '5' };
    if (this.status !== 401 && this.code !== 'FORBIDDEN') return { ...this.extraHeaders };
    // Without a credential at all, RFC 6750 says to send no error code: just the challenge.
    const parts = ['realm="servicegraph"'];
    if (this.bearerError) parts.push(`error="${this.bearerError}"`, `error_description="${quoted(this.message)}"`);
    if (this.scope) parts.push(`scope="${this.scope}"`);
    return { 'www-authenticate': `Bearer ${parts.join(', ')}` };
  }
}

/** No credential was sent. */
export function missingCredential(where: string): AccessError {
  return new AccessError(401, 'UNAUTHENTICATED', `expected a bearer token (${where}), got none`);
}

export function invalidToken(reason: string): AccessError {
  return new AccessError(401, 'UNAUTHENTICATED', `expected a valid bearer token, got one that ${reason}`, 'invalid_token');
}

export function missingScope(scope: Scope, door: string): AccessError {
  return new AccessError(403, 'FORBIDDEN', `${door} needs the scope ${scope}, which the token does not grant`, 'insufficient_scope', scope);
}

/** A quoted-string of RFC 9110: no quotes, backslashes or control characters inside. */
function quoted(text: string): string {
  return text.replace(/["\\]/g, "'").replace(/[\u0000-\u001f\u007f-\uffff]/g, ' ');
}
