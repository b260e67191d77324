"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.startIngestServer = startIngestServer;
const node_path_1 = __importDefault(require("node:path"));
const node_worker_threads_1 = require("node:worker_threads");
const limits_1 = require("../config/limits");
const httpRequest_1 = require("./httpRequest");
const probes_1 = require("../observability/probes");
const readinessChecks_1 = require("../observability/readinessChecks");
const threadMessages_1 = require("./threadMessages");
const THREAD_SCRIPT = node_path_1.default.join(__dirname, 'ingestThread.js');
/** Wait before starting a new thread after one stopped unexpectedly, so a thread that fails at once does not spin. */
const RESTART_DELAY_MS = 1000;
/** `threadScript`: the thread's compiled script; only tests give another (one that stops, to see it replaced). */
async function startIngestServer(options, threadScript = THREAD_SCRIPT) {
    const { connectionString, connectionTimeoutMillis } = options.pool.options;
    if (connectionString === undefined)
        throw new Error('startIngestServer: expected a pool made with a connectionString (the ingest thread opens its own connections with it)');
    const log = options.log;
    const stats = new BigInt64Array(new SharedArrayBuffer(threadMessages_1.STATS_FIELDS.length * BigInt64Array.BYTES_PER_ELEMENT));
    const outcomes = new BigInt64Array(new SharedArrayBuffer(threadMessages_1.OUTCOME_FIELDS.length * BigInt64Array.BYTES_PER_ELEMENT));
    const operations = options.operations ?? { readiness: [(0, readinessChecks_1.databaseCheck)(options.pool)] };
    let closing = false;
    let replacing;
    /** A thread serving `port`; resolves once it listens. */
    function startThread(port) {
        const committedEvents = options.committedEvents?.();
        const data = {
            connectionString: connectionString, connectionTimeoutMillis, host: options.host, port,
            limits: { ...httpRequest_1.DEFAULT_LIMITS, ...options.limits }, groupLimits: options.groupLimits,
            serverLimits: options.serverLimits ?? limits_1.DEFAULT_LIMITS,
            commitTimeoutMs: options.commitTimeoutMs ?? limits_1.DEFAULT_LIMITS.ingestCommitTimeoutMs,
            readTimeoutMs: options.readTimeoutMs ?? limits_1.DEFAULT_LIMITS.readTimeoutMs, logs: log !== undefined, stats: stats.buffer,
            committedEvents, outcomes: outcomes.buffer, access: options.access,
        };
        const worker = new node_worker_threads_1.Worker(threadScript, { workerData: data, transferList: committedEvents ? [committedEvents] : [] });
        const exited = new Promise((resolve) => worker.once('exit', () => resolve()));
        return new Promise((resolve, reject) => {
            let listeningOn;
            worker.on('message', (message) => {
                switch (message.kind) {
                    case 'listening':
                        listeningOn = message.port;
                        resolve({ worker, port: message.port, exited });
                        break;
                    case 'failed':
                        reject(Object.assign(new Error(message.message), { code: message.code }));
                        break;
                    case 'log':
                        log?.[message.level](message.message);
                        break;
                    case 'operations': {
                        const { id, path } = message;
                        void (0, probes_1.answerOperations)(path, operations)
                            .catch((error) => ({ status: 500, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: `${path} failed: ${error instanceof Error ? error.message : String(error)}` }))
                            .then((answer) => worker.postMessage({ kind: 'operationsAnswer', id, answer }));
                        break;
                    }
                    case 'closed':
                        if (message.failure !== undefined)
                            log?.warn(`ingest: while closing: ${message.failure}`);
                        // Nothing of the thread is needed any more; whatever might still keep its loop alive is not waited for.
                        void worker.terminate();
                        break;
                }
            });
            worker.on('error', (error) => {
                if (listeningOn === undefined)
                    reject(error);
                else
                    log?.error(`ingest: the ingest thread failed: ${error.stack ?? error.message}`);
            });
            worker.on('exit', (code) => {
                if (listeningOn === undefined)
                    return reject(new Error(`the ingest thread stopped before listening (exit code ${code})`));
                if (closing)
                    return;
                log?.error(`ingest: the ingest thread stopped (exit code ${code}); starting a new one on port ${listeningOn}`);
                replacing = replace(listeningOn);
            });
        });
    }
    /** New threads on the same port, a moment apart, until one listens or the server is closed. */
    async function replace(port) {
        for (;;) {
            await new Promise((resolve) => setTimeout(resolve, RESTART_DELAY_MS));
            if (closing)
                return;
            try {
                current = await startThread(port);
                return;
            }
            catch (error) {
                log?.error(`ingest: a new ingest thread failed to start (${error instanceof Error ? error.message : String(error)}); trying again`);
            }
        }
    }
    let current = await startThread(options.port);
    return {
        port: current.port,
        groupCommitStats() {
            // Read by the field order the thread writes them in (threadMessages.ts), not by repeating it here.
            return Object.fromEntries(threadMessages_1.STATS_FIELDS.map((field, i) => [field, Number(Atomics.load(stats, i))]));
        },
        outcomes() {
            return Object.fromEntries(threadMessages_1.OUTCOME_FIELDS.map((field, i) => [field, Number(Atomics.load(outcomes, i))]));
        },
        async close() {
            closing = true;
            // A thread being started in place of one that stopped is let finish starting, then closed like any.
            await replacing;
            const { worker, exited } = current;
            // The thread answers the requests under way, closes its connections and ends.
            worker.postMessage({ kind: 'close' });
            await exited;
        },
    };
}
//# sourceMappingURL=server.js.map