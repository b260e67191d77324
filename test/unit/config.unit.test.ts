import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from '../../config/config';

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
    });
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
    assert.equal(loadConfig({ HOST: '0.0.0.0', BILLING_PORT: '5003' }).subgraphUrls.billing, 'http://127.0.0.1:5003/graphql');
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
});
