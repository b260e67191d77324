"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.databaseCheck = databaseCheck;
exports.listenersCheck = listenersCheck;
exports.supergraphCheck = supergraphCheck;
const migrations_1 = require("../db/migrations");
/** TypeORM's record of applied migrations (db/dataSource.ts leaves its default name). */
const MIGRATIONS_TABLE = 'public.migrations';
/**
 * Postgres answers on `pool`, and every migration this build knows is
 * applied: one statement, so a probe costs one round trip.
 */
function databaseCheck(pool) {
    const expected = migrations_1.MIGRATIONS.map((migration) => migration.name);
    return {
        name: 'postgres',
        async check() {
            let applied;
            try {
                const { rows } = await pool.query(`SELECT name FROM ${MIGRATIONS_TABLE}`);
                applied = new Set(rows.map((row) => row.name));
            }
            catch (error) {
                const message = error instanceof Error ? error.message || error.code || error.name : String(error);
                if (error.code === '42P01')
                    return 'migrations not applied: the database has no migrations table';
                return `Postgres is unreachable: ${message}`;
            }
            const missing = expected.filter((name) => !applied.has(name));
            return missing.length === 0 ? undefined : `migrations not applied: ${missing.join(', ')}`;
        },
    };
}
function listenersCheck(state) {
    return { name: 'listeners', check: async () => state.notRunning() };
}
/** The gateway serves once it has composed its supergraph; before, or after it closed, it is not ready. */
function supergraphCheck(composed) {
    return { name: 'supergraph', check: async () => composed() };
}
//# sourceMappingURL=readinessChecks.js.map