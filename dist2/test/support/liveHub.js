"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.startLiveHub = startLiveHub;
const gateway_1 = require("../../gateway/gateway");
const server_1 = require("../../ingest/server");
const status_1 = require("../../hub/status");
const runner_1 = require("../../listeners/runner");
const liveExtension_1 = require("../../live/liveExtension");
const subgraphs_1 = require("../../subgraphs");
const testDatabase_1 = require("./testDatabase");
async function startLiveHub(options = {}) {
    const db = await (0, testDatabase_1.createTestDatabase)();
    let ingest;
    let listeners;
    let gateway;
    let live;
    const close = async () => {
        await gateway?.close();
        await listeners?.stop();
        await ingest?.close();
        await db.drop();
    };
    try {
        ingest = await (0, server_1.startIngestServer)({ pool: db.pool, host: '127.0.0.1', port: 0 });
        listeners = await (0, runner_1.startListeners)({ pool: db.pool, databaseUrl: db.url, batchSize: 200, pollMs: 20 });
        const subgraphs = await (0, subgraphs_1.createSubgraphs)({ pool: db.pool });
        const makeLive = (0, liveExtension_1.liveExtension)({ pool: db.pool, databaseUrl: db.url, pollMs: 50, queueCapacity: options.queueCapacity, keepAliveMs: options.keepAliveMs,
            limits: options.limits,
        });
        gateway = await (0, gateway_1.startGateway)({
            subgraphs, host: '127.0.0.1', port: 0, executionTimeoutMs: options.limits?.executionTimeoutMs,
            serverLimits: options.limits,
            extensions: [async (core) => (live = await makeLive(core))],
        });
        const runningListeners = listeners;
        return {
            db, gateway, live: live, ingestUrl: `http://127.0.0.1:${ingest.port}/events`,
            wsUrl: gateway.url.replace(/^http/, 'ws'),
            async settled() {
                for (;;) {
                    const status = await (0, status_1.readIngestStatus)(db.pool);
                    if (status.pending === 0)
                        break;
                    await runningListeners.caughtUp();
                }
                await live.feed.caughtUp();
            },
            close,
        };
    }
    catch (error) {
        await close();
        throw error;
    }
}
//# sourceMappingURL=liveHub.js.map