"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const changeFeedRetention_1 = require("../../live/changeFeedRetention");
const testDatabase_1 = require("../support/testDatabase");
(0, node_test_1.describe)('change feed retention', () => {
    let db;
    (0, node_test_1.before)(async () => {
        db = await (0, testDatabase_1.createTestDatabase)();
    });
    (0, node_test_1.after)(async () => {
        await db?.drop();
    });
    (0, node_test_1.beforeEach)(async () => {
        await db.pool.query(`TRUNCATE hub.change_feed`);
    });
    /** Appends one feed row per age (hours before Postgres's now()), in order; answers their change ids. */
    async function appendRows(agesInHours) {
        const ids = [];
        for (const [index, hours] of agesInHours.entries()) {
            const { rows } = await db.pool.query(`INSERT INTO hub.change_feed (event_position, entity_kind, entity_id, event_type, event_id, event_source, changed_at)
         VALUES ($1, 'invoice', $2, 'invoice.drafted', $3, 'billing', now() - make_interval(secs => $4::double precision))
         RETURNING change_id::text AS id`, [index + 1, `inv-${index}`, `evt-${index}`, hours * 3600]);
            ids.push(rows[0].id);
        }
        return ids;
    }
    async function remainingIds() {
        const { rows } = await db.pool.query(`SELECT change_id::text AS id FROM hub.change_feed ORDER BY change_id`);
        return rows.map((row) => row.id);
    }
    (0, node_test_1.it)('deletes the rows older than the retention, oldest first, in chunks, and keeps the young ones', async () => {
        const ids = await appendRows([50, 49, 48, 30, 26, 25.5, 23, 2, 0]);
        // Chunks of 2 ids: [50, 49], [48, 30], [26, 25.5] deleted; [23, 2] deletes nothing and ends the prune.
        strict_1.default.deepEqual(await (0, changeFeedRetention_1.pruneChangeFeed)(db.pool, 24, 2), { deleted: 6, chunks: 4 });
        strict_1.default.deepEqual(await remainingIds(), ids.slice(6));
    });
    (0, node_test_1.it)('stops at the first young row rather than scanning the rest of the table', async () => {
        // A young row at the oldest end: the prune looks no further (change ids and
        // changed_at grow together when one projector writes; this shows the bound).
        const ids = await appendRows([1, 40, 40]);
        const result = await (0, changeFeedRetention_1.pruneChangeFeed)(db.pool, 24, 1);
        strict_1.default.deepEqual(result, { deleted: 0, chunks: 1 });
        strict_1.default.deepEqual(await remainingIds(), ids);
    });
    (0, node_test_1.it)('answers nothing deleted on an empty feed', async () => {
        strict_1.default.deepEqual(await (0, changeFeedRetention_1.pruneChangeFeed)(db.pool, 24), { deleted: 0, chunks: 1 });
    });
    (0, node_test_1.it)('refuses a negative retention or chunk size, saying what it expected', async () => {
        await strict_1.default.rejects((0, changeFeedRetention_1.pruneChangeFeed)(db.pool, -1), /retentionHours: expected a number of hours >= 0, got -1/);
        await strict_1.default.rejects((0, changeFeedRetention_1.pruneChangeFeed)(db.pool, 24, 0), /chunkSize: expected an integer >= 1, got 0/);
    });
    (0, node_test_1.it)('as the hub runs it: prunes at start and reports what it deleted; a retention of 0 starts nothing', async () => {
        const ids = await appendRows([72, 71, 1]);
        const off = (0, changeFeedRetention_1.startChangeFeedRetention)({ pool: db.pool, retentionHours: 0, onError: (error) => strict_1.default.fail(String(error)) });
        await off.stop();
        strict_1.default.deepEqual(await remainingIds(), ids);
        const pruned = [];
        const retention = (0, changeFeedRetention_1.startChangeFeedRetention)({
            pool: db.pool, retentionHours: 24, intervalMs: 60_000,
            onPruned: (result) => pruned.push(result.deleted), onError: (error) => strict_1.default.fail(String(error)),
        });
        await retention.stop(); // waits for the prune started at start
        strict_1.default.deepEqual(pruned, [2]);
        strict_1.default.deepEqual(await remainingIds(), ids.slice(2));
    });
});
//# sourceMappingURL=changeFeed.retention.int.test.js.map