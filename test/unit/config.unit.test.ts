import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from '../../config/config';
import { DEFAULT_LIMITS } from '../../config/limits';

/** The ConfigError thrown for `env`; fails the test when none is. */
function errorFor(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    assert.ok(err instanceof ConfigError, `expected a ConfigError, got ${String(err)}`);
    return err;
  }
  assert.fail(`expected ${JSON.stringify(env)} to be rejected`);
}

describe('loadConfig', () => {
  it('gives the documented defaults for an empty environment', () => {
    assert.deepEqual(loadConfig({}), {
      databaseUrl: undefined,
      dataDir: path.resolve('.servicegraph'),
      embeddedPgPort: 54329,
      host: '127.0.0.1',
      ports: { gateway: 4000, customer: 4001, project: 4002, billing: 4003, revenue: 4004, ingest: 4010 },
      listener: { batchSize: 2000, pollMs: 200, catchUpEvents: 100_000 },
      logLevel: 'info',
      metrics: true,
      responseCacheMb: 64,
      changeFeedRetentionHours: 24,
      subgraphUrls: {
        customer: 'http://127.0.0.1:4001/graphql', project: 'http://127.0.0.1:4002/graphql',
        billing: 'http://127.0.0.1:4003/graphql', revenue: 'http://127.0.0.1:4004/graphql',
      },
      limits: DEFAULT_LIMITS,
      access: { auth: { mode: 'off' }, origins: { corsOrigins: [], allowedHosts: ['localhost', '127.0.0.1', '[::1]'] }, rateLimitPerMinute: 0, trustedDocuments: { mode: 'off' } },
      auditRetentionDays: 90,
    });
  });

  it('takes the bounds on clients, in the units their names say, within safe ranges', () => {
    const limits = loadConfig({ GRAPHQL_BODY_LIMIT_BYTES: '65536', SSE_RESERVATION_TTL_SECONDS: '3', SUBSCRIPTIONS_PER_CONNECTION: '5' }).limits;
    assert.equal(limits.graphqlBodyBytes, 65536);
    assert.equal(limits.sseReservationTtlMs, 3000);
    assert.equal(limits.subscriptionsPerConnection, 5);
    const error = errorFor({ GRAPHQL_BODY_LIMIT_BYTES: '100', SSE_STREAMS_PER_CLIENT: '0', SUBSCRIBER_BUFFER_BYTES: 'lots' });
    assert.deepEqual(error.issues.map((i) => i.variable), ['GRAPHQL_BODY_LIMIT_BYTES', 'SSE_STREAMS_PER_CLIENT', 'SUBSCRIBER_BUFFER_BYTES']);
  });

  it('takes the compiled reports streamed at once, at least one', () => {
    assert.equal(loadConfig({}).limits.reportStreams, 2);
    assert.equal(loadConfig({ REPORT_STREAMS: '1' }).limits.reportStreams, 1);
    assert.deepEqual(errorFor({ REPORT_STREAMS: '0' }).issues, [{ variable: 'REPORT_STREAMS', expected: 'an integer 1..1000', received: '"0"' }]);
  });

  it('takes the response cache size in MiB, 0 turning it off', () => {
    assert.equal(loadConfig({ RESPONSE_CACHE_MB: '0' }).responseCacheMb, 0);
    assert.equal(loadConfig({ RESPONSE_CACHE_MB: '256' }).responseCacheMb, 256);
    assert.deepEqual(errorFor({ RESPONSE_CACHE_MB: 'off' }).issues.map((i) => i.variable), ['RESPONSE_CACHE_MB']);
  });

  it('keeps metrics unless METRICS is off, and refuses anything but on and off', () => {
    assert.equal(loadConfig({ METRICS: 'off' }).metrics, false);
    assert.equal(loadConfig({ METRICS: 'ON' }).metrics, true);
    assert.deepEqual(errorFor({ METRICS: 'no' }).issues, [{ variable: 'METRICS', expected: 'on or off', received: '"no"' }]);
  });

  it('takes the change feed retention in hours, 0 keeping it forever', () => {
    assert.equal(loadConfig({ CHANGE_FEED_RETENTION_HOURS: '0' }).changeFeedRetentionHours, 0);
    assert.equal(loadConfig({ CHANGE_FEED_RETENTION_HOURS: '168' }).changeFeedRetentionHours, 168);
    const error = errorFor({ CHANGE_FEED_RETENTION_HOURS: '1.5' });
    assert.deepEqual(error.issues, [{ variable: 'CHANGE_FEED_RETENTION_HOURS', expected: 'an integer number of hours 0..87600 (0 keeps the change feed forever)', received: '"1.5"' }]);
  });

  it('finds the subgraphs at their ports unless told otherwise, and checks the URLs given', () => {
    assert.equal(loadConfig({ HOST: '0.0.0.0', AUTH: 'off', BILLING_PORT: '5003' }).subgraphUrls.billing, 'http://127.0.0.1:5003/graphql');
    assert.equal(loadConfig({ BILLING_SUBGRAPH_URL: 'http://billing:4003/graphql' }).subgraphUrls.billing, 'http://billing:4003/graphql');
    const error = errorFor({ REVENUE_SUBGRAPH_URL: 'revenue:4004' });
    assert.deepEqual(error.issues, [{ variable: 'REVENUE_SUBGRAPH_URL', expected: 'an http(s) URL such as http://127.0.0.1:4003/graphql', received: '"revenue:4004"' }]);
  });

  it('documents every variable it reads in .env.example', () => {
    const example = fs.readFileSync(path.join(__dirname, '..', '..', '..', '.env.example'), 'utf8');
    for (const variable of CONFIG_VARIABLES) assert.match(example, new RegExp(`^#? ?${variable}=`, 'm'), variable);
  });

  it('reads every variable', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://sg:secret@db.internal:6543/servicegraph',
      SERVICEGRAPH_DATA_DIR: '/var/lib/servicegraph',
      EMBEDDED_PG_PORT: '15432',
      HOST: '0.0.0.0',
      AUTH: 'jwt',
      AUTH_JWT_SECRET: 'a-development-secret-of-at-least-32-bytes',
      AUTH_JWT_ISSUER: 'https://login.example.com/',
      AUTH_JWT_AUDIENCE: 'servicegraph',
      CORS_ORIGINS: 'https://app.example.com, http://localhost:3000',
      ALLOWED_HOSTS: 'hub.example.com,localhost',
      RATE_LIMIT_PER_MINUTE: '600',
      AUDIT_RETENTION_DAYS: '30',
      GATEWAY_PORT: '5000',
      CUSTOMER_PORT: '5001',
      PROJECT_PORT: '5002',
      BILLING_PORT: '5003',
      REVENUE_PORT: '5004',
      INGEST_PORT: '5010',
      LISTENER_BATCH_SIZE: '1000',
      LISTENER_POLL_MS: '50',
      LISTENER_CATCH_UP_EVENTS: '0',
      LOG_LEVEL: 'debug',
    });
    assert.equal(config.databaseUrl, 'postgres://sg:secret@db.internal:6543/servicegraph');
    assert.equal(config.dataDir, '/var/lib/servicegraph');
    assert.equal(config.embeddedPgPort, 15432);
    assert.equal(config.host, '0.0.0.0');
    assert.deepEqual(config.ports, { gateway: 5000, customer: 5001, project: 5002, billing: 5003, revenue: 5004, ingest: 5010 });
    assert.deepEqual(config.listener, { batchSize: 1000, pollMs: 50, catchUpEvents: 0 });
    assert.equal(config.logLevel, 'debug');
    assert.deepEqual(config.access, {
      auth: { mode: 'jwt', key: { kind: 'secret', secret: 'a-development-secret-of-at-least-32-bytes' }, issuer: 'https://login.example.com/', audience: 'servicegraph' },
      origins: { corsOrigins: ['https://app.example.com', 'http://localhost:3000'], allowedHosts: ['hub.example.com', 'localhost'] },
      rateLimitPerMinute: 600,
      trustedDocuments: { mode: 'off' },
    });
    assert.equal(config.auditRetentionDays, 30);
  });

  it('treats an empty value as unset', () => {
    const config = loadConfig({ DATABASE_URL: '', GATEWAY_PORT: '', LOG_LEVEL: ' ' });
    assert.equal(config.databaseUrl, undefined);
    assert.equal(config.ports.gateway, 4000);
    assert.equal(config.logLevel, 'info');
  });

  it('accepts port 0 (any free port) for every port, even several at once', () => {
    const config = loadConfig({ GATEWAY_PORT: '0', INGEST_PORT: '0', EMBEDDED_PG_PORT: '0' });
    assert.equal(config.ports.gateway, 0);
    assert.equal(config.ports.ingest, 0);
    assert.equal(config.embeddedPgPort, 0);
  });

  it('accepts an upper-case log level', () => {
    assert.equal(loadConfig({ LOG_LEVEL: 'WARN' }).logLevel, 'warn');
  });

  const portVariables = ['EMBEDDED_PG_PORT', 'GATEWAY_PORT', 'CUSTOMER_PORT', 'PROJECT_PORT', 'BILLING_PORT', 'REVENUE_PORT', 'INGEST_PORT'];
  for (const variable of portVariables) {
    for (const bad of ['abc', '-1', '65536', '40.5', '4e3', '0x10']) {
      it(`rejects ${variable}=${bad}, naming the variable, what was expected and what arrived`, () => {
        const error = errorFor({ [variable]: bad });
        assert.equal(error.code, 'CONFIG_INVALID');
        assert.deepEqual(error.issues.map((i) => i.variable), [variable]);
        assert.match(error.message, new RegExp(`${variable}: expected an integer port 1\\.\\.65535 \\(or 0 for any free port\\), but got "${bad.replace('.', '\\.')}"`));
      });
    }
  }

  for (const [variable, bad, expected] of [
    ['LISTENER_BATCH_SIZE', '0', /LISTENER_BATCH_SIZE: expected an integer 1\.\.100000, but got "0"/],
    ['LISTENER_BATCH_SIZE', 'lots', /LISTENER_BATCH_SIZE: expected an integer 1\.\.100000, but got "lots"/],
    ['LISTENER_POLL_MS', '-5', /LISTENER_POLL_MS: expected an integer number of milliseconds 1\.\.3600000, but got "-5"/],
    ['LISTENER_CATCH_UP_EVENTS', '1e5', /LISTENER_CATCH_UP_EVENTS: expected an integer number of events 0\.\.10000000 \(0: one read of the log per transaction\), but got "1e5"/],
    ['LOG_LEVEL', 'verbose', /LOG_LEVEL: expected one of debug, info, warn, error, but got "verbose"/],
    ['HOST', 'my host', /HOST: expected a host name or IP address .*, but got "my host"/],
    ['DATABASE_URL', 'mysql://root@localhost/x', /DATABASE_URL: expected a postgres:\/\/.* \(scheme postgres: or postgresql:\), but got "mysql:\/\/root@localhost\/x"/],
    ['DATABASE_URL', 'not a url', /DATABASE_URL: expected a postgres:\/\/user\[:password\]@host\[:port\]\/database URL, but got "not a url"/],
    ['DATABASE_URL', 'postgres://u@h:5432', /DATABASE_URL: expected .* \(with a database name\)/],
  ] as const) {
    it(`rejects ${variable}=${JSON.stringify(bad)}`, () => {
      const error = errorFor({ [variable]: bad });
      assert.deepEqual(error.issues.map((i) => i.variable), [variable]);
      assert.match(error.message, expected);
    });
  }

  it('never prints the password of a bad DATABASE_URL', () => {
    const error = errorFor({ DATABASE_URL: 'postgres://sg:hunter2@db/' });
    assert.doesNotMatch(error.message, /hunter2/);
    assert.match(error.message, /postgres:\/\/sg:\*\*\*@db\//);
  });

  it('rejects two services on one port, naming the second', () => {
    const error = errorFor({ GATEWAY_PORT: '4010' });
    assert.deepEqual(error.issues, [{ variable: 'INGEST_PORT', expected: 'a port not already used by GATEWAY_PORT', received: '4010' }]);
  });

  it('checks the embedded Postgres port against the services only when it is used', () => {
    assert.throws(() => loadConfig({ EMBEDDED_PG_PORT: '4000' }), /EMBEDDED_PG_PORT: expected a port not already used by GATEWAY_PORT/);
    assert.equal(loadConfig({ EMBEDDED_PG_PORT: '4000', DATABASE_URL: 'postgres://u@h/db' }).embeddedPgPort, 4000);
  });

  it('lists every invalid variable at once', () => {
    const error = errorFor({ GATEWAY_PORT: 'x', LOG_LEVEL: 'loud', LISTENER_POLL_MS: '0' });
    assert.deepEqual(error.issues.map((i) => i.variable).sort(), ['GATEWAY_PORT', 'LISTENER_POLL_MS', 'LOG_LEVEL']);
    assert.match(error.message, /^Invalid configuration:\n {2}- /);
  });

  describe('access', () => {
    const secret = 'a-development-secret-of-at-least-32-bytes';

    it('runs open on loopback when AUTH is unset, and refuses to start on any other address, naming AUTH', () => {
      for (const host of ['127.0.0.1', 'localhost', '::1', '[::1]', '127.1.2.3']) assert.equal(loadConfig({ HOST: host }).access.auth.mode, 'off', host);
      for (const host of ['0.0.0.0', '::', '10.0.0.5', 'hub.example.com']) {
        const error = errorFor({ HOST: host });
        assert.deepEqual(error.issues.map((i) => i.variable), ['AUTH'], host);
        assert.match(error.message, /AUTH: expected jwt \(or off, knowingly\) when HOST is not a loopback address/);
      }
      assert.equal(loadConfig({ HOST: '0.0.0.0', AUTH: 'off' }).access.auth.mode, 'off');
    });

    it('needs exactly one key with AUTH=jwt, and a secret of at least 32 bytes', () => {
      assert.match(errorFor({ AUTH: 'jwt' }).message, /AUTH_JWT_SECRET: expected exactly one of AUTH_JWT_SECRET, AUTH_JWT_PUBLIC_KEY, AUTH_JWKS_URL with AUTH=jwt, but got none of them/);
      assert.match(errorFor({ AUTH: 'jwt', AUTH_JWT_SECRET: secret, AUTH_JWKS_URL: 'https://x/jwks' }).message, /AUTH_JWT_SECRET, AUTH_JWKS_URL: expected exactly one/);
      assert.match(errorFor({ AUTH: 'jwt', AUTH_JWT_SECRET: 'x'.repeat(31) }).message, /AUTH_JWT_SECRET: expected a secret of at least 32 bytes for HS256 .*, but got 31 bytes/);
      assert.equal(loadConfig({ AUTH: 'jwt', AUTH_JWT_SECRET: 'x'.repeat(32) }).access.auth.mode, 'jwt');
      assert.match(errorFor({ AUTH: 'yes' }).message, /AUTH: expected jwt or off, but got "yes"/);
      assert.match(errorFor({ AUTH: 'jwt', AUTH_JWKS_URL: 'ftp://keys' }).message, /AUTH_JWKS_URL: expected an http\(s\) URL of a JSON Web Key Set/);
    });

    it('fixes the algorithm of a PEM public key by its type, and refuses other keys', () => {
      const pem = (type: 'rsa' | 'ec' | 'ed25519', options: object): string =>
        (crypto.generateKeyPairSync as (type: string, options: object) => crypto.KeyPairKeyObjectResult)(type, options).publicKey.export({ type: 'spki', format: 'pem' }).toString();
      const algorithm = (key: string) => {
        const auth = loadConfig({ AUTH: 'jwt', AUTH_JWT_PUBLIC_KEY: key }).access.auth;
        return auth.mode === 'jwt' && auth.key.kind === 'publicKey' ? auth.key.algorithm : undefined;
      };
      assert.equal(algorithm(pem('rsa', { modulusLength: 2048 })), 'RS256');
      assert.equal(algorithm(pem('ec', { namedCurve: 'P-256' })), 'ES256');
      assert.equal(algorithm(pem('ed25519', {})), 'EdDSA');
      // One line with \n escapes, as in a .env file.
      assert.equal(algorithm(pem('ed25519', {}).replace(/\n/g, '\\n')), 'EdDSA');
      assert.match(errorFor({ AUTH: 'jwt', AUTH_JWT_PUBLIC_KEY: pem('ec', { namedCurve: 'P-384' }) }).message, /AUTH_JWT_PUBLIC_KEY: expected a PEM public key .*, but got an EC key on curve secp384r1/);
      assert.match(errorFor({ AUTH: 'jwt', AUTH_JWT_PUBLIC_KEY: pem('rsa', { modulusLength: 1024 }) }).message, /but got an RSA key of 1024 bits/);
      assert.match(errorFor({ AUTH: 'jwt', AUTH_JWT_PUBLIC_KEY: 'not a key' }).message, /but got text that is no public key/);
    });

    it('reads CORS_ORIGINS as origins and ALLOWED_HOSTS as host names, defaulting to any host off loopback', () => {
      assert.deepEqual(loadConfig({ CORS_ORIGINS: 'https://a.example.com/,http://localhost:3000' }).access.origins.corsOrigins, ['https://a.example.com', 'http://localhost:3000']);
      assert.match(errorFor({ CORS_ORIGINS: 'https://a.example.com/app' }).message, /CORS_ORIGINS: expected comma-separated origins .*, but got "https:\/\/a.example.com\/app"/);
      assert.match(errorFor({ CORS_ORIGINS: '*' }).message, /CORS_ORIGINS: expected/);
      assert.equal(loadConfig({ HOST: '0.0.0.0', AUTH: 'off' }).access.origins.allowedHosts, null);
      assert.equal(loadConfig({ ALLOWED_HOSTS: '*' }).access.origins.allowedHosts, null);
      assert.deepEqual(loadConfig({ ALLOWED_HOSTS: 'Hub.Example.com, [::1]' }).access.origins.allowedHosts, ['hub.example.com', '[::1]']);
      assert.match(errorFor({ ALLOWED_HOSTS: 'hub.example.com:4000' }).message, /ALLOWED_HOSTS: expected comma-separated host names without ports/);
    });

    it('takes the rate limit and the audit retention as integers', () => {
      assert.equal(loadConfig({ RATE_LIMIT_PER_MINUTE: '120' }).access.rateLimitPerMinute, 120);
      assert.match(errorFor({ RATE_LIMIT_PER_MINUTE: '-1' }).message, /RATE_LIMIT_PER_MINUTE: expected an integer number of requests 0\.\.1000000 \(0: no limit\)/);
      assert.equal(loadConfig({ AUDIT_RETENTION_DAYS: '0' }).auditRetentionDays, 0);
      assert.match(errorFor({ AUDIT_RETENTION_DAYS: 'week' }).message, /AUDIT_RETENTION_DAYS: expected an integer number of days/);
    });
  });
});
