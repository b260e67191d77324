"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.pgTypes = void 0;
exports.createDataSource = createDataSource;
exports.migrate = migrate;
exports.createPool = createPool;
require("reflect-metadata");
const pg_1 = __importDefault(require("pg"));
const typeorm_1 = require("typeorm");
const entities_1 = require("../entities");
const migrations_1 = require("./migrations");
/** OIDs of the types whose parsing we pin down. */
const DATE_OID = 1082;
const NUMERIC_OID = 1700;
/**
 * Type parsing for every pg connection of servicegraph, per pool (never the
 * global `pg.types`, which other code may rely on):
 * - `date` stays the 'YYYY-MM-DD' text: pg's default turns it into a JS Date
 *   at local midnight, which shifts a day in any timezone west of UTC once
 *   serialised as UTC.
 * - `numeric` stays a string (pg's default too; pinned so a global override
 *   elsewhere cannot turn money into floating point).
 * `int8`/`bigserial` also stay strings (pg's default): event positions are bigint.
 */
exports.pgTypes = {
    getTypeParser: ((oid, format) => {
        if (format !== 'binary' && (oid === DATE_OID || oid === NUMERIC_OID))
            return (value) => value;
        return format === undefined ? pg_1.default.types.getTypeParser(oid) : pg_1.default.types.getTypeParser(oid, format);
    }),
};
/**
 * A TypeORM DataSource on `url` with the read model's entities and the
 * migrations; not yet initialised. The schema is owned by the migrations:
 * `synchronize` and `migrationsRun` are off.
 */
function createDataSource(url, options = {}) {
    return new typeorm_1.DataSource({
        type: 'postgres',
        url,
        entities: entities_1.ENTITIES,
        migrations: migrations_1.MIGRATIONS,
        synchronize: false,
        migrationsRun: false,
        logging: ['error'],
        ...options,
        extra: { types: exports.pgTypes, ...(options.extra ?? {}) },
    });
}
/**
 * Runs the pending migrations on `url`, each in its own transaction, under an
 * advisory lock so that services starting together migrate once.
 * @returns the names of the migrations applied by this call.
 */
async function migrate(url) {
    const dataSource = createDataSource(url, { poolSize: 2 });
    await dataSource.initialize();
    const lock = dataSource.createQueryRunner();
    try {
        await lock.connect();
        await lock.query(`SELECT pg_advisory_lock(hashtext('servicegraph:migrate'))`);
        try {
            const applied = await dataSource.runMigrations({ transaction: 'each' });
            return applied.map((m) => m.name);
        }
        finally {
            await lock.query(`SELECT pg_advisory_unlock(hashtext('servicegraph:migrate'))`);
        }
    }
    finally {
        await lock.release();
        await dataSource.destroy();
    }
}
/**
 * A plain pg pool for hot-path SQL (ingest, listeners): `numeric` as string,
 * `date` as 'YYYY-MM-DD', bigint as string.
 */
function createPool(url, options = {}) {
    const pool = new pg_1.default.Pool({ connectionString: url, types: exports.pgTypes, ...options });
    // An idle client losing its connection (server restart) must not crash the process;
    // the next query on the pool gets a fresh connection or a real error.
    pool.on('error', () => undefined);
    // Likewise a checked-out client whose server goes away between two queries (Ctrl-C
    // reaches the embedded Postgres too): the holder's next query fails instead.
    pool.on('connect', (client) => client.on('error', () => undefined));
    return pool;
}
//# sourceMappingURL=dataSource.js.map