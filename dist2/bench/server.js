"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.benchServer = benchServer;
/** The Postgres server benchmarks run on: DATABASE_URL's server, else an embedded one in a temp directory. */
const node_fs_1 = __importDefault(require("node:fs"));
const node_os_1 = __importDefault(require("node:os"));
const node_path_1 = __importDefault(require("node:path"));
const embeddedPostgres_1 = require("../db/embeddedPostgres");
const url_1 = require("../db/url");
const pg_1 = __importDefault(require("pg"));
const cpuUsage_1 = require("./cpuUsage");
const statementStats_1 = require("./statementStats");
const interrupt_1 = require("./interrupt");
async function benchServer() {
    const external = process.env.DATABASE_URL;
    if (external) {
        const url = (0, url_1.withDatabase)(external, 'postgres');
        await trackServer(url);
        return { url, description: 'DATABASE_URL server', stop: async () => undefined };
    }
    const overrides = settingsFromEnvironment();
    const dataDir = node_fs_1.default.mkdtempSync(node_path_1.default.join(node_os_1.default.tmpdir(), 'servicegraph-bench-'));
    // Statement statistics cost little and say where Postgres's time goes (bench/statementStats.ts).
    const server = await (0, embeddedPostgres_1.startEmbeddedPostgres)({ dataDir, port: 0, database: 'postgres', settings: { ...statementStats_1.STATEMENT_STATS_SETTINGS, ...overrides } });
    const stop = async () => {
        forget();
        await server.stop();
        node_fs_1.default.rmSync(dataDir, { recursive: true, force: true });
    };
    const forget = (0, interrupt_1.stopOnInterrupt)(stop);
    await trackServer(server.url);
    return {
        url: server.url,
        description: `embedded Postgres${Object.keys(overrides).length ? ` (${Object.entries(overrides).map(([name, value]) => `${name}=${value}`).join(', ')})` : ''}`,
        stop,
    };
}
/** CPU accounting counts this server's processes only (the machine may run other Postgres servers). */
async function trackServer(url) {
    const client = new pg_1.default.Client({ connectionString: url });
    await client.connect();
    try {
        const { rows } = await client.query('SELECT pg_backend_pid() AS pid');
        const postmaster = (0, cpuUsage_1.parentPid)(rows[0].pid);
        if (postmaster !== undefined)
            (0, cpuUsage_1.trackPostgres)(postmaster);
    }
    finally {
        await client.end();
    }
}
/**
 * `BENCH_POSTGRES_SETTINGS=name=value,name=value`: settings for the bench's
 * embedded server, over the hub's own (an A/B of a server setting).
 */
function settingsFromEnvironment() {
    const text = process.env.BENCH_POSTGRES_SETTINGS?.trim();
    if (!text)
        return {};
    return Object.fromEntries(text.split(',').map((pair) => {
        const match = /^\s*([a-z_.]+)\s*=\s*(\S+)\s*$/.exec(pair);
        if (!match)
            throw new Error(`BENCH_POSTGRES_SETTINGS: expected name=value pairs separated by commas, got ${JSON.stringify(pair)}`);
        return [match[1], match[2]];
    }));
}
//# sourceMappingURL=server.js.map