"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const ingestEvents_1 = require("../../ingest/ingestEvents");
const status_1 = require("../../hub/status");
const runner_1 = require("../../listeners/runner");
const firm_1 = require("../../simulator/firm");
const oracle_1 = require("../../simulator/oracle");
const graphqlFigures_1 = require("../support/graphqlFigures");
const readModelFigures_1 = require("../support/readModelFigures");
const testDatabase_1 = require("../support/testDatabase");
(0, node_test_1.describe)('the live runner catching up on a log that is behind', () => {
    const firm = (0, firm_1.simulateFirm)({ seed: 'catch-up', scale: 0.5 });
    const runs = [];
    (0, node_test_1.before)(async () => {
        for (const catchUpEvents of [0, 1000]) {
            const db = await (0, testDatabase_1.createTestDatabase)();
            // The whole log is there before the listeners start: every read but the last comes back full.
            for (let at = 0; at < firm.events.length; at += 500)
                strict_1.default.equal((await (0, ingestEvents_1.ingestEvents)(db.pool, firm.events.slice(at, at + 500))).rejected, 0);
            const batches = [];
            const runner = await (0, runner_1.startListeners)({ databaseUrl: db.url, batchSize: 100, pollMs: 20, catchUpEvents, onBatch: (batch) => batches.push(batch) });
            await runner.caughtUp();
            await runner.stop();
            runs.push({ catchUpEvents, db, batches });
        }
    });
    (0, node_test_1.after)(async () => {
        for (const { db } of runs)
            await db.drop();
    });
    (0, node_test_1.it)('goes on through the log in one transaction up to the bound, past what one read takes', () => {
        const [oneRead, catchingUp] = runs;
        // One read takes at most 4 × the batch size when behind.
        strict_1.default.ok(Math.max(...oneRead.batches.map((b) => b.events)) <= 400, 'with 0, a transaction is one read');
        const largest = Math.max(...catchingUp.batches.map((b) => b.events));
        strict_1.default.ok(largest > 1000 && largest <= 1000 + 400, `with 1000, the largest transaction took ${largest} events`);
        strict_1.default.ok(catchingUp.batches.length < oneRead.batches.length / 2, `${catchingUp.batches.length} transactions against ${oneRead.batches.length}`);
    });
    (0, node_test_1.it)('leaves the same read model either way, the oracle\'s', async () => {
        const expected = (0, oracle_1.expectedFigures)(firm.events);
        for (const { db, catchUpEvents } of runs) {
            const status = await (0, status_1.readIngestStatus)(db.pool);
            strict_1.default.equal(status.applied, firm.events.length, `applied with ${catchUpEvents}`);
            strict_1.default.equal(status.pending, 0);
            const actual = await (0, readModelFigures_1.readModelFigures)(db.pool);
            strict_1.default.deepEqual(actual.projects, (0, graphqlFigures_1.sameFields)(expected.projects, actual.projects));
            strict_1.default.deepEqual(actual.invoices, (0, graphqlFigures_1.sameFields)(expected.invoices, actual.invoices));
            strict_1.default.deepEqual(actual.customers, (0, graphqlFigures_1.sameFields)(expected.customers, actual.customers));
        }
    });
});
//# sourceMappingURL=listeners.catchUp.int.test.js.map