"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_child_process_1 = require("node:child_process");
const node_path_1 = __importDefault(require("node:path"));
const node_test_1 = require("node:test");
const server_1 = require("../../ingest/server");
const status_1 = require("../../hub/status");
const random_1 = require("../../simulator/random");
const delivery_1 = require("../../simulator/delivery");
const firm_1 = require("../../simulator/firm");
const oracle_1 = require("../../simulator/oracle");
const post_1 = require("../../simulator/post");
const graphqlFigures_1 = require("../support/graphqlFigures");
const readModelFigures_1 = require("../support/readModelFigures");
const testDatabase_1 = require("../support/testDatabase");
const LISTENER = node_path_1.default.join(__dirname, '..', 'support', 'listenerProcess.js');
const KILLS = 10;
function startListener(url) {
    const child = (0, node_child_process_1.spawn)(process.execPath, [LISTENER], { env: { ...process.env, DATABASE_URL: url }, stdio: ['ignore', 'pipe', 'inherit'] });
    return new Promise((resolve, reject) => {
        child.stdout.once('data', () => resolve(child));
        child.once('exit', (code) => reject(new Error(`listener exited with ${code} before it was ready`)));
    });
}
function kill(child) {
    return new Promise((resolve) => {
        child.removeAllListeners('exit');
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
    });
}
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** Waits until the listener has committed a batch past `position` (it was started and given events). */
async function checkpointPast(db, position) {
    for (let waited = 0;; waited += 5) {
        const { rows } = await db.pool.query(`SELECT coalesce(max(position), 0)::int AS position FROM hub.checkpoint`);
        if (rows[0].position > position)
            return;
        if (waited > 60_000)
            strict_1.default.fail(`the listener did not move its checkpoint past ${position} in 60 s`);
        await sleep(5);
    }
}
(0, node_test_1.describe)('a listener killed with SIGKILL at random points', () => {
    const firm = (0, firm_1.simulateFirm)({ seed: 'crash-safety', scale: 1 });
    const expected = (0, oracle_1.expectedFigures)(firm.events);
    let db;
    let ingest;
    let kills = 0;
    /** Checkpoints seen after each kill: the killed listeners made progress between kills. */
    const checkpoints = [];
    (0, node_test_1.before)(async () => {
        db = await (0, testDatabase_1.createTestDatabase)();
        ingest = await (0, server_1.startIngestServer)({ pool: db.pool, host: '127.0.0.1', port: 0 });
        // The delivery goes out in one part per kill, so every listener has events to apply when it is
        // killed however fast it catches up (it takes bigger batches while behind) and however slowly
        // a loaded machine restarts it.
        const delivery = [...(0, delivery_1.deliver)(firm.events, { mode: 'interleaved', seed: 3, window: 400 })];
        const partSize = Math.ceil(delivery.length / KILLS);
        const random = new random_1.Random('kill points');
        let accepted = 0;
        let listener = await startListener(db.url);
        for (; kills < KILLS; kills++) {
            const posting = (0, post_1.postEvents)(delivery.slice(kills * partSize, (kills + 1) * partSize), { url: `http://127.0.0.1:${ingest.port}/events`, batchSize: 50, progress: false, rate: 4000 });
            await checkpointPast(db, checkpoints.at(-1) ?? 0);
            await sleep(random.int(0, 40));
            await kill(listener);
            const { rows } = await db.pool.query(`SELECT coalesce(max(position), 0)::int AS position FROM hub.checkpoint`);
            checkpoints.push(rows[0].position);
            accepted += (await posting).accepted;
            listener = await startListener(db.url);
        }
        strict_1.default.equal(accepted, firm.events.length);
        for (let waited = 0;; waited += 50) {
            const status = await (0, status_1.readIngestStatus)(db.pool);
            if (status.pending === 0 && status.parked === 0)
                break;
            if (waited > 60_000)
                strict_1.default.fail(`listener did not catch up: ${JSON.stringify(status)}`);
            await sleep(50);
        }
        await kill(listener);
    });
    (0, node_test_1.after)(async () => {
        await ingest?.close();
        await db?.drop();
    });
    (0, node_test_1.it)('was killed 10 times while it was applying events', () => {
        strict_1.default.equal(kills, KILLS);
        strict_1.default.equal(new Set(checkpoints).size, KILLS, `listeners should progress between kills: ${checkpoints.join(', ')}`);
    });
    (0, node_test_1.it)('applied every event exactly once', async () => {
        const status = await (0, status_1.readIngestStatus)(db.pool);
        strict_1.default.equal(status.received, firm.events.length);
        strict_1.default.equal(status.applied, firm.events.length);
        strict_1.default.equal(status.exceptions, 0);
        const changes = await db.pool.query(`SELECT event_position, entity_kind, entity_id, count(*) FROM hub.change_feed GROUP BY 1, 2, 3 HAVING count(*) > 1`);
        strict_1.default.equal(changes.rowCount, 0, 'a change was written twice for one event');
    });
    (0, node_test_1.it)('ends with the figures of the oracle', async () => {
        const actual = await (0, readModelFigures_1.readModelFigures)(db.pool);
        strict_1.default.deepEqual(actual.projects, (0, graphqlFigures_1.sameFields)(expected.projects, actual.projects));
        strict_1.default.deepEqual(actual.invoices, (0, graphqlFigures_1.sameFields)(expected.invoices, actual.invoices));
        strict_1.default.deepEqual(actual.customers, (0, graphqlFigures_1.sameFields)(expected.customers, actual.customers));
    });
});
//# sourceMappingURL=listeners.crashSafety.int.test.js.map