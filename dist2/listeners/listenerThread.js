"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * The worker side of {@link startListenersThread}: runs the listener runner
 * (its own pipelined connections, its own LISTEN) and answers the hub's
 * thread by messages. Not imported; loaded as a worker's script.
 */
const node_worker_threads_1 = require("node:worker_threads");
const logTail_1 = require("../hub/logTail");
const runner_1 = require("./runner");
const port = node_worker_threads_1.parentPort;
const post = (message) => port.postMessage(message);
const errorMessage = (error) => error instanceof Error
    ? { message: error.message, stack: error.stack }
    : { message: String(error) };
async function main() {
    const data = node_worker_threads_1.workerData;
    const tail = new logTail_1.LogTail();
    const runner = await (0, runner_1.startListeners)({
        databaseUrl: data.databaseUrl, batchSize: data.batchSize, pollMs: data.pollMs, catchUpEvents: data.catchUpEvents, tail,
        onBatch: data.reportBatches ? (result) => post({ kind: 'batch', result }) : undefined,
        onError: (error) => post({ kind: 'error', error: errorMessage(error) }),
    });
    const committedPorts = new Set();
    port.on('message', (message) => {
        switch (message.kind) {
            case 'caughtUp':
                void runner.caughtUp().then(() => post({ kind: 'caughtUp', id: message.id }));
                break;
            case 'committedEvents': {
                const committed = message.port;
                committedPorts.add(committed);
                committed.on('message', (events) => tail.add(events));
                // The ingest thread ended (closed, or stopped and replaced by one with a port of its own).
                committed.once('close', () => committedPorts.delete(committed));
                break;
            }
            case 'stop':
                void runner.stop().then(() => {
                    for (const committed of committedPorts)
                        committed.close();
                    post({ kind: 'stopped' });
                });
                break;
        }
    });
    post({ kind: 'ready' });
}
main().catch((error) => post({ kind: 'failed', error: errorMessage(error) }));
//# sourceMappingURL=listenerThread.js.map