"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.inspect = inspect;
exports.workerSession = workerSession;
exports.memoryAfterGc = memoryAfterGc;
exports.startEventLoopDelay = startEventLoopDelay;
/** A minimal Chrome DevTools Protocol session with a child process's inspector (bench/childProcess.ts starts each with one). */
const ws_1 = __importDefault(require("ws"));
/**
 * The protocol of one session over any transport: `send` carries a message
 * out, `receive` takes one in; answers are matched to calls by id, and events
 * go to their listeners.
 */
function protocolSession(send) {
    let nextId = 1;
    const pending = new Map();
    const listeners = new Map();
    return {
        call: (method, params = {}) => new Promise((resolve, reject) => {
            const id = nextId++;
            pending.set(id, { resolve, reject });
            send(JSON.stringify({ id, method, params }));
        }),
        on: (method, listener) => listeners.set(method, [...(listeners.get(method) ?? []), listener]),
        receive(text) {
            const message = JSON.parse(text);
            if (message.id === undefined) {
                for (const listener of listeners.get(message.method ?? '') ?? [])
                    listener(message.params);
                return;
            }
            const waiter = pending.get(message.id);
            pending.delete(message.id);
            if (message.error)
                waiter?.reject(new Error(message.error.message));
            else
                waiter?.resolve(message.result);
        },
    };
}
async function inspect(inspectorUrl) {
    const socket = new ws_1.default(inspectorUrl);
    await new Promise((resolve, reject) => { socket.once('open', () => resolve()); socket.once('error', reject); });
    const { receive, ...session } = protocolSession((text) => socket.send(text));
    socket.on('message', (data) => receive(data.toString()));
    return {
        ...session,
        // Closed before the child is stopped: an attached session would keep it waiting at exit.
        close: () => new Promise((resolve) => { socket.once('close', () => resolve()); socket.close(); }),
    };
}
/**
 * A session with one worker thread of the process behind `parent` (attached
 * through the NodeWorker domain): its messages travel inside the parent's.
 */
function workerSession(parent, sessionId) {
    const { receive, ...session } = protocolSession((message) => {
        parent.call('NodeWorker.sendMessageToWorker', { sessionId, message }).catch(() => undefined);
    });
    parent.on('NodeWorker.receivedMessageFromWorker', (params) => {
        if (params.sessionId === sessionId)
            receive(params.message);
    });
    return session;
}
/** The child's memory after a full garbage collection: RSS and V8 heap used, bytes. */
async function memoryAfterGc(inspectorUrl) {
    const session = await inspect(inspectorUrl);
    try {
        await session.call('HeapProfiler.collectGarbage');
        await session.call('HeapProfiler.collectGarbage');
        const { result } = await session.call('Runtime.evaluate', {
            expression: '(() => { const m = process.memoryUsage(); return { rss: m.rss, heapUsed: m.heapUsed }; })()', returnByValue: true,
        });
        return result.value;
    }
    finally {
        await session.close();
    }
}
/**
 * Starts measuring the child's event-loop delay (perf_hooks.monitorEventLoopDelay,
 * 10 ms resolution): how long ready work waited because the loop was busy.
 * The returned function stops it and gives p50/p99/max in ms.
 */
async function startEventLoopDelay(inspectorUrl) {
    const session = await inspect(inspectorUrl);
    await session.call('Runtime.evaluate', {
        expression: `globalThis.__benchEld = process.mainModule.require('node:perf_hooks').monitorEventLoopDelay({ resolution: 10 }); globalThis.__benchEld.enable(); true`,
    });
    await session.close();
    return async () => {
        const again = await inspect(inspectorUrl);
        try {
            const { result } = await again.call('Runtime.evaluate', {
                expression: `(() => { const h = globalThis.__benchEld; h.disable(); return { p50: h.percentile(50) / 1e6, p99: h.percentile(99) / 1e6, max: h.max / 1e6 }; })()`,
                returnByValue: true,
            });
            return result.value;
        }
        finally {
            await again.close();
        }
    };
}
//# sourceMappingURL=inspector.js.map