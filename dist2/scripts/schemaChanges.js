"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * Prints the SQL that makes the migrated schema match the entities: the body
 * of the next migration, once an entity was added or changed (docs/schema.md).
 *
 *   npm run build && node dist/scripts/schemaChanges.js
 *
 * Migrates a scratch database (on DATABASE_URL's server, or an embedded
 * Postgres in a temporary directory when DATABASE_URL is unset), asks
 * TypeORM's schema builder what it would run, and drops the database again.
 * Prints nothing when the migrations already make what the entities declare.
 */
const node_fs_1 = __importDefault(require("node:fs"));
const node_os_1 = __importDefault(require("node:os"));
const node_path_1 = __importDefault(require("node:path"));
const dataSource_1 = require("../db/dataSource");
const embeddedPostgres_1 = require("../db/embeddedPostgres");
const ensureDatabase_1 = require("../db/ensureDatabase");
const url_1 = require("../db/url");
async function main() {
    if (process.argv.length > 2) {
        process.stderr.write('usage: node dist/scripts/schemaChanges.js   (no arguments; DATABASE_URL names the server to use)\n');
        process.exitCode = 2;
        return;
    }
    let embedded;
    let dataDir;
    let server = process.env.DATABASE_URL;
    if (!server) {
        dataDir = node_fs_1.default.mkdtempSync(node_path_1.default.join(node_os_1.default.tmpdir(), 'servicegraph-schema-'));
        embedded = await (0, embeddedPostgres_1.startEmbeddedPostgres)({ dataDir, port: 0, database: 'postgres' });
        server = embedded.url;
    }
    const scratch = (0, url_1.withDatabase)(server, `servicegraph_schema_changes_${process.pid}`);
    try {
        await (0, ensureDatabase_1.ensureDatabase)(scratch);
        await (0, dataSource_1.migrate)(scratch);
        const dataSource = (0, dataSource_1.createDataSource)(scratch);
        await dataSource.initialize();
        try {
            const { upQueries } = await dataSource.driver.createSchemaBuilder().log();
            for (const query of upQueries)
                process.stdout.write(`${query.query};\n`);
        }
        finally {
            await dataSource.destroy();
        }
    }
    finally {
        await (0, ensureDatabase_1.dropDatabase)(scratch).catch(() => undefined);
        await embedded?.stop();
        if (dataDir)
            node_fs_1.default.rmSync(dataDir, { recursive: true, force: true });
    }
}
main().catch((error) => {
    process.stderr.write(`schemaChanges: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
});
//# sourceMappingURL=schemaChanges.js.map