"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const pg_1 = __importDefault(require("pg"));
const tableWrites_1 = require("../../bench/tableWrites");
const testDatabase_1 = require("../support/testDatabase");
(0, node_test_1.describe)('the rows and index entries a benchmark window wrote', () => {
    let db;
    (0, node_test_1.before)(async () => {
        db = await (0, testDatabase_1.createTestDatabase)({ migrate: false });
        await db.pool.query(`CREATE TABLE t (id int PRIMARY KEY, grp int NOT NULL, note text) WITH (fillfactor = 50);
                         CREATE INDEX t_grp ON t (grp);
                         CREATE TABLE untouched (id int PRIMARY KEY)`);
        await db.pool.query(`INSERT INTO t SELECT g, g, '' FROM generate_series(1, 5) g`);
    });
    (0, node_test_1.after)(() => db.drop());
    (0, node_test_1.it)('counts only what came after the start, by table, and the index entries of updates that were not HOT', async () => {
        const stop = await (0, tableWrites_1.startTableWrites)(db.url);
        const client = new pg_1.default.Client({ connectionString: db.url });
        await client.connect();
        await client.query(`INSERT INTO t SELECT g, g, '' FROM generate_series(6, 15) g`);
        // An indexed column changes: a new entry in both indexes for each of the 3 rows.
        await client.query(`UPDATE t SET grp = grp + 100 WHERE id <= 3`);
        // Only an unindexed column changes, with room on the page: HOT, no index entry.
        await client.query(`UPDATE t SET note = 'x' WHERE id = 10`);
        await client.query(`DELETE FROM t WHERE id = 15`);
        // The session reports its counts as it ends.
        await client.end();
        const writes = await stop();
        strict_1.default.deepEqual(writes, [{ table: 'public.t', inserted: 10, updated: 4, deleted: 1, indexEntries: 2 * (10 + 3) }]);
        strict_1.default.equal((0, tableWrites_1.tableWritesLine)('written', writes, 10), '- written: 1.50 rows and 2.60 index entries per event in all (the COPY ceiling: 1 row, no index entry); ' +
            'public.t 1.00 inserted + 0.40 updated + 0.10 deleted (2.60 index entries)');
    });
});
//# sourceMappingURL=bench.tableWrites.int.test.js.map