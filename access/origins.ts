/**
 * Which browsers' pages may talk to the hub, and under which host names
 * (docs/api.md, "Access"). Browsers send `Origin` with cross-origin requests,
 * WebSocket upgrades and event streams; a page of any site could otherwise
 * open a socket to a hub on its user's loopback and read what it serves
 * (WebSockets and EventSource are not held back by CORS). And a name the hub
 * does not serve in `Host` is how DNS rebinding reaches a loopback hub.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { AccessError } from './accessError';
import type { OriginSettings } from './settings';

/** The host name of a `Host` header, without its port (IPv6 kept in brackets), lower case. */
export function hostName(host: string): string {
  const lower = host.trim().toLowerCase();
  if (lower.startsWith('[')) return lower.slice(0, lower.indexOf(']') + 1);
  return lower.replace(/:\d*$/, '');
}

/** 403 unless the request's `Host` names the hub (ALLOWED_HOSTS). */
export function checkHost(settings: OriginSettings, headers: IncomingHttpHeaders): void {
  if (settings.allowedHosts === null) return;
  const host = headers.host;
  if (host !== undefined && settings.allowedHosts.includes(hostName(host))) return;
  throw new AccessError(403, 'HOST_NOT_ALLOWED',
    `expected a Host of ${settings.allowedHosts.join(', ')} (ALLOWED_HOSTS), got ${host === undefined ? 'none' : JSON.stringify(host)}`);
}

/** Whether `origin` may make cross-origin requests (CORS_ORIGINS). */
export function isCorsOrigin(settings: OriginSettings, origin: string): boolean {
  return settings.corsOrigins.includes(origin);
}

/**
 * 403 for a WebSocket upgrade or an event stream whose `Origin` is neither
 * the hub's own (the origin of the `Host` it was sent to) nor in CORS_ORIGINS.
 * Clients other than browsers send no Origin, and are let through.
 */
export function checkStreamOrigin(settings: OriginSettings, headers: IncomingHttpHeaders): void {
  const origin = headers.origin;
  if (origin === undefined || isCorsOrigin(settings, origin)) return;
  let originHost: string | undefined;
  try {
    originHost = new URL(origin).host;
  } catch {
    originHost = undefined;
  }
  if (originHost !== undefined && headers.host !== undefined && originHost === headers.host.toLowerCase()) return;
  throw new AccessError(403, 'ORIGIN_NOT_ALLOWED',
    `expected a page of this hub or of an origin in CORS_ORIGINS, got Origin ${JSON.stringify(origin)}`);
}

/** What cross-origin requests may send and read. */
const ALLOWED_METHODS = 'GET, POST, OPTIONS';
const ALLOWED_HEADERS = 'Authorization, Content-Type, Accept, Cache-Control, X-GraphQL-Event-Stream-Token, Apollo-Require-Preflight';
const EXPOSED_HEADERS = 'WWW-Authenticate, Retry-After, X-Servicegraph-Cache, X-Servicegraph-Position';

/**
 * The CORS response headers for a request from `origin` (none when it is not
 * listed: the browser then keeps the answer from the page), and whether the
 * request was a preflight, answered here.
 */
export function corsHeaders(settings: OriginSettings, headers: IncomingHttpHeaders, method: string): { headers: Record<string, string>; preflight: boolean } {
  const origin = headers.origin;
  const preflight = method === 'OPTIONS' && headers['access-control-request-method'] !== undefined;
  if (origin === undefined || !isCorsOrigin(settings, origin)) {
    if (preflight) {
      throw new AccessError(403, 'ORIGIN_NOT_ALLOWED', `expected an origin in CORS_ORIGINS for a cross-origin request, got Origin ${origin === undefined ? '(none)' : JSON.stringify(origin)}`);
    }
    return { headers: {}, preflight: false };
  }
  const base = { 'access-control-allow-origin': origin, vary: 'Origin' };
  if (!preflight) return { headers: { ...base, 'access-control-expose-headers': EXPOSED_HEADERS }, preflight: false };
  return {
    headers: { ...base, 'access-control-allow-methods': ALLOWED_METHODS, 'access-control-allow-headers': ALLOWED_HEADERS, 'access-control-max-age': '600' },
    preflight: true,
  };
}
