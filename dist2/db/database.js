"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.openDatabase = openDatabase;
const embeddedPostgres_1 = require("./embeddedPostgres");
const ensureDatabase_1 = require("./ensureDatabase");
/**
 * DATABASE_URL set: that server, creating the database named in the URL when
 * it does not exist. Unset: the embedded Postgres under `config.dataDir`, with
 * a database `servicegraph`. Migrations are not run here (see `migrate`).
 */
async function openDatabase(config, options = {}) {
    if (config.databaseUrl !== undefined) {
        await (0, ensureDatabase_1.ensureDatabase)(config.databaseUrl);
        return { url: config.databaseUrl, embedded: false, stop: async () => undefined };
    }
    const server = await (0, embeddedPostgres_1.startEmbeddedPostgres)({
        dataDir: config.dataDir,
        port: config.embeddedPgPort,
        database: 'servicegraph',
        onLog: options.onLog,
    });
    return { url: server.url, embedded: true, stop: () => server.stop() };
}
//# sourceMappingURL=database.js.map