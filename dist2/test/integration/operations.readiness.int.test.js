"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * GET /readyz follows Postgres: ready while it answers, 503 naming Postgres
 * when the server the test owns is really stopped, ready again once it is
 * started again on the same data; /healthz answers all along. On the ingest
 * port and the gateway port of one hub.
 */
const strict_1 = __importDefault(require("node:assert/strict"));
const promises_1 = __importDefault(require("node:fs/promises"));
const node_net_1 = __importDefault(require("node:net"));
const node_os_1 = __importDefault(require("node:os"));
const node_path_1 = __importDefault(require("node:path"));
const node_test_1 = require("node:test");
const hub_1 = require("../../cli/hub");
const logger_1 = require("../../cli/logger");
const config_1 = require("../../config/config");
const embeddedPostgres_1 = require("../../db/embeddedPostgres");
const eventually_1 = require("../support/eventually");
async function freePort() {
    const server = node_net_1.default.createServer();
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address();
    await new Promise((resolve) => server.close(resolve));
    return port;
}
async function probe(url) {
    const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    return { status: response.status, body: (await response.json()) };
}
(0, node_test_1.describe)('readiness follows Postgres', () => {
    let dataDir;
    let pgPort;
    let postgres;
    let hub;
    let ports;
    (0, node_test_1.before)(async () => {
        dataDir = await promises_1.default.mkdtemp(node_path_1.default.join(node_os_1.default.tmpdir(), 'sg-readiness-'));
        pgPort = await freePort();
        postgres = await (0, embeddedPostgres_1.startEmbeddedPostgres)({ dataDir, port: pgPort, database: 'servicegraph' });
        const config = (0, config_1.loadConfig)({ DATABASE_URL: postgres.url, INGEST_PORT: '0', GATEWAY_PORT: '0', RESPONSE_CACHE_MB: '0', LOG_LEVEL: 'error' });
        hub = await (0, hub_1.startHub)(config, (0, logger_1.createLogger)('error'));
        ports = { ingest: hub.ingestUrl, gateway: hub.gateway.url.replace(/\/graphql$/, '') };
    });
    (0, node_test_1.after)(async () => {
        await hub?.stop();
        await postgres?.stop();
        await promises_1.default.rm(dataDir, { recursive: true, force: true });
    });
    (0, node_test_1.it)('is ready on every port while Postgres answers, every check named', async () => {
        for (const base of Object.values(ports)) {
            const ready = await probe(`${base}/readyz`);
            strict_1.default.equal(ready.status, 200, JSON.stringify(ready.body));
            strict_1.default.equal(ready.body.status, 'ready');
            strict_1.default.deepEqual(Object.keys(ready.body.checks).sort(), base === ports.gateway ? ['listeners', 'postgres', 'supergraph'] : ['listeners', 'postgres']);
        }
    });
    (0, node_test_1.it)('answers 503 with the reason once Postgres stops, and 200 again once it is back', async () => {
        await postgres.stop();
        postgres = undefined;
        for (const base of Object.values(ports)) {
            let down = { status: 0, body: {} };
            await (0, eventually_1.eventually)(`${base}/readyz to answer 503`, async () => (down = await probe(`${base}/readyz`)).status === 503, { timeoutMs: 20_000, intervalMs: 200, describe: () => JSON.stringify(down) });
            strict_1.default.equal(down.body.status, 'not ready');
            strict_1.default.match(String(down.body.reason), /^postgres: Postgres is unreachable: /, `${base}: ${JSON.stringify(down.body)}`);
            // The process still runs: liveness does not depend on the database.
            strict_1.default.equal((await probe(`${base}/healthz`)).status, 200);
        }
        postgres = await (0, embeddedPostgres_1.startEmbeddedPostgres)({ dataDir, port: pgPort, database: 'servicegraph' });
        for (const base of Object.values(ports)) {
            let answer = { status: 0, body: {} };
            await (0, eventually_1.eventually)(`${base}/readyz to answer 200`, async () => (answer = await probe(`${base}/readyz`)).status === 200, { timeoutMs: 20_000, intervalMs: 200, describe: () => JSON.stringify(answer) });
        }
        // The gateway's older health path stays.
        strict_1.default.equal((await probe(`${ports.gateway}/health`)).status, 200);
    });
});
//# sourceMappingURL=operations.readiness.int.test.js.map