"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.startBenchHub = startBenchHub;
/**
 * A hub of its own for one benchmark run: a fresh database on the benchmark's
 * Postgres server, and `servicegraph start` (ingest and listeners, and with
 * `gateway: true` the gateway with the four subgraphs in process,
 * subscriptions and /live) as a child process on free ports, so the load
 * generator (this process) never shares an event loop with it.
 */
const embeddedPostgres_1 = require("../db/embeddedPostgres");
const ensureDatabase_1 = require("../db/ensureDatabase");
const url_1 = require("../db/url");
const childProcess_1 = require("./childProcess");
let hubs = 0;
async function startBenchHub(serverUrl, opts = {}) {
    const databaseUrl = (0, url_1.withDatabase)(serverUrl, opts.database ?? `sg_bench_${Date.now()}_${process.pid}_${++hubs}`);
    await (0, ensureDatabase_1.ensureDatabase)(databaseUrl);
    const ingestPort = await (0, embeddedPostgres_1.freePort)();
    const gatewayPort = await (0, embeddedPostgres_1.freePort)();
    const child = await (0, childProcess_1.startServicegraph)({
        name: 'hub', args: opts.gateway ? ['start'] : ['start', '--no-gateway'], readyText: 'Ctrl-C',
        env: {
            DATABASE_URL: databaseUrl, INGEST_PORT: String(ingestPort), GATEWAY_PORT: String(gatewayPort),
            // A benchmark's whole load comes from this one client address (up to 10,000 subscribers): not a client to bound.
            CONNECTIONS_PER_CLIENT: '1000000', CONNECTIONS_PER_PORT: '1000000',
            ...opts.env,
        },
    });
    return {
        databaseUrl,
        ingestUrl: `http://127.0.0.1:${ingestPort}`,
        graphqlUrl: opts.gateway ? `http://127.0.0.1:${gatewayPort}/graphql` : undefined,
        pid: child.pid,
        inspectorUrl: child.inspectorUrl,
        stopProcess: () => child.stop(),
        async stop() {
            await child.stop();
            await (0, ensureDatabase_1.dropDatabase)(databaseUrl).catch(() => undefined);
        },
    };
}
//# sourceMappingURL=hubProcess.js.map