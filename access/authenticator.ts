/**
 * The one step every door takes first: who is asking. With `AUTH=off` every
 * request is {@link OPEN_PRINCIPAL}; with `AUTH=jwt` the `Authorization:
 * Bearer <JWT>` credential is verified (access/tokenVerifier.ts) and its
 * claims become the request's principal.
 */
import { AccessError, missingCredential, missingScope } from './accessError';
import { hasScope, OPEN_PRINCIPAL, type Principal, type Scope } from './principal';
import type { AuthSettings } from './settings';
import { createTokenVerifier } from './tokenVerifier';
import { rememberingVerifiedTokens } from './verifiedTokens';

export interface Authenticator {
  readonly mode: AuthSettings['mode'];
  /**
   * The principal of a request's `Authorization` value (a header, or the
   * `authorization` of a graphql-ws `connection_init` payload).
   * @throws {AccessError} 401 without a valid bearer token (AUTH=jwt), 503 when the key set cannot be fetched.
   */
  authenticate(authorization: unknown): Promise<Principal>;
}

/** Every request is granted every scope. */
export const OPEN_AUTHENTICATOR: Authenticator = Object.freeze({ mode: 'off' as const, authenticate: async () => OPEN_PRINCIPAL });

export async function createAuthenticator(settings: AuthSettings): Promise<Authenticator> {
  if (settings.mode === 'off') return OPEN_AUTHENTICATOR;
  const verify = rememberingVerifiedTokens(await createTokenVerifier(settings));
  return {
    mode: 'jwt',
    async authenticate(authorization) {
      if (authorization === undefined || authorization === null || authorization === '') {
        throw missingCredential('Authorization: Bearer <token>');
      }
      if (typeof authorization !== 'string') {
        throw new AccessError(401, 'UNAUTHENTICATED', `expected the authorization to be a string "Bearer <token>", got ${typeof authorization}`, 'invalid_request');
      }
      const match = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i.exec(authorization);
      if (!match) {
        const scheme = authorization.trim().split(/\s+/)[0] ?? '';
        throw new AccessError(401, 'UNAUTHENTICATED', `expected "Bearer <token>", got ${/^bearer$/i.test(scheme) ? 'a malformed bearer token' : `the scheme ${JSON.stringify(scheme.slice(0, 20))}`}`, 'invalid_request');
      }
      return verify(match[1]!);
    },
  };
}

/** Throws the door's 403 unless `principal` holds `scope`. */
export function requireScope(principal: Principal, scope: Scope, door: string): void {
  if (!hasScope(principal, scope)) throw missingScope(scope, door);
}
