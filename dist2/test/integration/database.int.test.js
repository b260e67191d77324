"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_fs_1 = __importDefault(require("node:fs"));
const node_os_1 = __importDefault(require("node:os"));
const node_path_1 = __importDefault(require("node:path"));
const node_test_1 = require("node:test");
const pg_1 = __importDefault(require("pg"));
const config_1 = require("../../config/config");
const database_1 = require("../../db/database");
const dataSource_1 = require("../../db/dataSource");
const ensureDatabase_1 = require("../../db/ensureDatabase");
const url_1 = require("../../db/url");
const migrations_1 = require("../../db/migrations");
const testDatabase_1 = require("../support/testDatabase");
async function currentDatabase(url) {
    const client = new pg_1.default.Client({ connectionString: url });
    await client.connect();
    try {
        return (await client.query('SELECT current_database() AS db')).rows[0].db;
    }
    finally {
        await client.end();
    }
}
(0, node_test_1.describe)('openDatabase', () => {
    (0, node_test_1.it)('with DATABASE_URL: uses that server and creates the database named in the URL when missing', async () => {
        const scratch = await (0, testDatabase_1.createTestDatabase)({ migrate: false });
        const url = (0, url_1.withDatabase)(scratch.url, `${(0, url_1.databaseNameOf)(scratch.url)}_open`);
        try {
            const config = (0, config_1.loadConfig)({ DATABASE_URL: url });
            const db = await (0, database_1.openDatabase)(config);
            strict_1.default.equal(db.embedded, false);
            strict_1.default.equal(db.url, url);
            strict_1.default.equal(await currentDatabase(db.url), (0, url_1.databaseNameOf)(url));
            await db.stop();
            const again = await (0, database_1.openDatabase)(config); // exists now: nothing to create, no error
            strict_1.default.equal(await currentDatabase(again.url), (0, url_1.databaseNameOf)(url));
        }
        finally {
            await (0, ensureDatabase_1.dropDatabase)(url, scratch.url);
            await scratch.drop();
        }
    });
    (0, node_test_1.it)('without DATABASE_URL: starts the embedded Postgres under SERVICEGRAPH_DATA_DIR with a database servicegraph', async () => {
        const dataDir = node_fs_1.default.mkdtempSync(node_path_1.default.join(node_os_1.default.tmpdir(), 'servicegraph-open-'));
        try {
            const db = await (0, database_1.openDatabase)((0, config_1.loadConfig)({ SERVICEGRAPH_DATA_DIR: dataDir, EMBEDDED_PG_PORT: '0' }));
            try {
                strict_1.default.equal(db.embedded, true);
                strict_1.default.equal(await currentDatabase(db.url), 'servicegraph');
                strict_1.default.ok(node_fs_1.default.existsSync(node_path_1.default.join(dataDir, 'pg', 'PG_VERSION')));
            }
            finally {
                await db.stop();
            }
        }
        finally {
            node_fs_1.default.rmSync(dataDir, { recursive: true, force: true });
        }
    });
});
(0, node_test_1.describe)('migrate', () => {
    (0, node_test_1.it)('applies each migration once when several processes start together', async () => {
        const db = await (0, testDatabase_1.createTestDatabase)({ migrate: false });
        try {
            const runs = await Promise.all([(0, dataSource_1.migrate)(db.url), (0, dataSource_1.migrate)(db.url), (0, dataSource_1.migrate)(db.url)]);
            strict_1.default.deepEqual(runs.flat().sort(), migrations_1.MIGRATIONS.map((m) => m.name).sort());
            const { rows } = await db.pool.query('SELECT count(*) FROM migrations');
            strict_1.default.equal(rows[0]?.count, String(migrations_1.MIGRATIONS.length));
        }
        finally {
            await db.drop();
        }
    });
});
(0, node_test_1.describe)('createPool', () => {
    (0, node_test_1.it)('returns numeric, bigint and date as exact strings, timestamptz as Date', async () => {
        const db = await (0, testDatabase_1.createTestDatabase)({ migrate: false });
        const pool = (0, dataSource_1.createPool)(db.url);
        try {
            const { rows } = await pool.query(`SELECT 1234.50::numeric AS amount, 9007199254740993::bigint AS position, DATE '2026-01-31' AS day,
                TIMESTAMPTZ '2026-01-31T23:30:00Z' AS at, ARRAY['a','b']::text[] AS ids`);
            strict_1.default.deepEqual(rows[0], { amount: '1234.50', position: '9007199254740993', day: '2026-01-31', at: new Date('2026-01-31T23:30:00Z'), ids: ['a', 'b'] });
            // Per pool, not global: a plain pg client keeps pg's defaults.
            strict_1.default.ok((await db.pool.query(`SELECT DATE '2026-01-31' AS day`)).rows[0].day === '2026-01-31');
            const plain = new pg_1.default.Client({ connectionString: db.url });
            await plain.connect();
            try {
                strict_1.default.ok((await plain.query(`SELECT DATE '2026-01-31' AS day`)).rows[0].day instanceof Date);
            }
            finally {
                await plain.end();
            }
        }
        finally {
            await pool.end();
            await db.drop();
        }
    });
});
//# sourceMappingURL=database.int.test.js.map