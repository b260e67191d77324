"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const server_1 = require("../../ingest/server");
const projector_1 = require("../../listeners/projector");
const delivery_1 = require("../../simulator/delivery");
const firm_1 = require("../../simulator/firm");
const oracle_1 = require("../../simulator/oracle");
const post_1 = require("../../simulator/post");
const graphqlFigures_1 = require("../support/graphqlFigures");
const readModelFigures_1 = require("../support/readModelFigures");
const testDatabase_1 = require("../support/testDatabase");
(0, node_test_1.describe)('two projectors taking turns on one database (two hub processes)', () => {
    const firm = (0, firm_1.simulateFirm)({ seed: 'two-projectors', scale: 0.5 });
    let db;
    (0, node_test_1.before)(async () => {
        db = await (0, testDatabase_1.createTestDatabase)();
        const ingest = await (0, server_1.startIngestServer)({ pool: db.pool, host: '127.0.0.1', port: 0 });
        try {
            await (0, post_1.postEvents)([...(0, delivery_1.deliver)(firm.events, { mode: 'interleaved', seed: 5, window: 300 })], { url: `http://127.0.0.1:${ingest.port}/events`, progress: false });
        }
        finally {
            await ingest.close();
        }
        // Each keeps rows between its batches; the other's batches in between must not be missed.
        const one = new projector_1.Projector(db.pool, { batchSize: 61 });
        const two = new projector_1.Projector(db.pool, { batchSize: 89 });
        for (let turn = 0;; turn++) {
            const { events } = await (turn % 3 === 2 ? two : one).processBatch();
            if (events === 0 && (await (turn % 3 === 2 ? one : two).processBatch()).events === 0)
                break;
        }
    });
    (0, node_test_1.after)(() => db?.drop());
    (0, node_test_1.it)('applies every event once and ends with the figures of the oracle', async () => {
        const { rows } = await db.pool.query(`SELECT value::int AS applied FROM hub.counter WHERE name = 'applied'`);
        strict_1.default.equal(rows[0].applied, firm.events.length);
        const expected = (0, oracle_1.expectedFigures)(firm.events);
        const actual = await (0, readModelFigures_1.readModelFigures)(db.pool);
        strict_1.default.deepEqual(actual.projects, (0, graphqlFigures_1.sameFields)(expected.projects, actual.projects));
        strict_1.default.deepEqual(actual.invoices, (0, graphqlFigures_1.sameFields)(expected.invoices, actual.invoices));
        strict_1.default.deepEqual(actual.customers, (0, graphqlFigures_1.sameFields)(expected.customers, actual.customers));
    });
});
//# sourceMappingURL=listeners.twoProjectors.int.test.js.map