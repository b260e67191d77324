"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.readModelTables = readModelTables;
const rebuild_1 = require("../../listeners/rebuild");
/** Every read-model table (figures over time included) as text, one row a line, ordered by primary key: two read models are equal when these are. */
async function readModelTables(pool) {
    const tables = {};
    for (const { sqlName, keyColumns } of rebuild_1.COMPARED_TABLES) {
        const { rows } = await pool.query(`SELECT t::text AS row FROM ${sqlName} t ORDER BY ${keyColumns.join(', ')}`);
        tables[sqlName] = rows.map((r) => r.row).join('\n');
    }
    return tables;
}
//# sourceMappingURL=readModelTables.js.map