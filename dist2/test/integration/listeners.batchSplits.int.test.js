"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const server_1 = require("../../ingest/server");
const projector_1 = require("../../listeners/projector");
const rows_1 = require("../../listeners/rows");
const firm_1 = require("../../simulator/firm");
const post_1 = require("../../simulator/post");
const readModelTables_1 = require("../support/readModelTables");
const testDatabase_1 = require("../support/testDatabase");
(0, node_test_1.describe)('the read model does not depend on where batches split the log', () => {
    const firm = (0, firm_1.simulateFirm)({ seed: 'batch-splits', scale: 1.5 });
    const dbs = [];
    (0, node_test_1.before)(async () => {
        for (const batchSize of [7, 100_000]) {
            const db = await (0, testDatabase_1.createTestDatabase)();
            dbs.push(db);
            const ingest = await (0, server_1.startIngestServer)({ pool: db.pool, host: '127.0.0.1', port: 0 });
            try {
                await (0, post_1.postEvents)(firm.events, { url: `http://127.0.0.1:${ingest.port}/events`, batchSize: 500, progress: false });
            }
            finally {
                await ingest.close();
            }
            await new projector_1.Projector(db.pool, { batchSize }).drain();
        }
    });
    (0, node_test_1.after)(async () => {
        for (const db of dbs)
            await db.drop();
    });
    (0, node_test_1.it)('has invoices posted and voided again', async () => {
        const { rows } = await dbs[0].pool.query(`SELECT count(*)::int AS n FROM billing.invoice WHERE status = 'voided' AND posted_at IS NOT NULL`);
        strict_1.default.ok(rows[0].n > 0);
    });
    (0, node_test_1.it)('gives the same rows with batches of 7 events as with one batch of all of them', async () => {
        const [small, whole] = [await (0, readModelTables_1.readModelTables)(dbs[0].pool), await (0, readModelTables_1.readModelTables)(dbs[1].pool)];
        for (const table of rows_1.READ_MODEL_TABLES)
            strict_1.default.equal(small[table], whole[table], `${table} differs`);
    });
});
//# sourceMappingURL=listeners.batchSplits.int.test.js.map