"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.STATEMENT_STATS_SETTINGS = void 0;
exports.startStatementStats = startStatementStats;
exports.statementLines = statementLines;
/**
 * Where a benchmark's Postgres time goes, by statement: `pg_stat_statements`
 * (preloaded in the bench's embedded server; on a DATABASE_URL server only
 * when its owner preloaded it) read before and after a window, for one
 * database. Execution time is wall time inside the backend: on this 2-core
 * machine, with Postgres mostly on CPU, close to its CPU time.
 */
const pg_1 = __importDefault(require("pg"));
exports.STATEMENT_STATS_SETTINGS = {
    shared_preload_libraries: 'pg_stat_statements',
    'pg_stat_statements.max': '2000',
    'pg_stat_statements.track_utility': 'off',
};
/** Starts counting on `databaseUrl`'s database; the returned function gives what ran since, or undefined when the server has no statistics. */
async function startStatementStats(databaseUrl) {
    const before = await snapshot(databaseUrl).catch(() => undefined);
    if (!before)
        return undefined;
    return async () => {
        const after = await snapshot(databaseUrl);
        const uses = [];
        for (const [id, now] of after) {
            const then = before.get(id);
            const calls = now.calls - (then?.calls ?? 0);
            if (calls <= 0)
                continue;
            uses.push({ statement: shorten(now.query), calls, rows: now.rows - (then?.rows ?? 0), ms: now.ms - (then?.ms ?? 0) });
        }
        return uses.sort((a, b) => b.ms - a.ms);
    };
}
async function snapshot(databaseUrl) {
    const client = new pg_1.default.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
        await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
        const { rows } = await client.query(`SELECT queryid::text AS id, query, calls::float8 AS calls, rows::float8 AS rows, total_exec_time AS ms
       FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())`);
        return new Map(rows.map((r) => [r.id, { query: r.query, calls: r.calls, rows: r.rows, ms: r.ms }]));
    }
    finally {
        await client.end();
    }
}
function shorten(query) {
    const flat = query.replace(/\s+/g, ' ').trim();
    return flat.length > 110 ? `${flat.slice(0, 107)}...` : flat;
}
/** Report lines: the statements that took most of the time, per unit of work (`unit`: e.g. 'event'). */
function statementLines(title, uses, units, unit, top = 12) {
    const totalMs = uses.reduce((sum, u) => sum + u.ms, 0);
    return [
        `- ${title}: ${(totalMs * 1000 / units).toFixed(1)} µs of statement execution per ${unit} in all (${uses.length} distinct statements); the top ${Math.min(top, uses.length)}:`,
        '',
        `| µs per ${unit} | share | calls per 1000 ${unit}s | rows per call | statement |`,
        '|---|---|---|---|---|',
        ...uses.slice(0, top).map((u) => `| ${(u.ms * 1000 / units).toFixed(1)} | ${(100 * u.ms / totalMs).toFixed(1)}% | ${(u.calls * 1000 / units).toFixed(1)} | ${(u.rows / u.calls).toFixed(1)} | \`${u.statement.replace(/\|/g, '\\|').replace(/`/g, "'")}\` |`),
        '',
    ];
}
//# sourceMappingURL=statementStats.js.map