"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.startTableWrites = startTableWrites;
exports.tableWritesLine = tableWritesLine;
/**
 * What Postgres wrote, table by table, over a benchmark window: rows inserted,
 * updated and deleted (`pg_stat_user_tables`) and the index entries those
 * writes made (each index of the table takes an entry for every inserted row
 * and every update that is not HOT). Beside the COPY ceiling, which writes one
 * row and no index entry per event, these counts say how much more a
 * Postgres has to do for each event, whatever the machine.
 */
const pg_1 = __importDefault(require("pg"));
async function counters(databaseUrl) {
    const client = new pg_1.default.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
        const { rows } = await client.query(`SELECT s.schemaname || '.' || s.relname AS table, s.n_tup_ins::float8 AS inserted, s.n_tup_upd::float8 AS updated,
              s.n_tup_hot_upd::float8 AS hot, s.n_tup_del::float8 AS deleted,
              (SELECT count(*) FROM pg_index i WHERE i.indrelid = s.relid)::int AS indexes
         FROM pg_stat_user_tables s`);
        return new Map(rows.map((r) => [r.table, { inserted: r.inserted, updated: r.updated, hot: r.hot, deleted: r.deleted, indexes: r.indexes }]));
    }
    finally {
        await client.end();
    }
}
/**
 * Starts counting on `databaseUrl`'s database; the returned function gives the
 * writes since. Call it once the sessions that wrote have ended: a session
 * reports its counts at most once a second, an idle one within 10 s, and one
 * that ends at once; the counts are read until two reads agree.
 */
async function startTableWrites(databaseUrl) {
    const before = await counters(databaseUrl);
    return async () => {
        let after = await counters(databaseUrl);
        for (let attempt = 0; attempt < 20; attempt++) {
            await new Promise((resolve) => setTimeout(resolve, 250));
            const again = await counters(databaseUrl);
            const settled = [...again].every(([table, now]) => {
                const then = after.get(table);
                return then !== undefined && then.inserted === now.inserted && then.updated === now.updated && then.deleted === now.deleted;
            });
            after = again;
            if (settled)
                break;
        }
        const writes = [];
        for (const [table, now] of after) {
            const then = before.get(table) ?? { inserted: 0, updated: 0, hot: 0, deleted: 0, indexes: now.indexes };
            const inserted = now.inserted - then.inserted;
            const updated = now.updated - then.updated;
            const deleted = now.deleted - then.deleted;
            if (inserted + updated + deleted === 0)
                continue;
            writes.push({ table, inserted, updated, deleted, indexEntries: now.indexes * (inserted + updated - (now.hot - then.hot)) });
        }
        return writes.sort((a, b) => b.inserted + b.updated + b.deleted - (a.inserted + a.updated + a.deleted));
    };
}
/** Tables below this many rows per event are summed up, not listed. */
const LISTED_ROWS_PER_EVENT = 0.01;
/** One report line: rows and index entries per event in all, then by table (the larger ones). */
function tableWritesLine(title, writes, events) {
    const per = (n) => (n / events).toFixed(2);
    const rowsOf = (w) => w.inserted + w.updated + w.deleted;
    const rows = writes.reduce((sum, w) => sum + rowsOf(w), 0);
    const entries = writes.reduce((sum, w) => sum + w.indexEntries, 0);
    const listed = writes.filter((w) => rowsOf(w) / events >= LISTED_ROWS_PER_EVENT);
    const others = writes.filter((w) => !listed.includes(w));
    const tables = listed.map((w) => {
        const parts = [[w.inserted, 'inserted'], [w.updated, 'updated'], [w.deleted, 'deleted']]
            .filter(([count]) => count / events >= 0.005).map(([count, what]) => `${per(count)} ${what}`);
        return `${w.table} ${parts.join(' + ')} (${per(w.indexEntries)} index entries)`;
    });
    if (others.length > 0)
        tables.push(`${others.length} more table(s) ${per(others.reduce((sum, w) => sum + rowsOf(w), 0))} rows`);
    return `- ${title}: ${per(rows)} rows and ${per(entries)} index entries per event in all (the COPY ceiling: 1 row, no index entry); ${tables.join('; ')}`;
}
//# sourceMappingURL=tableWrites.js.map