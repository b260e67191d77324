"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/** The ingest port is served by a thread of its own: a busy main thread does not hold its requests. */
const strict_1 = __importDefault(require("node:assert/strict"));
const node_fs_1 = __importDefault(require("node:fs"));
const node_os_1 = __importDefault(require("node:os"));
const node_path_1 = __importDefault(require("node:path"));
const node_test_1 = require("node:test");
const node_worker_threads_1 = require("node:worker_threads");
const server_1 = require("../../ingest/server");
const catalogueExamples_1 = require("../fixtures/catalogueExamples");
const eventually_1 = require("../support/eventually");
const ingestHarness_1 = require("../support/ingestHarness");
const testDatabase_1 = require("../support/testDatabase");
/**
 * A client on a thread of its own: posts `body` to `url` and answers the
 * status and when (epoch ms) the answer was read, so the main thread can be
 * kept busy meanwhile.
 */
function postFromAnotherThread(url, body) {
    const worker = new node_worker_threads_1.Worker(`const { parentPort, workerData } = require('node:worker_threads');
     fetch(workerData.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: workerData.body })
       .then(async (response) => {
         const text = await response.text();
         parentPort.postMessage({ status: response.status, answeredAt: performance.timeOrigin + performance.now(), text });
       })
       .catch((error) => parentPort.postMessage({ error: String(error) }));`, { eval: true, workerData: { url, body } });
    return new Promise((resolve, reject) => {
        worker.once('message', (message) => {
            void worker.terminate();
            if ('error' in message)
                reject(new Error(message.error));
            else
                resolve(message);
        });
        worker.once('error', reject);
    });
}
/** Keeps this thread's event loop from running for `ms`. */
function busy(ms) {
    const until = Date.now() + ms;
    while (Date.now() < until)
        ;
}
(0, node_test_1.describe)('the ingest thread', () => {
    let h;
    (0, node_test_1.before)(async () => (h = await (0, ingestHarness_1.startIngestHarness)()));
    (0, node_test_1.after)(() => h?.close());
    (0, node_test_1.it)('should store and answer a request while the main thread is busy', async () => {
        // Warm: the client thread's fetch and the ingest thread's first statement are not what is measured.
        const warm = await postFromAnotherThread(`${h.baseUrl}/events`, JSON.stringify([(0, catalogueExamples_1.envelopeOf)((0, catalogueExamples_1.exampleOf)('ps.billing.invoice.sent'), { id: 'thread-0' })]));
        strict_1.default.equal(warm.status, 202);
        const answer = postFromAnotherThread(`${h.baseUrl}/events`, JSON.stringify([(0, catalogueExamples_1.envelopeOf)((0, catalogueExamples_1.exampleOf)('ps.billing.invoice.sent'), { id: 'thread-1' })]));
        const busyFrom = Date.now();
        busy(3000);
        const busyUntil = Date.now();
        const { status, answeredAt, text } = await answer;
        strict_1.default.equal(status, 202);
        strict_1.default.equal(JSON.parse(text).accepted, 1);
        strict_1.default.ok(answeredAt < busyUntil, `expected the answer while the main thread was busy (${busyFrom}–${busyUntil}), got it at ${Math.round(answeredAt)}`);
        const { rows } = await h.db.pool.query(`SELECT event_id FROM hub.event_log WHERE event_id = 'thread-1'`);
        strict_1.default.equal(rows.length, 1);
    });
    (0, node_test_1.it)('should report the group commit\'s counts to the main thread', async () => {
        const before = h.server.groupCommitStats();
        const answer = await h.post([(0, catalogueExamples_1.envelopeOf)((0, catalogueExamples_1.exampleOf)('ps.billing.invoice.sent'), { id: 'thread-2' })]);
        strict_1.default.equal(answer.status, 202);
        const after = h.server.groupCommitStats();
        strict_1.default.deepEqual(after, { ...before, requests: before.requests + 1, transactions: before.transactions + 1, waiting: 0 });
    });
});
(0, node_test_1.describe)('when the ingest thread stops unexpectedly', () => {
    (0, node_test_1.it)('should log it and serve the same port from a new thread', async () => {
        const db = await (0, testDatabase_1.createTestDatabase)();
        const marker = node_path_1.default.join(node_os_1.default.tmpdir(), `ingest-thread-stop-${process.pid}-${Date.now()}`);
        node_fs_1.default.writeFileSync(marker, '');
        process.env.INGEST_THREAD_STOP_MARKER = marker;
        const errors = [];
        const log = { debug: () => undefined, warn: () => undefined, error: (message) => errors.push(message) };
        try {
            const server = await (0, server_1.startIngestServer)({ pool: db.pool, host: '127.0.0.1', port: 0, log }, node_path_1.default.join(__dirname, '../fixtures/ingestThreadThatStops.js'));
            try {
                await (0, eventually_1.eventually)('the first thread stopped', () => errors.length > 0);
                strict_1.default.match(errors[0], new RegExp(`the ingest thread stopped \\(exit code 1\\); starting a new one on port ${server.port}`));
                let answer;
                await (0, eventually_1.eventually)('a new thread answering on the same port', async () => {
                    answer = await fetch(`http://127.0.0.1:${server.port}/events`, {
                        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([(0, catalogueExamples_1.envelopeOf)((0, catalogueExamples_1.exampleOf)('ps.billing.invoice.sent'), { id: 'after-stop-1' })]),
                    }).catch(() => undefined);
                    return answer !== undefined;
                });
                strict_1.default.equal(answer.status, 202);
                strict_1.default.equal((await answer.json()).accepted, 1);
                strict_1.default.equal(node_fs_1.default.existsSync(marker), false, 'the first thread took the marker');
                strict_1.default.equal(errors.length, 1, errors.join('\n'));
            }
            finally {
                await server.close();
            }
        }
        finally {
            delete process.env.INGEST_THREAD_STOP_MARKER;
            node_fs_1.default.rmSync(marker, { force: true });
            await db.drop();
        }
    });
});
//# sourceMappingURL=ingest.thread.int.test.js.map