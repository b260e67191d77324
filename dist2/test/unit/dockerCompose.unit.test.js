"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * docker-compose.yml and the Dockerfile, checked against the configuration
 * module: no Docker engine runs where the tests run, so this is what keeps
 * the file true.
 */
const strict_1 = __importDefault(require("node:assert/strict"));
const node_fs_1 = __importDefault(require("node:fs"));
const node_path_1 = __importDefault(require("node:path"));
const node_test_1 = require("node:test");
const yaml_1 = require("yaml");
const config_1 = require("../../config/config");
const root = node_path_1.default.join(__dirname, '..', '..', '..');
const compose = (0, yaml_1.parse)(node_fs_1.default.readFileSync(node_path_1.default.join(root, 'docker-compose.yml'), 'utf8'), { merge: true });
const dockerfile = node_fs_1.default.readFileSync(node_path_1.default.join(root, 'Dockerfile'), 'utf8');
const SUBGRAPHS = ['customer', 'project', 'billing', 'revenue'];
const APP_SERVICES = ['hub', ...SUBGRAPHS, 'gateway'];
/** The port each service serves, by the configuration. */
const servicePort = (service, config) => service === 'hub' ? config.ports.ingest : config.ports[service];
/** The environment a container of the image gets: the Dockerfile's ENV, then the compose file's. */
function containerEnvironment(service) {
    const env = {};
    for (const match of dockerfile.matchAll(/^ENV (.+)$/gm)) {
        for (const pair of match[1].matchAll(/(\w+)=(\S+)/g))
            env[pair[1]] = pair[2];
    }
    for (const [key, value] of Object.entries(service.environment ?? {}))
        env[key] = interpolate(String(value));
    return env;
}
/** A development secret, as the compose file's instructions generate one into .env. */
const GENERATED_ENV = { AUTH_JWT_SECRET: 'c2VjcmV0LWdlbmVyYXRlZC1ieS1vcGVuc3NsLXJhbmQtYmFzZTY0LTQ4' };
/** Compose's `${NAME}` / `${NAME:?message}` from the generated .env; a variable it does not hold fails the test. */
function interpolate(value) {
    return value.replace(/\$\{(\w+)(?::?[?-][^}]*)?\}/g, (_, name) => {
        strict_1.default.ok(name in GENERATED_ENV, `\${${name}} is a variable the compose file's instructions put in .env`);
        return GENERATED_ENV[name];
    });
}
(0, node_test_1.describe)('docker-compose.yml', () => {
    (0, node_test_1.it)('has Postgres, the hub, the four subgraphs and the gateway, each with a health check', () => {
        strict_1.default.deepEqual(Object.keys(compose.services).sort(), ['postgres', ...APP_SERVICES].sort());
        for (const [name, service] of Object.entries(compose.services)) {
            strict_1.default.ok(service.healthcheck?.test?.length, `${name} has a health check`);
        }
    });
    (0, node_test_1.it)('keeps Postgres data in a named volume', () => {
        const volume = compose.services.postgres.volumes?.[0] ?? '';
        const [name, target] = volume.split(':');
        strict_1.default.equal(target, '/var/lib/postgresql/data');
        strict_1.default.ok(compose.volumes && name in compose.volumes, `volume ${name} is declared`);
    });
    (0, node_test_1.it)('names only variables that config/config.ts reads, with values it accepts', () => {
        for (const name of APP_SERVICES) {
            const env = containerEnvironment(compose.services[name]);
            for (const variable of Object.keys(env)) {
                if (variable === 'NODE_ENV')
                    continue; // Node's own
                strict_1.default.ok(config_1.CONFIG_VARIABLES.includes(variable), `${name}: ${variable} is a variable config/config.ts knows`);
            }
            strict_1.default.doesNotThrow(() => (0, config_1.loadConfig)(env), `${name}: its environment is a valid configuration`);
            strict_1.default.equal((0, config_1.loadConfig)(env).host, '0.0.0.0', `${name} listens on every interface of its container`);
            strict_1.default.equal((0, config_1.loadConfig)(env).access.auth.mode, 'jwt', `${name} asks for tokens`);
        }
    });
    (0, node_test_1.it)('runs one image with the command of each part', () => {
        strict_1.default.deepEqual(compose.services.hub.command, ['start', '--no-gateway']);
        for (const name of SUBGRAPHS)
            strict_1.default.deepEqual(compose.services[name].command, ['subgraph', name]);
        strict_1.default.deepEqual(compose.services.gateway.command, ['gateway']);
        for (const name of APP_SERVICES)
            strict_1.default.ok(compose.services[name].build !== undefined, `${name} is built from the Dockerfile`);
        // Node flags may stand before the script (cli/nodeFlags.ts; test/unit/nodeFlags.unit.test.ts checks which).
        strict_1.default.match(dockerfile, /^ENTRYPOINT \["node", (?:"--[^"]+", )*"dist\/cli\/main\.js"\]$/m);
    });
    (0, node_test_1.it)('publishes or exposes for each service the port the configuration gives it, and health-checks that port', () => {
        for (const name of APP_SERVICES) {
            const service = compose.services[name];
            const port = servicePort(name, (0, config_1.loadConfig)(containerEnvironment(service)));
            const containerPorts = [...(service.ports ?? []).map((p) => p.split(':').pop()), ...(service.expose ?? [])].map(Number);
            strict_1.default.deepEqual(containerPorts, [port], `${name} serves on ${port}`);
            strict_1.default.ok(service.healthcheck.test.join(' ').includes(`:${port}/`), `${name}'s health check asks port ${port}`);
            for (const published of service.ports ?? [])
                strict_1.default.equal(published, `${port}:${port}`, `${name} is published on the same port`);
        }
    });
    (0, node_test_1.it)('points every service at the Postgres service with its credentials', () => {
        const pg = compose.services.postgres.environment;
        for (const name of ['hub', ...SUBGRAPHS]) {
            const url = new URL((0, config_1.loadConfig)(containerEnvironment(compose.services[name])).databaseUrl);
            strict_1.default.equal(url.hostname, 'postgres', `${name} uses the postgres service`);
            strict_1.default.equal(url.port || '5432', '5432');
            strict_1.default.equal(decodeURIComponent(url.username), pg.POSTGRES_USER);
            strict_1.default.equal(decodeURIComponent(url.password), pg.POSTGRES_PASSWORD);
            strict_1.default.equal(url.pathname, `/${pg.POSTGRES_DB}`);
            strict_1.default.equal(compose.services[name].depends_on?.[name === 'hub' ? 'postgres' : 'hub']?.condition, 'service_healthy', `${name} starts once ${name === 'hub' ? 'Postgres' : 'the hub (and its migrations)'} is healthy`);
        }
    });
    (0, node_test_1.it)('wires the gateway to each subgraph service at the port that subgraph serves', () => {
        const gateway = (0, config_1.loadConfig)(containerEnvironment(compose.services.gateway));
        for (const name of SUBGRAPHS) {
            const port = (0, config_1.loadConfig)(containerEnvironment(compose.services[name])).ports[name];
            strict_1.default.equal(gateway.subgraphUrls[name], `http://${name}:${port}/graphql`);
            strict_1.default.equal(compose.services.gateway.depends_on?.[name]?.condition, 'service_healthy');
        }
    });
    (0, node_test_1.it)('health-checks with a script the image contains', () => {
        strict_1.default.match(dockerfile, /^COPY .*scripts\/healthcheck\.js \.\/scripts\/healthcheck\.js$/m);
        strict_1.default.ok(node_fs_1.default.existsSync(node_path_1.default.join(root, 'scripts', 'healthcheck.js')));
        for (const name of APP_SERVICES)
            strict_1.default.deepEqual(compose.services[name].healthcheck.test.slice(0, 3), ['CMD', 'node', 'scripts/healthcheck.js']);
    });
    (0, node_test_1.it)('health-checks readiness (/readyz), in the compose file and in the image', () => {
        for (const name of APP_SERVICES)
            strict_1.default.match(compose.services[name].healthcheck.test[3], /^http:\/\/127\.0\.0\.1:\d+\/readyz$/, name);
        strict_1.default.match(dockerfile, /^HEALTHCHECK [^\n]*\\\n\s+CMD node scripts\/healthcheck\.js "http:\/\/127\.0\.0\.1:\$\{INGEST_PORT:-4010\}\/readyz"$/m);
    });
});
//# sourceMappingURL=dockerCompose.unit.test.js.map