"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.createTestDatabase = createTestDatabase;
const node_crypto_1 = require("node:crypto");
const node_fs_1 = __importDefault(require("node:fs"));
const node_os_1 = __importDefault(require("node:os"));
const node_path_1 = __importDefault(require("node:path"));
const pg_1 = __importDefault(require("pg"));
const dataSource_1 = require("../../db/dataSource");
const embeddedPostgres_1 = require("../../db/embeddedPostgres");
const ensureDatabase_1 = require("../../db/ensureDatabase");
const url_1 = require("../../db/url");
/**
 * Creates a uniquely named database, runs the migrations on it and opens a
 * pool. The server is, in order of preference: TEST_DATABASE_SERVER_URL (set
 * by scripts/run-tests.js for the whole run), the server of DATABASE_URL, or
 * an embedded Postgres started by this process in a temp directory (so one
 * compiled test file also runs with plain `node --test`). The database named
 * in the server URL is used for CREATE/DROP DATABASE.
 */
async function createTestDatabase(options = {}) {
    const server = await acquireServer();
    // scripts/run-tests.js gives each run its own prefix, to drop what a crashed test left behind.
    const prefix = process.env.TEST_DATABASE_PREFIX || 'sg_test';
    const name = `${prefix}_${process.pid}_${++created}_${(0, node_crypto_1.randomBytes)(3).toString('hex')}`;
    const url = (0, url_1.withDatabase)(server.url, name);
    try {
        const admin = new pg_1.default.Client({ connectionString: server.url });
        await admin.connect();
        try {
            await admin.query(`CREATE DATABASE ${(0, url_1.quoteIdent)(name)}`);
        }
        finally {
            await admin.end();
        }
        if (options.migrate !== false)
            await (0, dataSource_1.migrate)(url);
    }
    catch (err) {
        await (0, ensureDatabase_1.dropDatabase)(url, server.url).catch(() => undefined);
        await server.release();
        throw err;
    }
    const pool = (0, dataSource_1.createPool)(url, { max: 5 });
    let dropping;
    return {
        url,
        pool,
        drop: () => (dropping ??= (async () => {
            try {
                await pool.end();
                await (0, ensureDatabase_1.dropDatabase)(url, server.url);
            }
            finally {
                await server.release();
            }
        })()),
    };
}
let created = 0;
// ── the fallback embedded server, shared by the test databases of this process ──
let embedded;
let embeddedDir;
async function acquireServer() {
    const configured = process.env.TEST_DATABASE_SERVER_URL || process.env.DATABASE_URL;
    if (configured)
        return { url: configured, release: async () => undefined };
    if (!embedded) {
        embeddedDir ??= makeTempDir();
        const server = (0, embeddedPostgres_1.startEmbeddedPostgres)({ dataDir: embeddedDir, port: 0, database: 'postgres' });
        embedded = { server, users: 0 };
        server.catch(() => (embedded = undefined));
    }
    const lease = embedded;
    lease.users++;
    const { url } = await lease.server;
    let released = false;
    return {
        url,
        release: async () => {
            if (released)
                return;
            released = true;
            // Stopped when its last database is dropped; the cluster stays in the
            // temp directory, so a later test restarts it in a fraction of a second.
            if (--lease.users === 0 && embedded === lease) {
                embedded = undefined;
                await (await lease.server).stop();
            }
        },
    };
}
function makeTempDir() {
    const dir = node_fs_1.default.mkdtempSync(node_path_1.default.join(node_os_1.default.tmpdir(), 'servicegraph-test-'));
    process.on('exit', () => {
        // Only when the server has stopped; one still running (a test that never
        // dropped its database) keeps its files until it is gone.
        if (!embedded)
            node_fs_1.default.rmSync(dir, { recursive: true, force: true });
    });
    return dir;
}
//# sourceMappingURL=testDatabase.js.map