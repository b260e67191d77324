"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.startListeners = startListeners;
/**
 * Keeps the read model current: applies batches while the log has events,
 * then sleeps until ingest's NOTIFY (or a poll interval, so a missed
 * notification only delays, never loses).
 */
const pg_1 = require("pg");
const dataSource_1 = require("../db/dataSource");
const channels_1 = require("../hub/channels");
const projector_1 = require("./projector");
async function startListeners(options) {
    const ownPool = options.pool ? undefined : (0, dataSource_1.createPool)(options.databaseUrl, { max: 3, pipeline: true });
    const projector = new projector_1.Projector(options.pool ?? ownPool, {
        batchSize: options.batchSize, eventsPerTransaction: options.catchUpEvents, tail: options.tail,
    });
    const pollMs = options.pollMs ?? 200;
    let running = true;
    let wake;
    let idleWaiters = [];
    let pendingWake = false;
    const wakeUp = () => {
        pendingWake = true;
        wake?.();
    };
    // Handed-over events wake the runner as a notification does (which follows them, by Postgres).
    options.tail?.onAdded(wakeUp);
    const listener = new pg_1.Client({ connectionString: options.databaseUrl });
    try {
        await listener.connect();
        listener.on('notification', wakeUp);
        listener.on('error', (error) => options.onError?.(error));
        await listener.query(`LISTEN ${channels_1.EVENTS_CHANNEL}`);
    }
    catch (error) {
        await listener.end().catch(() => undefined);
        await ownPool?.end();
        throw error;
    }
    const loop = (async () => {
        while (running) {
            try {
                pendingWake = false;
                // Takes what the log has, batch after batch (each decided while the one before commits), never waiting to fill one.
                await projector.applyAvailable(options.onBatch, () => running);
                if (!running)
                    break;
                const waiters = idleWaiters;
                idleWaiters = [];
                for (const resolve of waiters)
                    resolve();
            }
            catch (error) {
                options.onError?.(error);
                await sleep(1000, () => running);
                continue;
            }
            if (!running || pendingWake)
                continue;
            await new Promise((resolve) => {
                const timer = setTimeout(resolve, pollMs);
                wake = () => { clearTimeout(timer); resolve(); };
            });
            wake = undefined;
        }
    })();
    return {
        caughtUp: () => new Promise((resolve) => { idleWaiters.push(resolve); wakeUp(); }),
        async stop() {
            running = false;
            wake?.();
            await loop;
            for (const resolve of idleWaiters)
                resolve();
            await listener.end().catch(() => undefined);
            await ownPool?.end();
        },
    };
}
function sleep(ms, stillRunning) {
    return new Promise((resolve) => {
        const timer = setTimeout(resolve, ms);
        if (!stillRunning()) {
            clearTimeout(timer);
            resolve();
        }
    });
}
//# sourceMappingURL=runner.js.map