/**
 * docker-compose.yml and the Dockerfile, checked against the configuration
 * module: no Docker engine runs where the tests run, so this is what keeps
 * the file true.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { CONFIG_VARIABLES, loadConfig, type Config, type SubgraphKey } from '../../config/config';

const root = path.join(__dirname, '..', '..', '..');
const compose = parse(fs.readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as ComposeFile;
const dockerfile = fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8');

interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string | number>;
  ports?: string[];
  expose?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  volumes?: string[];
}
interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

const SUBGRAPHS: readonly SubgraphKey[] = ['customer', 'project', 'billing', 'revenue'];
const APP_SERVICES = ['hub', ...SUBGRAPHS, 'gateway'];
/** The port each service serves, by the configuration. */
const servicePort = (service: string, config: Config): number =>
  service === 'hub' ? config.ports.ingest : config.ports[service as keyof Config['ports']];

/** The environment a container of the image gets: the Dockerfile's ENV, then the compose file's. */
function containerEnvironment(service: ComposeService): Record<string, string> {
  const env: Record<string, string> = {};
  for (const match of dockerfile.matchAll(/^ENV (.+)$/gm)) {
    for (const pair of match[1].matchAll(/(\w+)=(\S+)/g)) env[pair[1]] = pair[2];
  }
  for (const [key, value] of Object.entries(service.environment ?? {})) env[key] = interpolate(String(value));
  return env;
}

/** A development secret, as the compose file's instructions generate one into .env. */
const GENERATED_ENV: Readonly<Record<string, string>> = { AUTH_JWT_SECRET: 'c2VjcmV0LWdlbmVyYXRlZC1ieS1vcGVuc3NsLXJhbmQtYmFzZTY0LTQ4' };

/** Compose's `${NAME}` / `${NAME:?message}` from the generated .env; a variable it does not hold fails the test. */
function interpolate(value: string): string {
  return value.replace(/\$\{(\w+)(?::?[?-][^}]*)?\}/g, (_, name: string) => {
    assert.ok(name in GENERATED_ENV, `\${${name}} is a variable the compose file's instructions put in .env`);
    return GENERATED_ENV[name]!;
  });
}

describe('docker-compose.yml', () => {
  it('has Postgres, the hub, the four subgraphs, the gateway, Prometheus and Grafana, each with a health check', () => {
    assert.deepEqual(Object.keys(compose.services).sort(), ['postgres', ...APP_SERVICES, 'prometheus-token', 'prometheus', 'grafana'].sort());
    for (const [name, service] of Object.entries(compose.services)) {
      assert.ok(service.healthcheck?.test?.length, `${name} has a health check`);
    }
  });

  it('keeps Postgres data in a named volume', () => {
    const volume = compose.services.postgres.volumes?.[0] ?? '';
    const [name, target] = volume.split(':');
    assert.equal(target, '/var/lib/postgresql/data');
    assert.ok(compose.volumes && name in compose.volumes, `volume ${name} is declared`);
  });

  it('names only variables that config/config.ts reads, with values it accepts', () => {
    for (const name of APP_SERVICES) {
      const env = containerEnvironment(compose.services[name]);
      for (const variable of Object.keys(env)) {
        if (variable === 'NODE_ENV') continue; // Node's own
        assert.ok(CONFIG_VARIABLES.includes(variable), `${name}: ${variable} is a variable config/config.ts knows`);
      }
      assert.doesNotThrow(() => loadConfig(env), `${name}: its environment is a valid configuration`);
      assert.equal(loadConfig(env).host, '0.0.0.0', `${name} listens on every interface of its container`);
      assert.equal(loadConfig(env).access.auth.mode, 'jwt', `${name} asks for tokens`);
    }
  });

  it('runs one image with the command of each part', () => {
    assert.deepEqual(compose.services.hub.command, ['start', '--no-gateway']);
    for (const name of SUBGRAPHS) assert.deepEqual(compose.services[name].command, ['subgraph', name]);
    assert.deepEqual(compose.services.gateway.command, ['gateway']);
    for (const name of APP_SERVICES) assert.ok(compose.services[name].build !== undefined, `${name} is built from the Dockerfile`);
    // Node flags may stand before the script (cli/nodeFlags.ts; test/unit/nodeFlags.unit.test.ts checks which).
    assert.match(dockerfile, /^ENTRYPOINT \["node", (?:"--[^"]+", )*"dist\/cli\/main\.js"\]$/m);
  });

  it('publishes or exposes for each service the port the configuration gives it, and health-checks that port', () => {
    for (const name of APP_SERVICES) {
      const service = compose.services[name];
      const port = servicePort(name, loadConfig(containerEnvironment(service)));
      const containerPorts = [...(service.ports ?? []).map((p) => p.split(':').pop()!), ...(service.expose ?? [])].map(Number);
      assert.deepEqual(containerPorts, [port], `${name} serves on ${port}`);
      assert.ok(service.healthcheck!.test.join(' ').includes(`:${port}/`), `${name}'s health check asks port ${port}`);
      for (const published of service.ports ?? []) assert.equal(published, `${port}:${port}`, `${name} is published on the same port`);
    }
  });

  it('points every service at the Postgres service with its credentials', () => {
    const pg = compose.services.postgres.environment!;
    for (const name of ['hub', ...SUBGRAPHS]) {
      const url = new URL(loadConfig(containerEnvironment(compose.services[name])).databaseUrl!);
      assert.equal(url.hostname, 'postgres', `${name} uses the postgres service`);
      assert.equal(url.port || '5432', '5432');
      assert.equal(decodeURIComponent(url.username), pg.POSTGRES_USER);
      assert.equal(decodeURIComponent(url.password), pg.POSTGRES_PASSWORD);
      assert.equal(url.pathname, `/${pg.POSTGRES_DB}`);
      assert.equal(compose.services[name].depends_on?.[name === 'hub' ? 'postgres' : 'hub']?.condition, 'service_healthy',
        `${name} starts once ${name === 'hub' ? 'Postgres' : 'the hub (and its migrations)'} is healthy`);
    }
  });

  it('wires the gateway to each subgraph service at the port that subgraph serves', () => {
    const gateway = loadConfig(containerEnvironment(compose.services.gateway));
    for (const name of SUBGRAPHS) {
      const port = loadConfig(containerEnvironment(compose.services[name])).ports[name];
      assert.equal(gateway.subgraphUrls[name], `http://${name}:${port}/graphql`);
      assert.equal(compose.services.gateway.depends_on?.[name]?.condition, 'service_healthy');
    }
  });

  it('health-checks with a script the image contains', () => {
    assert.match(dockerfile, /^COPY .*scripts\/healthcheck\.js \.\/scripts\/healthcheck\.js$/m);
    assert.ok(fs.existsSync(path.join(root, 'scripts', 'healthcheck.js')));
    for (const name of APP_SERVICES) assert.deepEqual(compose.services[name].healthcheck!.test.slice(0, 3), ['CMD', 'node', 'scripts/healthcheck.js']);
  });

  it('health-checks readiness (/readyz), in the compose file and in the image', () => {
    for (const name of APP_SERVICES) assert.match(compose.services[name].healthcheck!.test[3]!, /^http:\/\/127\.0\.0\.1:\d+\/readyz$/, name);
    assert.match(dockerfile, /^HEALTHCHECK [^\n]*\\\n\s+CMD node scripts\/healthcheck\.js "http:\/\/127\.0\.0\.1:\$\{INGEST_PORT:-4010\}\/readyz"$/m);
  });
});
