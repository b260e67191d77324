"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const ingestEvents_1 = require("../../ingest/ingestEvents");
const status_1 = require("../../hub/status");
const projector_1 = require("../../listeners/projector");
const rows_1 = require("../../listeners/rows");
const firm_1 = require("../../simulator/firm");
const readModelTables_1 = require("../support/readModelTables");
const testDatabase_1 = require("../support/testDatabase");
/**
 * A batch is decided while the one before it commits, and loads the rows the
 * cache does not hold at once, except those the batch in flight may have
 * written (listeners/inFlightBatch.ts). With a cache smaller than a batch,
 * that batch's own rows are dropped at once and must be waited for; with no
 * cache at all, every row is.
 */
(0, node_test_1.describe)('batches decided ahead of the commit before them', () => {
    const firm = (0, firm_1.simulateFirm)({ seed: 'decided-ahead', scale: 0.5 });
    const setups = [
        ['one batch for the whole log', { batchSize: 1_000_000 }],
        ['batches of 60, the default cache', { batchSize: 60 }],
        ['batches of 60, a cache of 40 rows', { batchSize: 60, cacheRows: 40 }],
        ['batches of 60, no cache', { batchSize: 60, cacheRows: 0 }],
    ];
    const runs = [];
    (0, node_test_1.before)(async () => {
        for (const [name, options] of setups) {
            const db = await (0, testDatabase_1.createTestDatabase)();
            runs.push({ name, db });
            for (let at = 0; at < firm.events.length; at += 500)
                strict_1.default.equal((await (0, ingestEvents_1.ingestEvents)(db.pool, firm.events.slice(at, at + 500))).rejected, 0);
            await new projector_1.Projector(db.pool, options).drain();
        }
    });
    (0, node_test_1.after)(async () => {
        for (const { db } of runs)
            await db.drop();
    });
    (0, node_test_1.it)('take every event, and apply as many as one batch does', async () => {
        const reference = await (0, status_1.readIngestStatus)(runs[0].db.pool);
        strict_1.default.equal(reference.received, firm.events.length);
        for (const { name, db } of runs) {
            const status = await (0, status_1.readIngestStatus)(db.pool);
            strict_1.default.equal(status.pending, 0, name);
            strict_1.default.deepEqual([status.applied, status.parked, status.stale], [reference.applied, reference.parked, reference.stale], name);
        }
    });
    (0, node_test_1.it)('leave the read model one batch leaves, whether the cache keeps the rows they read or drops them at once', async () => {
        const [reference, ...others] = runs;
        const expected = await (0, readModelTables_1.readModelTables)(reference.db.pool);
        for (const { name, db } of others) {
            const actual = await (0, readModelTables_1.readModelTables)(db.pool);
            for (const table of rows_1.READ_MODEL_TABLES)
                strict_1.default.equal(actual[table], expected[table], `${name}: ${table} differs`);
        }
    });
});
//# sourceMappingURL=listeners.decidedAhead.int.test.js.map