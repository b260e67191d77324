/**
 * What every HTTP door of the hub (the ingest port, the gateway's port, its
 * subscriptions) does before its own work, in this order:
 *
 *   1. the `Host` must be one the hub serves (ALLOWED_HOSTS; DNS rebinding);
 *   2. cross-origin requests get CORS headers when their origin is listed
 *      (CORS_ORIGINS), preflights are answered;
 *   3. who is asking (access/authenticator.ts), counted against the rate
 *      limit, holding the scope the door needs;
 *   4. at the GraphQL doors, which document it runs: an id resolved, or a
 *      document refused, by the trusted documents (access/trustedDocuments.ts).
 *
 * Every refusal is recorded in the audit log with its reason. Servers turn
 * the {@link AccessError} thrown into their own error body.
 */
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { AccessError } from './accessError';
import type { AuditSink } from './auditLog';
import { createAuthenticator, OPEN_AUTHENTICATOR, requireScope, type Authenticator } from './authenticator';
import { checkHost, checkStreamOrigin, corsHeaders } from './origins';
import type { Principal, Scope } from './principal';
import { createRateLimit, NO_RATE_LIMIT, type RateLimit } from './rateLimit';
import { OPEN_ACCESS, type AccessSettings } from './settings';
import { TRUSTED_DOCUMENTS_OFF, TrustedDocuments, type DocumentParams, type ResolvedDocument } from './trustedDocuments';

/**
 * Liveness and readiness probes: answered without a token and under any Host
 * (orchestrators probe a container by its address); they tell nothing of the
 * hub's data.
 */
export const PROBE_PATHS: ReadonlySet<string> = new Set(['/health', '/healthz', '/readyz']);

/** What a door reads of a request (a node:http request fits). */
export interface DoorRequest {
  readonly headers: IncomingHttpHeaders;
  readonly method?: string;
  readonly socket?: { readonly remoteAddress?: string };
}

export interface FrontAnswer {
  /** Headers to add to the response (CORS, for a listed origin). */
  readonly headers: Record<string, string>;
  /** The request was a CORS preflight: answer `204` with `headers` and nothing else. */
  readonly preflight: boolean;
}

export class Doors {
  /** The documents the GraphQL doors run (TRUSTED_DOCUMENTS). */
  readonly documents: TrustedDocuments;

  private constructor(
    readonly settings: AccessSettings,
    readonly authenticator: Authenticator,
    private readonly rateLimit: RateLimit,
    readonly audit: AuditSink,
  ) {
    this.documents = new TrustedDocuments(settings.trustedDocuments ?? TRUSTED_DOCUMENTS_OFF);
  }

  static async create(settings: AccessSettings, audit: AuditSink): Promise<Doors> {
    return new Doors(settings, await createAuthenticator(settings.auth), createRateLimit(settings.rateLimitPerMinute), audit);
  }

  /** Every request granted, nothing recorded: for code run without access settings (tests of other things). */
  static open(audit: AuditSink): Doors {
    return new Doors(OPEN_ACCESS, OPEN_AUTHENTICATOR, NO_RATE_LIMIT, audit);
  }

  /** Steps 1 and 2, for every request of the port (health checks too). Throws the 403s. */
  front(req: DoorRequest, door: string): FrontAnswer {
    try {
      checkHost(this.settings.origins, req.headers);
      return corsHeaders(this.settings.origins, req.headers, (req.method ?? 'GET').toUpperCase());
    } catch (error) {
      throw this.refused(req, door, error, null);
    }
  }

  /** Step 1 and the origin rule of WebSocket upgrades and event streams (which CORS does not hold back). */
  frontOfStream(req: DoorRequest, door: string): void {
    try {
      checkHost(this.settings.origins, req.headers);
      checkStreamOrigin(this.settings.origins, req.headers);
    } catch (error) {
      throw this.refused(req, door, error, null);
    }
  }

  /**
   * Step 3: the request's principal, once it is known to hold `scope` (none:
   * any valid token) and to be within the rate limit. `authorization` is the
   * credential when it does not come in the request's header (graphql-ws's
   * `connection_init`).
   */
  async admit(req: DoorRequest, door: string, scope: Scope | undefined, authorization: unknown = req.headers.authorization): Promise<Principal> {
    let principal: Principal | null = null;
    try {
      principal = await this.authenticator.authenticate(authorization);
      await this.rateLimit.take(principal, clientAddress(req));
      if (scope !== undefined) requireScope(principal, scope, door);
      return principal;
    } catch (error) {
      throw this.refused(req, door, error, principal);
    }
  }

  /**
   * One more operation of a principal admitted once for a connection it
   * holds (graphql-ws): counted against RATE_LIMIT_PER_MINUTE as an HTTP
   * request is, or a socket would run any number of queries on one count.
   * @throws {AccessError} 429 RATE_LIMITED, audited.
   */
  async countOperation(req: DoorRequest, door: string, principal: Principal): Promise<void> {
    try {
      await this.rateLimit.take(principal, clientAddress(req));
    } catch (error) {
      throw this.refused(req, door, error, principal);
    }
  }

  /**
   * Step 4: the document a GraphQL request runs (access/trustedDocuments.ts).
   * With TRUSTED_DOCUMENTS=require every refusal is a refusal of the lock and
   * is audited; otherwise an unknown id is a client's mistake, answered alone.
   * @throws {AccessError} 400 with the refusal's code.
   */
  document(req: DoorRequest, door: string, principal: Principal | null, params: DocumentParams, operationName?: unknown): ResolvedDocument {
    try {
      return this.documents.resolve(params, operationName);
    } catch (error) {
      if (this.documents.mode !== 'require') throw error;
      throw this.refused(req, door, error, principal);
    }
  }

  /** Records a refusal in the audit log; returns the error to throw. */
  refused(req: DoorRequest, door: string, error: unknown, principal: Principal | null, status?: number): unknown {
    if (!(error instanceof AccessError)) return error;
    this.audit.record({
      kind: 'refused', door, subject: principal?.subject ?? null, client: clientAddress(req) ?? null,
      status: status ?? error.status, reason: `${error.code}: ${error.message}`,
    });
    return error;
  }
}

export function clientAddress(req: DoorRequest): string | undefined {
  return req.socket?.remoteAddress;
}
