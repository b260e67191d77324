/**
 * How the hub decides who is asking (docs/api.md, "Access"): the settings read
 * from the environment by config/config.ts, as plain data, so that they can be
 * handed to the ingest thread as they are.
 */

import { TRUSTED_DOCUMENTS_OFF, type TrustedDocumentsSettings } from './trustedDocuments';

/** The algorithms a PEM public key may fix (its type decides which). */
export type PublicKeyAlgorithm = 'RS256' | 'ES256' | 'EdDSA';

/** Where the keys that sign tokens come from: exactly one of the three. */
export type TokenKeySource =
  /** `AUTH_JWT_SECRET`: HS256 with a shared secret of at least 32 bytes. */
  | { readonly kind: 'secret'; readonly secret: string }
  /** `AUTH_JWT_PUBLIC_KEY`: one PEM public key; its type fixes the algorithm. */
  | { readonly kind: 'publicKey'; readonly pem: string; readonly algorithm: PublicKeyAlgorithm }
  /** `AUTH_JWKS_URL`: a JSON Web Key Set, fetched and cached; an unknown `kid` refetches at most once per 30 s. */
  | { readonly kind: 'jwks'; readonly url: string };

export type AuthSettings =
  /** `AUTH=off`: nobody is asked who they are; every request gets every scope. */
  | { readonly mode: 'off' }
  | {
      readonly mode: 'jwt';
      readonly key: TokenKeySource;
      /** `AUTH_JWT_ISSUER`: the `iss` every token must carry, when set. */
      readonly issuer: string | undefined;
      /** `AUTH_JWT_AUDIENCE`: a value the token's `aud` must hold, when set. */
      readonly audience: string | undefined;
    };

/** What a browser may do across origins, and which host names the hub answers to. */
export interface OriginSettings {
  /** `CORS_ORIGINS`: origins (`scheme://host[:port]`) allowed cross-origin access; empty = none. */
  readonly corsOrigins: readonly string[];
  /** `ALLOWED_HOSTS`: host names (no port) the hub answers to; `null` = any. */
  readonly allowedHosts: readonly string[] | null;
}

/** Everything a door needs to admit or refuse a request. */
export interface AccessSettings {
  readonly auth: AuthSettings;
  readonly origins: OriginSettings;
  /** `RATE_LIMIT_PER_MINUTE`: requests per minute per token `sub` (per client address with `AUTH=off`); 0 = no limit. */
  readonly rateLimitPerMinute: number;
  /**
   * `TRUSTED_DOCUMENTS` and its manifests: which GraphQL documents the
   * GraphQL doors run (access/trustedDocuments.ts); absent = off.
   */
  readonly trustedDocuments?: TrustedDocumentsSettings;
}

/** Every request gets every scope, any origin rule aside: what tests and benchmarks that do not test access run with. */
export const OPEN_ACCESS: AccessSettings = Object.freeze({
  auth: Object.freeze({ mode: 'off' as const }),
  origins: Object.freeze({ corsOrigins: [], allowedHosts: null }),
  rateLimitPerMinute: 0,
  trustedDocuments: TRUSTED_DOCUMENTS_OFF,
});

/** Whether `host` (a HOST value: name or address, IPv6 with or without brackets) is a loopback interface only. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare);
}

/** The host names a hub on loopback answers to unless ALLOWED_HOSTS says otherwise. */
export const LOOPBACK_HOST_NAMES: readonly string[] = ['localhost', '127.0.0.1', '[::1]'];
