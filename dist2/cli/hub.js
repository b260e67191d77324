"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.startHub = startHub;
const auditRetention_1 = require("../access/auditRetention");
const database_1 = require("../db/database");
const dataSource_1 = require("../db/dataSource");
const url_1 = require("../db/url");
const server_1 = require("../ingest/server");
const gateway_1 = require("../gateway/gateway");
const threadRunner_1 = require("../listeners/threadRunner");
const liveExtension_1 = require("../live/liveExtension");
const reportsExtension_1 = require("../reporting/reportsExtension");
const changeFeedRetention_1 = require("../live/changeFeedRetention");
const checkpoint_1 = require("../hub/checkpoint");
const subgraphs_1 = require("../subgraphs");
const doors_1 = require("./doors");
const metrics_1 = require("../observability/metrics");
const hubMetrics_1 = require("../observability/hubMetrics");
const readinessChecks_1 = require("../observability/readinessChecks");
async function startHub(config, log, options = {}) {
    const stops = [];
    // Ctrl-C reaches the embedded Postgres too, which may end our connections
    // (57P01 admin_shutdown) a moment before we start stopping: expected, no stack trace.
    let stopping = false;
    const reportError = (message) => {
        if (stopping)
            log.debug(`while stopping: ${message}`);
        else if (message.includes('terminating connection due to administrator command'))
            log.warn(`${message.split('\n')[0]} (Postgres is shutting down)`);
        else
            log.error(message);
    };
    const stopAll = async () => {
        stopping = true;
        for (const stop of stops.reverse())
            await stop().catch((error) => log.error(`while stopping: ${String(error)}`));
    };
    try {
        const database = await (0, database_1.openDatabase)(config, { onLog: (message) => log.debug(`postgres: ${message}`) });
        stops.push(() => database.stop());
        log.info(`postgres ${database.embedded ? `embedded under ${config.dataDir}` : 'from DATABASE_URL'}: ${(0, url_1.redact)(database.url)}`);
        const applied = await (0, dataSource_1.migrate)(database.url);
        if (applied.length > 0)
            log.info(`migrations applied: ${applied.join(', ')}`);
        const pool = (0, dataSource_1.createPool)(database.url, { max: 10 });
        stops.push(() => pool.end());
        // Counted from the batch messages the listeners' thread posts anyway: nothing more on its hot path.
        let appliedEvents = 0;
        // On a thread of its own: ingest and the projector each get an event loop (listeners/threadRunner.ts).
        const listeners = await (0, threadRunner_1.startListenersThread)({
            databaseUrl: database.url, batchSize: config.listener.batchSize, pollMs: config.listener.pollMs, catchUpEvents: config.listener.catchUpEvents,
            onBatch: (batch) => {
                appliedEvents += batch.applied + batch.exceptions;
                log.debug(`listeners: applied ${batch.applied}, exceptions ${batch.exceptions}, stale ${batch.stale} up to position ${batch.checkpoint}`);
            },
            onError: (error) => reportError(`listeners: ${error instanceof Error ? (stopping ? error.message : error.stack ?? error.message) : String(error)}`),
        });
        stops.push(() => listeners.stop());
        // The hub runs the listeners that write the change feed, so it is the one process that prunes it.
        const retention = (0, changeFeedRetention_1.startChangeFeedRetention)({
            pool, retentionHours: config.changeFeedRetentionHours,
            onPruned: (pruned) => log.debug(`change feed: ${pruned.deleted} rows older than ${config.changeFeedRetentionHours} h pruned`),
            onError: (error) => reportError(`change feed retention: ${error instanceof Error ? error.message : String(error)}`),
        });
        stops.push(() => retention.stop());
        // The audit log grows by a row per ingest request and refusal: bounded like the change feed.
        const auditRetention = (0, auditRetention_1.startAuditRetention)({
            pool, retentionDays: config.auditRetentionDays,
            onPruned: (pruned) => log.debug(`audit log: ${pruned.deleted} rows older than ${config.auditRetentionDays} days pruned`),
            onError: (error) => reportError(`audit log retention: ${error instanceof Error ? error.message : String(error)}`),
        });
        stops.push(() => auditRetention.stop());
        const opened = await (0, doors_1.openDoors)(config, pool, log);
        stops.push(() => opened.close());
        // The hub's metrics and readiness, served on the ingest port (the ingest thread asks this thread for them).
        const readiness = [(0, readinessChecks_1.databaseCheck)(pool), (0, readinessChecks_1.listenersCheck)(listeners)];
        const hubRegistry = (0, metrics_1.createRegistry)();
        let ingestOutcomes = () => ({ accepted: 0, duplicate: 0, rejected: 0 });
        (0, hubMetrics_1.registerHubMetrics)(hubRegistry, { pool, counts: { outcomes: () => ingestOutcomes(), applied: () => appliedEvents } });
        // Ingest hands what it commits to the listeners' thread, which then need not read it back.
        // It verifies tokens on its own thread, with the same settings.
        const ingest = await (0, server_1.startIngestServer)({
            pool, host: config.host, port: config.ports.ingest, committedEvents: () => listeners.committedEventsPort(),
            operations: { readiness, metrics: hubRegistry }, access: config.access,
            serverLimits: config.limits, commitTimeoutMs: config.limits.ingestCommitTimeoutMs, readTimeoutMs: config.limits.readTimeoutMs,
        });
        ingestOutcomes = () => ingest.outcomes();
        stops.push(() => ingest.close());
        const ingestUrl = `http://${config.host}:${ingest.port}`;
        let gateway;
        if (options.gateway !== false) {
            // Queries get a pool of their own, so a burst of reads cannot starve ingest and listeners.
            // A read Postgres cannot finish in time is cancelled by Postgres itself (docs/limits.md).
            const readPool = (0, dataSource_1.createPool)(database.url, { max: 10, statement_timeout: config.limits.readTimeoutMs });
            stops.push(() => readPool.end());
            const subgraphs = await (0, subgraphs_1.createSubgraphs)({ pool: readPool });
            gateway = await (0, gateway_1.startGateway)({
                subgraphs, host: config.host, port: config.ports.gateway, log, maxBodyBytes: config.limits.graphqlBodyBytes,
                executionTimeoutMs: config.limits.executionTimeoutMs, serverLimits: config.limits, doors: opened.doors, registry: (0, metrics_1.createRegistry)(), readiness,
                responseCache: config.responseCacheMb > 0
                    ? { position: (0, checkpoint_1.readModelPosition)(readPool), maxBytes: config.responseCacheMb * 1024 * 1024, volatileFields: subgraphs_1.VOLATILE_FIELDS }
                    : undefined,
                extensions: [
                    (0, liveExtension_1.liveExtension)({ pool: readPool, databaseUrl: database.url, pollMs: config.listener.pollMs, log: { error: reportError }, limits: config.limits }),
                    (0, reportsExtension_1.reportsExtension)({ position: (0, checkpoint_1.readModelPosition)(readPool) }),
                ],
            });
            const started = gateway;
            stops.push(() => started.close());
            log.info(`gateway: supergraph of ${subgraphs.map((s) => s.name).join(', ')} (in process) at ${gateway.url}`);
        }
        return { databaseUrl: database.url, ingestUrl, pool, listeners, gateway, stop: stopAll };
    }
    catch (error) {
        await stopAll();
        throw error;
    }
}
//# sourceMappingURL=hub.js.map