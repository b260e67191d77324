"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_worker_threads_1 = require("node:worker_threads");
const node_test_1 = require("node:test");
const ingestEvents_1 = require("../../ingest/ingestEvents");
const server_1 = require("../../ingest/server");
const status_1 = require("../../hub/status");
const logTail_1 = require("../../hub/logTail");
const runner_1 = require("../../listeners/runner");
const delivery_1 = require("../../simulator/delivery");
const firm_1 = require("../../simulator/firm");
const oracle_1 = require("../../simulator/oracle");
const post_1 = require("../../simulator/post");
const graphqlFigures_1 = require("../support/graphqlFigures");
const readModelFigures_1 = require("../support/readModelFigures");
const testDatabase_1 = require("../support/testDatabase");
(0, node_test_1.describe)('listeners taking the events ingest committed from memory (the log tail)', () => {
    const firm = (0, firm_1.simulateFirm)({ seed: 'log-tail', scale: 0.5 });
    let db;
    let ingest;
    let runner;
    const tail = new logTail_1.LogTail();
    const ports = [];
    const handedOver = [];
    (0, node_test_1.before)(async () => {
        db = await (0, testDatabase_1.createTestDatabase)();
        ingest = await (0, server_1.startIngestServer)({
            pool: db.pool, host: '127.0.0.1', port: 0,
            committedEvents: () => {
                const { port1, port2 } = new node_worker_threads_1.MessageChannel();
                port2.on('message', (events) => { handedOver.push(events); tail.add(events); });
                ports.push(port2);
                return port1;
            },
        });
        runner = await (0, runner_1.startListeners)({ databaseUrl: db.url, batchSize: 150, pollMs: 20, tail });
        const delivery = [...(0, delivery_1.deliver)(firm.events, { mode: 'interleaved', seed: 11, window: 300 })];
        const url = `http://127.0.0.1:${ingest.port}/events`;
        for (let at = 0, chunk = 0; at < delivery.length; at += 200, chunk++) {
            const events = delivery.slice(at, at + 200);
            // Every third chunk by another writer of the log, which hands nothing over: the listeners must read it from the log.
            if (chunk % 3 === 2)
                strict_1.default.equal((await (0, ingestEvents_1.ingestEvents)(db.pool, events)).rejected, 0);
            else
                await (0, post_1.postEvents)(events, { url, batchSize: 200, progress: false });
            // Sent twice: all duplicates, nothing inserted, nothing handed over.
            if (chunk === 4)
                await (0, post_1.postEvents)(events, { url, batchSize: 200, progress: false });
        }
        while ((await (0, status_1.readIngestStatus)(db.pool)).pending > 0)
            await runner.caughtUp();
    });
    (0, node_test_1.after)(async () => {
        await runner?.stop();
        await ingest?.close();
        for (const port of ports)
            port.close();
        await db?.drop();
    });
    (0, node_test_1.it)('hands over exactly what the log holds at those positions', async () => {
        strict_1.default.ok(handedOver.length > 0);
        const { rows } = await db.pool.query(`SELECT e.position::text AS position, e.envelope FROM hub.event_log e WHERE e.position = ANY($1::bigint[]) ORDER BY e.position`, [handedOver.flatMap((batch) => batch.envelopes.map((_, i) => String(BigInt(batch.firstPosition) + BigInt(i))))]);
        const expected = handedOver.flatMap((batch) => batch.envelopes.map((envelope, i) => ({ position: String(BigInt(batch.firstPosition) + BigInt(i)), envelope: JSON.parse(envelope) })));
        strict_1.default.deepEqual(rows, expected);
    });
    (0, node_test_1.it)('applies every event once, in log order, whichever way it was read', async () => {
        const status = await (0, status_1.readIngestStatus)(db.pool);
        strict_1.default.equal(status.applied, firm.events.length);
        strict_1.default.equal(status.pending, 0);
        strict_1.default.equal(status.exceptions, 0);
        const expected = (0, oracle_1.expectedFigures)(firm.events);
        const actual = await (0, readModelFigures_1.readModelFigures)(db.pool);
        strict_1.default.deepEqual(actual.projects, (0, graphqlFigures_1.sameFields)(expected.projects, actual.projects));
        strict_1.default.deepEqual(actual.invoices, (0, graphqlFigures_1.sameFields)(expected.invoices, actual.invoices));
        strict_1.default.deepEqual(actual.customers, (0, graphqlFigures_1.sameFields)(expected.customers, actual.customers));
    });
    (0, node_test_1.it)('took events from memory and read the others from the log', () => {
        // How many depends on timing (a notification that arrives before the handed-over events sends the listeners to the log).
        strict_1.default.ok(tail.served > 0, `served ${tail.served} of ${firm.events.length} from memory`);
        strict_1.default.ok(tail.missed > 0, 'some reads went to the log');
    });
});
//# sourceMappingURL=listeners.logTail.int.test.js.map