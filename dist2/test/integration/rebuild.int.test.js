"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const server_1 = require("../../ingest/server");
const projector_1 = require("../../listeners/projector");
const rebuild_1 = require("../../listeners/rebuild");
const delivery_1 = require("../../simulator/delivery");
const firm_1 = require("../../simulator/firm");
const post_1 = require("../../simulator/post");
const testDatabase_1 = require("../support/testDatabase");
(0, node_test_1.describe)('rebuild', () => {
    // A mixed run: shuffled delivery with duplicates on top, and events that break lifecycles.
    const firm = (0, firm_1.simulateFirm)({ seed: 'rebuild', scale: 0.6, illegal: true });
    let db;
    let ingest;
    (0, node_test_1.before)(async () => {
        db = await (0, testDatabase_1.createTestDatabase)();
        ingest = await (0, server_1.startIngestServer)({ pool: db.pool, host: '127.0.0.1', port: 0 });
        const url = `http://127.0.0.1:${ingest.port}/events`;
        const projector = new projector_1.Projector(db.pool, { batchSize: 133 });
        const shuffled = [...(0, delivery_1.deliver)(firm.events, { mode: 'shuffled', seed: 11 })];
        const half = Math.floor(shuffled.length / 2);
        // Apply part of it live, then the rest with duplicates, so live batches differ from the rebuild's.
        await (0, post_1.postEvents)(shuffled.slice(0, half), { url, batchSize: 300, progress: false });
        await projector.drain();
        await (0, post_1.postEvents)([...(0, delivery_1.deliver)(shuffled.slice(half), { mode: 'duplicates', seed: 12 })], { url, batchSize: 300, progress: false });
        await projector.drain();
    });
    (0, node_test_1.after)(async () => {
        await ingest?.close();
        await db?.drop();
    });
    (0, node_test_1.it)('replays the whole log into a fresh read model equal to the live one, table by table', async () => {
        const report = await (0, rebuild_1.rebuildAndCompare)({ liveUrl: db.url });
        strict_1.default.equal(report.events, firm.events.length);
        for (const table of report.tables)
            strict_1.default.ok(table.equal, `${table.table} differs: ${JSON.stringify(table)}`);
        strict_1.default.ok(report.tables.some((t) => t.table === 'project.project' && t.liveRows > 0));
        for (const dated of ['project.project_month', 'project.unbilled_by_fact_date', 'billing.receivable_by_due_date', 'billing.posted_by_invoice_date']) {
            strict_1.default.ok(report.tables.some((t) => t.table === dated && t.liveRows > 0 && t.equal), `${dated} is compared, with rows`);
        }
        strict_1.default.equal(report.equal, true);
    });
    (0, node_test_1.it)('replays into the same read model with transactions spanning several reads of the log', async () => {
        // Chunks of 40 events, transactions of 300: rows change in one transaction and again in later ones
        // (inserted, then upserted), and invoice lines and merged accounts come from the cache, never the database.
        const report = await (0, rebuild_1.rebuildAndCompare)({ liveUrl: db.url, batchSize: 40, eventsPerTransaction: 300 });
        strict_1.default.equal(report.events, firm.events.length);
        for (const table of report.tables)
            strict_1.default.ok(table.equal, `${table.table} differs: ${JSON.stringify(table)}`);
    });
    (0, node_test_1.it)('names the figures over time where they drifted', async () => {
        const { rows } = await db.pool.query(`UPDATE project.project_month SET labor_cost = labor_cost + 1
      WHERE (project_id, month) = (SELECT project_id, month FROM project.project_month ORDER BY 1, 2 LIMIT 1) RETURNING project_id, month`);
        try {
            const report = await (0, rebuild_1.rebuildAndCompare)({ liveUrl: db.url });
            const drifted = report.tables.filter((t) => !t.equal);
            strict_1.default.deepEqual(drifted.map((t) => t.table), ['project.project_month']);
            strict_1.default.deepEqual(drifted[0].differingKeys, [`${rows[0].project_id}/${rows[0].month}`]);
        }
        finally {
            await db.pool.query(`UPDATE project.project_month SET labor_cost = labor_cost - 1 WHERE project_id = $1 AND month = $2`, [rows[0].project_id, rows[0].month]);
        }
    });
    (0, node_test_1.it)('names the table and the rows where the live read model drifted', async () => {
        const { rows } = await db.pool.query(`UPDATE project.project SET labor_cost = labor_cost + 1
      WHERE id = (SELECT min(id) FROM project.project) RETURNING id`);
        const report = await (0, rebuild_1.rebuildAndCompare)({ liveUrl: db.url });
        strict_1.default.equal(report.equal, false);
        const drifted = report.tables.filter((t) => !t.equal);
        strict_1.default.deepEqual(drifted.map((t) => t.table), ['project.project']);
        strict_1.default.deepEqual(drifted[0].differingKeys, [rows[0].id]);
    });
});
//# sourceMappingURL=rebuild.int.test.js.map