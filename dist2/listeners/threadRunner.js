"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.startListenersThread = startListenersThread;
/**
 * The listener runner on a thread of its own (a worker), for the hub: ingest
 * and the projector then no longer take turns on one event loop, each
 * deciding, parsing and serializing on its own core while Postgres works. The
 * worker keeps its own connections (the runner's pipelined pool and LISTEN);
 * everything it commits is as crash-safe as on the main thread, since the
 * batch's transaction is the unit either way.
 */
const node_path_1 = __importDefault(require("node:path"));
const node_worker_threads_1 = require("node:worker_threads");
function errorOf({ message, stack }) {
    const error = new Error(message);
    if (stack)
        error.stack = stack;
    return error;
}
function startListenersThread(options) {
    const data = {
        databaseUrl: options.databaseUrl, batchSize: options.batchSize, pollMs: options.pollMs, catchUpEvents: options.catchUpEvents, reportBatches: options.onBatch !== undefined,
    };
    const worker = new node_worker_threads_1.Worker(node_path_1.default.join(__dirname, 'listenerThread.js'), { workerData: data });
    const send = (message) => worker.postMessage(message);
    const caughtUpWaiters = new Map();
    let nextId = 0;
    let stopped;
    let exited = false;
    let exitReason;
    return new Promise((resolve, reject) => {
        worker.on('message', (message) => {
            switch (message.kind) {
                case 'ready':
                    resolve(runner);
                    break;
                case 'failed':
                    reject(errorOf(message.error));
                    void worker.terminate();
                    break;
                case 'batch':
                    options.onBatch?.(message.result);
                    break;
                case 'error':
                    options.onError?.(errorOf(message.error));
                    break;
                case 'caughtUp':
                    caughtUpWaiters.get(message.id)?.();
                    caughtUpWaiters.delete(message.id);
                    break;
                case 'stopped':
                    stopped?.();
                    break;
            }
        });
        worker.on('error', (error) => {
            options.onError?.(error);
            reject(error);
        });
        worker.on('exit', (code) => {
            exited = true;
            exitReason = stopped !== undefined ? 'the listeners were stopped' : `the listener thread exited with code ${code}`;
            // Nothing more will come: whoever waits is let go (as `stop` does for the in-thread runner).
            for (const resolveWaiter of caughtUpWaiters.values())
                resolveWaiter();
            caughtUpWaiters.clear();
            const expected = stopped !== undefined;
            stopped?.();
            if (code !== 0 && !expected) {
                const error = new Error(`the listener thread exited with code ${code}`);
                options.onError?.(error);
                reject(error);
            }
        });
        const runner = {
            notRunning: () => (exited ? exitReason : stopped !== undefined ? 'the listeners are stopping' : undefined),
            committedEventsPort() {
                const { port1, port2 } = new node_worker_threads_1.MessageChannel();
                worker.postMessage({ kind: 'committedEvents', port: port2 }, [port2]);
                return port1;
            },
            caughtUp: () => new Promise((resolveWaiter) => {
                if (exited)
                    return resolveWaiter();
                const id = nextId++;
                caughtUpWaiters.set(id, resolveWaiter);
                send({ kind: 'caughtUp', id });
            }),
            async stop() {
                if (exited)
                    return;
                await new Promise((resolveStop) => {
                    stopped = resolveStop;
                    send({ kind: 'stop' });
                });
                await worker.terminate();
            },
        };
    });
}
//# sourceMappingURL=threadRunner.js.map