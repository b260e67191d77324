import { createPublicKey } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  isLoopbackHost, LOOPBACK_HOST_NAMES, type AccessSettings, type AuthSettings, type PublicKeyAlgorithm, type TokenKeySource,
} from '../access/settings';
import {
  HUB_MANIFEST_FILE, ManifestError, mergeManifests, parseManifest, TRUSTED_DOCUMENTS_MODES, type TrustedDocument, type TrustedDocumentsSettings,
} from '../access/trustedDocuments';
import { redact } from '../db/url';
import { LIMIT_VARIABLES, readLimits, type Limits } from './limits';

/**
 * The one configuration module: every environment variable servicegraph reads
 * is parsed and validated here, once, at start. Anything wrong stops the start
 * with a message that names the variable, says what was expected and what
 * arrived. An empty value counts as unset (so `PORT=` in a .env file means
 * "use the default"). Documented in `.env.example`.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

export interface ServicePorts {
  readonly gateway: number;
  readonly customer: number;
  readonly project: number;
  readonly billing: number;
  readonly revenue: number;
  readonly ingest: number;
}

/** The subgraphs that `servicegraph gateway` reaches over HTTP in multi-process mode. */
export type SubgraphKey = 'customer' | 'project' | 'billing' | 'revenue';

export interface Config {
  /** `DATABASE_URL`: an existing Postgres to use; `undefined` = start the embedded one. */
  readonly databaseUrl: string | undefined;
  /** `SERVICEGRAPH_DATA_DIR`, absolute: where the embedded Postgres keeps its cluster (`<dataDir>/pg`). */
  readonly dataDir: string;
  /** `EMBEDDED_PG_PORT`: port of the embedded Postgres; 0 = any free port. */
  readonly embeddedPgPort: number;
  /** `HOST`: the interface every HTTP service listens on. */
  readonly host: string;
  /** `*_PORT`: one per service; 0 = an ephemeral port (tests). */
  readonly ports: ServicePorts;
  readonly listener: {
    /** `LISTENER_BATCH_SIZE`: events a listener applies per transaction. */
    readonly batchSize: number;
    /** `LISTENER_POLL_MS`: how often a listener looks for new events when no NOTIFY woke it. */
    readonly pollMs: number;
    /**
     * `LISTENER_CATCH_UP_EVENTS`: while the log is behind, the most events one
     * transaction goes on through (0: one read of the log, as when caught up).
     */
    readonly catchUpEvents: number;
  };
  /** `LOG_LEVEL` */
  readonly logLevel: LogLevel;
  /** `METRICS` (`on` | `off`): keep Prometheus metrics and serve GET /metrics (docs/operations.md). */
  readonly metrics: boolean;
  /**
   * `RESPONSE_CACHE_MB`: memory bound of the gateway's response cache (answers
   * kept while the read model stays at one position); 0 = off.
   */
  readonly responseCacheMb: number;
  /**
   * `CHANGE_FEED_RETENTION_HOURS`: how long the hub keeps a row of hub.change_feed
   * (the record subscriptions are delivered from); 0 = forever.
   */
  readonly changeFeedRetentionHours: number;
  /**
   * `CUSTOMER_SUBGRAPH_URL` .. `REVENUE_SUBGRAPH_URL`: where `servicegraph gateway`
   * finds each subgraph when it is not told with `--subgraph`; default
   * `http://HOST:<its port>/graphql` (127.0.0.1 when HOST is 0.0.0.0 or ::).
   */
  readonly subgraphUrls: Readonly<Record<SubgraphKey, string>>;
  /** Bounds on what a client may hold or make the hub wait for (config/limits.ts, docs/limits.md). */
  readonly limits: Limits;
  /**
   * `AUTH`, `AUTH_JWT_*`, `AUTH_JWKS_URL`, `CORS_ORIGINS`, `ALLOWED_HOSTS`,
   * `RATE_LIMIT_PER_MINUTE`, `TRUSTED_DOCUMENTS`, `TRUSTED_DOCUMENTS_FILE`:
   * who may use which door, and which GraphQL documents run (docs/api.md, "Access").
   */
  readonly access: AccessSettings;
  /** `AUDIT_RETENTION_DAYS`: how long a row of hub.audit_log is kept; 0 = forever. */
  readonly auditRetentionDays: number;
}

/** One variable that failed validation. */
export interface ConfigIssue {
  readonly variable: string;
  readonly expected: string;
  /** What arrived, as a printable string (passwords masked). */
  readonly received: string;
}

/** Thrown by {@link loadConfig}; lists every invalid variable, not only the first. */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(readonly issues: readonly ConfigIssue[]) {
    super(
      `Invalid configuration:\n` +
        issues.map((i) => `  - ${i.variable}: expected ${i.expected}, but got ${i.received}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

export const DEFAULTS = {
  dataDir: './.servicegraph',
  embeddedPgPort: 54329,
  host: '127.0.0.1',
  ports: { gateway: 4000, customer: 4001, project: 4002, billing: 4003, revenue: 4004, ingest: 4010 },
  batchSize: 2000,
  pollMs: 200,
  catchUpEvents: 100_000,
  logLevel: 'info' as LogLevel,
  responseCacheMb: 64,
  changeFeedRetentionHours: 24,
  auditRetentionDays: 90,
  rateLimitPerMinute: 0,
} as const;

/** Shortest HS256 secret accepted: 256 bits, as RFC 7518 section 3.2 requires of the key. */
export const MIN_SECRET_BYTES = 32;

const SUBGRAPH_URL_VARIABLES: ReadonlyArray<readonly [SubgraphKey, string]> = [
  ['customer', 'CUSTOMER_SUBGRAPH_URL'],
  ['project', 'PROJECT_SUBGRAPH_URL'],
  ['billing', 'BILLING_SUBGRAPH_URL'],
  ['revenue', 'REVENUE_SUBGRAPH_URL'],
];

const PORT_VARIABLES: ReadonlyArray<readonly [keyof ServicePorts, string]> = [
  ['gateway', 'GATEWAY_PORT'],
  ['customer', 'CUSTOMER_PORT'],
  ['project', 'PROJECT_PORT'],
  ['billing', 'BILLING_PORT'],
  ['revenue', 'REVENUE_PORT'],
  ['ingest', 'INGEST_PORT'],
];

/**
 * Reads and validates the configuration.
 * @param env the variables to read (default `process.env`); tests pass their own object.
 * @throws {ConfigError} naming every invalid variable.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const issues: ConfigIssue[] = [];
  const value = (name: string): string | undefined => {
    const raw = env[name];
    return raw === undefined || raw.trim() === '' ? undefined : raw.trim();
  };
  const fail = (variable: string, expected: string, received: string): void => {
    issues.push({ variable, expected, received });
  };

  const integer = (name: string, fallback: number, min: number, max: number, expected: string): number => {
    const raw = value(name);
    if (raw === undefined) return fallback;
    const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      fail(name, expected, JSON.stringify(raw));
      return fallback;
    }
    return n;
  };
  const port = (name: string, fallback: number): number =>
    integer(name, fallback, 0, 65535, 'an integer port 1..65535 (or 0 for any free port)');

  const databaseUrl = value('DATABASE_URL');
  if (databaseUrl !== undefined) {
    const problem = checkDatabaseUrl(databaseUrl);
    if (problem) fail('DATABASE_URL', problem, JSON.stringify(redact(databaseUrl)));
  }

  const host = value('HOST') ?? DEFAULTS.host;
  const hostValid = !/\s|\/|^\[?$/.test(host);
  if (!hostValid) fail('HOST', 'a host name or IP address such as 127.0.0.1 or 0.0.0.0', JSON.stringify(host));

  const ports = {} as Record<keyof ServicePorts, number>;
  for (const [key, name] of PORT_VARIABLES) ports[key] = port(name, DEFAULTS.ports[key]);
  const embeddedPgPort = port('EMBEDDED_PG_PORT', DEFAULTS.embeddedPgPort);

  // Two services on one fixed port would fail later with a bare EADDRINUSE.
  const taken = new Map<number, string>();
  const fixedPorts: Array<readonly [string, number]> = PORT_VARIABLES.map(([key, name]) => [name, ports[key]] as const);
  if (databaseUrl === undefined) fixedPorts.push(['EMBEDDED_PG_PORT', embeddedPgPort]);
  for (const [name, p] of fixedPorts) {
    if (p === 0) continue;
    const other = taken.get(p);
    if (other) fail(name, `a port not already used by ${other}`, String(p));
    else taken.set(p, name);
  }

  const batchSize = integer('LISTENER_BATCH_SIZE', DEFAULTS.batchSize, 1, 100_000, 'an integer 1..100000');
  const pollMs = integer('LISTENER_POLL_MS', DEFAULTS.pollMs, 1, 3_600_000, 'an integer number of milliseconds 1..3600000');
  const catchUpEvents = integer('LISTENER_CATCH_UP_EVENTS', DEFAULTS.catchUpEvents, 0, 10_000_000, 'an integer number of events 0..10000000 (0: one read of the log per transaction)');

  const responseCacheMb = integer('RESPONSE_CACHE_MB', DEFAULTS.responseCacheMb, 0, 65_536, 'an integer number of MiB 0..65536 (0 turns the response cache off)');

  const changeFeedRetentionHours = integer('CHANGE_FEED_RETENTION_HOURS', DEFAULTS.changeFeedRetentionHours, 0, 87_600,
    'an integer number of hours 0..87600 (0 keeps the change feed forever)');

  const limits = readLimits(integer);
  let metrics = true;
  const rawMetrics = value('METRICS');
  if (rawMetrics !== undefined) {
    if (/^(on|off)$/i.test(rawMetrics)) metrics = rawMetrics.toLowerCase() === 'on';
    else fail('METRICS', 'on or off', JSON.stringify(rawMetrics));
  }
  const auditRetentionDays = integer('AUDIT_RETENTION_DAYS', DEFAULTS.auditRetentionDays, 0, 36_500,
    'an integer number of days 0..36500 (0 keeps the audit log forever)');
  const rateLimitPerMinute = integer('RATE_LIMIT_PER_MINUTE', DEFAULTS.rateLimitPerMinute, 0, 1_000_000,
    'an integer number of requests 0..1000000 (0: no limit)');
  // An invalid HOST is reported alone, not also as "not loopback".
  const auth = readAuth(value, fail, hostValid ? host : DEFAULTS.host);
  const corsOrigins = readOrigins(value('CORS_ORIGINS'), fail);
  const allowedHosts = readAllowedHosts(value('ALLOWED_HOSTS'), host, fail);
  const trustedDocuments = readTrustedDocuments(value, fail);

  let logLevel: LogLevel = DEFAULTS.logLevel;
  const rawLevel = value('LOG_LEVEL');
  if (rawLevel !== undefined) {
    const lower = rawLevel.toLowerCase();
    if ((LOG_LEVELS as readonly string[]).includes(lower)) logLevel = lower as LogLevel;
    else fail('LOG_LEVEL', `one of ${LOG_LEVELS.join(', ')}`, JSON.stringify(rawLevel));
  }

  const clientHost = host === '0.0.0.0' || host === '::' || host === '[::]' ? '127.0.0.1' : host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  const subgraphUrls = {} as Record<SubgraphKey, string>;
  for (const [key, name] of SUBGRAPH_URL_VARIABLES) {
    const raw = value(name);
    subgraphUrls[key] = `http://${clientHost}:${ports[key]}/graphql`;
    if (raw === undefined) continue;
    let url: URL | undefined;
    try {
      url = new URL(raw);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) fail(name, 'an http(s) URL such as http://127.0.0.1:4003/graphql', JSON.stringify(raw));
    else subgraphUrls[key] = url.href;
  }

  if (issues.length > 0) throw new ConfigError(issues);
  return {
    databaseUrl,
    dataDir: path.resolve(value('SERVICEGRAPH_DATA_DIR') ?? DEFAULTS.dataDir),
    embeddedPgPort,
    host,
    ports,
    listener: { batchSize, pollMs, catchUpEvents },
    logLevel,
    metrics,
    responseCacheMb,
    changeFeedRetentionHours,
    subgraphUrls,
    limits,
    access: { auth, origins: { corsOrigins, allowedHosts }, rateLimitPerMinute, trustedDocuments },
    auditRetentionDays,
  };
}

/** Every environment variable {@link loadConfig} reads. */
export const CONFIG_VARIABLES: readonly string[] = [
  'DATABASE_URL', 'SERVICEGRAPH_DATA_DIR', 'EMBEDDED_PG_PORT', 'HOST',
  ...PORT_VARIABLES.map(([, name]) => name),
  'LISTENER_BATCH_SIZE', 'LISTENER_POLL_MS', 'LISTENER_CATCH_UP_EVENTS', 'LOG_LEVEL', 'METRICS', 'RESPONSE_CACHE_MB', 'CHANGE_FEED_RETENTION_HOURS',
  ...SUBGRAPH_URL_VARIABLES.map(([, name]) => name),
  ...LIMIT_VARIABLES,
  'AUTH', 'AUTH_JWT_SECRET', 'AUTH_JWT_PUBLIC_KEY', 'AUTH_JWKS_URL', 'AUTH_JWT_ISSUER', 'AUTH_JWT_AUDIENCE',
  'CORS_ORIGINS', 'ALLOWED_HOSTS', 'RATE_LIMIT_PER_MINUTE', 'AUDIT_RETENTION_DAYS', 'TRUSTED_DOCUMENTS', 'TRUSTED_DOCUMENTS_FILE',
];

type Read = (name: string) => string | undefined;
type Fail = (variable: string, expected: string, received: string) => void;

const KEY_VARIABLES = ['AUTH_JWT_SECRET', 'AUTH_JWT_PUBLIC_KEY', 'AUTH_JWKS_URL'] as const;

/**
 * `AUTH` and its keys. Unset, it is `off` while HOST is a loopback address
 * and an error otherwise: a hub reachable from other machines never runs open
 * by accident.
 */
function readAuth(value: Read, fail: Fail, host: string): AuthSettings {
  const raw = value('AUTH');
  const mode = raw?.toLowerCase();
  if (mode === undefined) {
    if (!isLoopbackHost(host)) {
      fail('AUTH', `jwt (or off, knowingly) when HOST is not a loopback address (HOST is ${JSON.stringify(host)}, reachable from other machines)`, 'nothing');
    }
    return { mode: 'off' };
  }
  if (mode === 'off') return { mode: 'off' };
  if (mode !== 'jwt') {
    fail('AUTH', 'jwt or off', JSON.stringify(raw));
    return { mode: 'off' };
  }
  const given = KEY_VARIABLES.filter((name) => value(name) !== undefined);
  if (given.length !== 1) {
    fail(given.length === 0 ? 'AUTH_JWT_SECRET' : given.join(', '),
      `exactly one of ${KEY_VARIABLES.join(', ')} with AUTH=jwt`, given.length === 0 ? 'none of them' : `${given.length} of them`);
    return { mode: 'off' };
  }
  const key = readKey(given[0]!, value(given[0]!)!, fail);
  if (key === undefined) return { mode: 'off' };
  return { mode: 'jwt', key, issuer: value('AUTH_JWT_ISSUER'), audience: value('AUTH_JWT_AUDIENCE') };
}

function readKey(name: (typeof KEY_VARIABLES)[number], raw: string, fail: Fail): TokenKeySource | undefined {
  switch (name) {
    case 'AUTH_JWT_SECRET': {
      const bytes = Buffer.byteLength(raw, 'utf8');
      if (bytes < MIN_SECRET_BYTES) {
        fail(name, `a secret of at least ${MIN_SECRET_BYTES} bytes for HS256 (e.g. \`openssl rand -base64 48\`)`, `${bytes} bytes`);
        return undefined;
      }
      return { kind: 'secret', secret: raw };
    }
    case 'AUTH_JWT_PUBLIC_KEY': {
      // A .env file or a compose file often holds a PEM on one line with \n escapes.
      const pem = raw.includes('\\n') ? raw.replace(/\\n/g, '\n') : raw;
      const algorithm = publicKeyAlgorithm(pem);
      if (typeof algorithm !== 'string' || !['RS256', 'ES256', 'EdDSA'].includes(algorithm)) {
        fail(name, 'a PEM public key (-----BEGIN PUBLIC KEY-----): RSA of at least 2048 bits (RS256), EC P-256 (ES256) or Ed25519 (EdDSA)',
          typeof algorithm === 'string' ? algorithm : algorithm.problem);
        return undefined;
      }
      return { kind: 'publicKey', pem, algorithm: algorithm as PublicKeyAlgorithm };
    }
    case 'AUTH_JWKS_URL': {
      let url: URL | undefined;
      try {
        url = new URL(raw);
      } catch {
        url = undefined;
      }
      if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
        fail(name, 'an http(s) URL of a JSON Web Key Set, such as https://login.example.com/.well-known/jwks.json', JSON.stringify(raw));
        return undefined;
      }
      return { kind: 'jwks', url: url.href };
    }
  }
}

/** The algorithm a PEM public key fixes, or what else it is. */
function publicKeyAlgorithm(pem: string): string | { problem: string } {
  let key;
  try {
    key = createPublicKey(pem);
  } catch (error) {
    return { problem: `text that is no public key (${error instanceof Error ? error.message : String(error)})` };
  }
  const details = key.asymmetricKeyDetails ?? {};
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return (details.modulusLength ?? 0) >= 2048 ? 'RS256' : `an RSA key of ${details.modulusLength} bits`;
    case 'ec':
      return details.namedCurve === 'prime256v1' ? 'ES256' : `an EC key on curve ${details.namedCurve}`;
    case 'ed25519':
      return 'EdDSA';
    default:
      return `a ${key.asymmetricKeyType} key`;
  }
}

/**
 * `TRUSTED_DOCUMENTS` (off, allow, require; default off) and
 * `TRUSTED_DOCUMENTS_FILE`: with allow or require, the hub's own manifest
 * (HUB_MANIFEST_FILE) and, when set, the file's, each read and checked now,
 * so that a missing or broken manifest stops the start instead of refusing
 * every request.
 */
function readTrustedDocuments(value: Read, fail: Fail): TrustedDocumentsSettings {
  const hubManifest = HUB_MANIFEST_FILE;
  const raw = value('TRUSTED_DOCUMENTS');
  const mode = (raw ?? 'off').toLowerCase();
  const file = value('TRUSTED_DOCUMENTS_FILE');
  if (!(TRUSTED_DOCUMENTS_MODES as readonly string[]).includes(mode)) {
    fail('TRUSTED_DOCUMENTS', `one of ${TRUSTED_DOCUMENTS_MODES.join(', ')}`, JSON.stringify(raw));
    return { mode: 'off' };
  }
  if (mode === 'off') {
    // A manifest given while nothing reads it would look like a lock that is not there.
    if (file !== undefined) fail('TRUSTED_DOCUMENTS_FILE', 'unset while TRUSTED_DOCUMENTS is off (set TRUSTED_DOCUMENTS=allow or require to use the manifest)', JSON.stringify(file));
    return { mode: 'off' };
  }
  const files = [hubManifest, ...(file === undefined ? [] : [path.resolve(file)])];
  const manifests: Array<{ file: string; documents: TrustedDocument[] }> = [];
  for (const manifest of files) {
    const variable = manifest === hubManifest ? 'TRUSTED_DOCUMENTS' : 'TRUSTED_DOCUMENTS_FILE';
    let text: string;
    try {
      text = fs.readFileSync(manifest, 'utf8');
    } catch (error) {
      fail(variable, `a readable manifest file at ${manifest}${manifest === hubManifest ? " (the hub's own, written by `servicegraph trusted-documents`)" : ''}`,
        (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : error instanceof Error ? error.message : String(error));
      continue;
    }
    try {
      manifests.push({ file: manifest, documents: parseManifest(text) });
    } catch (error) {
      if (!(error instanceof ManifestError)) throw error;
      fail(variable, `an Apollo persisted query manifest in ${manifest}`, error.message);
    }
  }
  if (manifests.length < files.length) return { mode: 'off' };
  try {
    return { mode: mode as 'allow' | 'require', files, documents: mergeManifests(manifests) };
  } catch (error) {
    if (!(error instanceof ManifestError)) throw error;
    fail('TRUSTED_DOCUMENTS_FILE', "ids that name the same document as in the hub's own manifest", error.message);
    return { mode: 'off' };
  }
}

/** `CORS_ORIGINS`: comma-separated origins, each `scheme://host[:port]` as a browser sends it. */
function readOrigins(raw: string | undefined, fail: Fail): string[] {
  if (raw === undefined) return [];
  const origins: string[] = [];
  for (const item of raw.split(',').map((s) => s.trim()).filter((s) => s !== '')) {
    let url: URL | undefined;
    try {
      url = new URL(item);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== item.replace(/\/$/, '')) {
      fail('CORS_ORIGINS', 'comma-separated origins such as https://app.example.com,http://localhost:3000 (scheme, host and port only)', JSON.stringify(item));
      continue;
    }
    origins.push(url.origin);
  }
  return origins;
}

/** `ALLOWED_HOSTS`: comma-separated host names (no port), `*` for any; default the loopback names on loopback, else any. */
function readAllowedHosts(raw: string | undefined, host: string, fail: Fail): string[] | null {
  if (raw === undefined) return isLoopbackHost(host) ? [...LOOPBACK_HOST_NAMES] : null;
  const names = raw.split(',').map((s) => s.trim().toLowerCase()).filter((s) => s !== '');
  if (names.includes('*')) return null;
  for (const name of names) {
    if (!/^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)$/.test(name)) fail('ALLOWED_HOSTS', 'comma-separated host names without ports, such as hub.example.com,localhost, or *', JSON.stringify(name));
  }
  return names;
}

/** Returns what is wrong with a Postgres URL, or undefined when it is usable. */
function checkDatabaseUrl(raw: string): string | undefined {
  const expected = 'a postgres://user[:password]@host[:port]/database URL';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return expected;
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') return `${expected} (scheme postgres: or postgresql:)`;
  if (url.hostname === '' && !url.searchParams.has('host')) return `${expected} (with a host)`;
  if (decodeURIComponent(url.pathname.replace(/^\//, '')) === '') return `${expected} (with a database name)`;
  return undefined;
}
