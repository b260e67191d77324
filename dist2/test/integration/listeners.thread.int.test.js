"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const server_1 = require("../../ingest/server");
const status_1 = require("../../hub/status");
const threadRunner_1 = require("../../listeners/threadRunner");
const delivery_1 = require("../../simulator/delivery");
const firm_1 = require("../../simulator/firm");
const oracle_1 = require("../../simulator/oracle");
const post_1 = require("../../simulator/post");
const graphqlFigures_1 = require("../support/graphqlFigures");
const readModelFigures_1 = require("../support/readModelFigures");
const testDatabase_1 = require("../support/testDatabase");
(0, node_test_1.describe)('the listener runner on a thread of its own (as the hub runs it)', () => {
    const firm = (0, firm_1.simulateFirm)({ seed: 'listener-thread', scale: 0.5 });
    let db;
    let ingest;
    let runner;
    const batches = [];
    (0, node_test_1.before)(async () => {
        db = await (0, testDatabase_1.createTestDatabase)();
        const listeners = await (0, threadRunner_1.startListenersThread)({ databaseUrl: db.url, batchSize: 150, pollMs: 20, onBatch: (batch) => batches.push(batch) });
        runner = listeners;
        // As the hub wires them: what ingest commits reaches the listeners' thread from memory too.
        ingest = await (0, server_1.startIngestServer)({ pool: db.pool, host: '127.0.0.1', port: 0, committedEvents: () => listeners.committedEventsPort() });
        await (0, post_1.postEvents)([...(0, delivery_1.deliver)(firm.events, { mode: 'interleaved', seed: 9, window: 300 })], { url: `http://127.0.0.1:${ingest.port}/events`, batchSize: 200, progress: false });
        while ((await (0, status_1.readIngestStatus)(db.pool)).pending > 0)
            await runner.caughtUp();
    });
    (0, node_test_1.after)(async () => {
        await runner?.stop();
        await ingest?.close();
        await db?.drop();
    });
    (0, node_test_1.it)('applies what ingest accepts while it runs, reporting each committed batch', async () => {
        const status = await (0, status_1.readIngestStatus)(db.pool);
        strict_1.default.equal(status.applied, firm.events.length);
        strict_1.default.equal(batches.reduce((sum, batch) => sum + batch.events, 0), firm.events.length);
        const expected = (0, oracle_1.expectedFigures)(firm.events);
        const actual = await (0, readModelFigures_1.readModelFigures)(db.pool);
        strict_1.default.deepEqual(actual.projects, (0, graphqlFigures_1.sameFields)(expected.projects, actual.projects));
        strict_1.default.deepEqual(actual.invoices, (0, graphqlFigures_1.sameFields)(expected.invoices, actual.invoices));
    });
    (0, node_test_1.it)('stops, and is caught up at once once stopped', async () => {
        await runner.stop();
        await runner.caughtUp();
        runner = undefined;
    });
});
//# sourceMappingURL=listeners.thread.int.test.js.map