/**
 * The running hub: Postgres (embedded or DATABASE_URL), migrations, ingest,
 * listeners and (unless asked not to) the federated GraphQL gateway with the
 * four subgraphs in process, subscriptions and the live page, started in order
 * and stopped in reverse.
 */
import type { Pool } from 'pg';
import { startAuditRetention } from '../access/auditRetention';
import type { Config } from '../config/config';
import { openDatabase, type Database } from '../db/database';
import { createPool, migrate } from '../db/dataSource';
import { redact } from '../db/url';
import { startRejectedRetention } from '../ingest/rejectedRetention';
import { startIngestServer } from '../ingest/server';
import { startGateway, type RunningGateway } from '../gateway/gateway';
import type { ListenerRunner } from '../listeners/runner';
import { startListenersThread } from '../listeners/threadRunner';
import { liveExtension } from '../live/liveExtension';
import { reportsExtension } from '../reporting/reportsExtension';
import { startChangeFeedRetention } from '../live/changeFeedRetention';
import { readModelPosition } from '../hub/checkpoint';
import { createSubgraphs, VOLATILE_FIELDS } from '../subgraphs';
import { openDoors } from './doors';
import type { Logger } from './logger';
import { createRegistry } from '../observability/metrics';
import { registerHubMetrics } from '../observability/hubMetrics';
import { databaseCheck, listenersCheck } from '../observability/readinessChecks';
import { operationsEndpoints } from '../observability/probes';

export interface RunningHub {
  readonly databaseUrl: string;
  readonly ingestUrl: string;
  readonly pool: Pool;
  readonly listeners: ListenerRunner;
  /** The gateway (subgraphs in process); undefined with `{ gateway: false }`. */
  readonly gateway: RunningGateway | undefined;
  stop(): Promise<void>;
}

export interface HubOptions {
  /** Serve GraphQL (gateway + the four subgraphs in process) on GATEWAY_PORT; default true. */
  readonly gateway?: boolean;
}

export async function startHub(config: Config, log: Logger, options: HubOptions = {}): Promise<RunningHub> {
  const stops: (() => Promise<void>)[] = [];
  // Ctrl-C reaches the embedded Postgres too, which may end our connections
  // (57P01 admin_shutdown) a moment before we start stopping: expected, no stack trace.
  let stopping = false;
  const reportError = (message: string) => {
    if (stopping) log.debug(`while stopping: ${message}`);
    else if (message.includes('terminating connection due to administrator command')) log.warn(`${message.split('\n')[0]} (Postgres is shutting down)`);
    else log.error(message);
  };
  const stopAll = async () => {
    stopping = true;
    for (const stop of stops.reverse()) await stop().catch((error) => log.error(`while stopping: ${String(error)}`));
  };
  try {
    const database: Database = await openDatabase(config, { onLog: (message) => log.debug(`postgres: ${message}`) });
    stops.push(() => database.stop());
    log.info(`postgres ${database.embedded ? `embedded under ${config.dataDir}` : 'from DATABASE_URL'}: ${redact(database.url)}`);

    const applied = await migrate(database.url);
    if (applied.length > 0) log.info(`migrations applied: ${applied.join(', ')}`);

    const pool = createPool(database.url, { max: 10 });
    stops.push(() => pool.end());

    // Counted from the batch messages the listeners' thread posts anyway: nothing more on its hot path.
    let appliedEvents = 0;
    // On a thread of its own: ingest and the projector each get an event loop (listeners/threadRunner.ts).
    const listeners = await startListenersThread({
      databaseUrl: database.url, batchSize: config.listener.batchSize, pollMs: config.listener.pollMs, catchUpEvents: config.listener.catchUpEvents,
      onBatch: (batch) => {
        appliedEvents += batch.applied + batch.exceptions;
        log.debug(`listeners: applied ${batch.applied}, exceptions ${batch.exceptions}, stale ${batch.stale} up to position ${batch.checkpoint}`);
      },
      onError: (error) => reportError(`listeners: ${error instanceof Error ? (stopping ? error.message : error.stack ?? error.message) : String(error)}`),
    });
    stops.push(() => listeners.stop());

    // The hub runs the listeners that write the change feed, so it is the one process that prunes it.
    const retention = startChangeFeedRetention({
      pool, retentionHours: config.changeFeedRetentionHours,
      onPruned: (pruned) => log.debug(`change feed: ${pruned.deleted} rows older than ${config.changeFeedRetentionHours} h pruned`),
      onError: (error) => reportError(`change feed retention: ${error instanceof Error ? error.message : String(error)}`),
    });
    stops.push(() => retention.stop());

    // The audit log grows by a row per ingest request and refusal: bounded like the change feed.
    const auditRetention = startAuditRetention({
      pool, retentionDays: config.auditRetentionDays,
      onPruned: (pruned) => log.debug(`audit log: ${pruned.deleted} rows older than ${config.auditRetentionDays} days pruned`),
      onError: (error) => reportError(`audit log retention: ${error instanceof Error ? error.message : String(error)}`),
    });
    stops.push(() => auditRetention.stop());
    // Junk that differs event by event is not merely counted: the rejected events are bounded by age and number.
    const rejectedRetention = startRejectedRetention({
      pool, retentionDays: config.limits.rejectedRetentionDays, maxRows: config.limits.rejectedMaxRows,
      onPruned: (pruned) => log.debug(`rejected events: ${pruned.deleted} rows pruned`),
      onError: (error) => reportError(`rejected events retention: ${error instanceof Error ? error.message : String(error)}`),
    });
    stops.push(() => rejectedRetention.stop());
    const opened = await openDoors(config, pool, log);
    stops.push(() => opened.close());

    // The hub's metrics and readiness, served on the ingest port (the ingest thread asks this thread for them).
    const readiness = [databaseCheck(pool), listenersCheck(listeners)];
    const hubRegistry = config.metrics ? createRegistry() : undefined;
    let ingestOutcomes = () => ({ accepted: 0, duplicate: 0, rejected: 0 });
    if (hubRegistry) registerHubMetrics(hubRegistry, { pool, counts: { outcomes: () => ingestOutcomes(), applied: () => appliedEvents } });

    // Ingest hands what it commits to the listeners' thread, which then need not read it back.
    // It verifies tokens on its own thread, with the same settings.
    const ingest = await startIngestServer({
      pool, host: config.host, port: config.ports.ingest, committedEvents: () => listeners.committedEventsPort(),
      operations: hubRegistry ? operationsEndpoints(hubRegistry, readiness) : { readiness }, access: config.access,
      serverLimits: config.limits, commitTimeoutMs: config.limits.ingestCommitTimeoutMs, readTimeoutMs: config.limits.readTimeoutMs,
    });
    ingestOutcomes = () => ingest.outcomes();
    stops.push(() => ingest.close());
    const ingestUrl = `http://${config.host}:${ingest.port}`;

    let gateway: RunningGateway | undefined;
    if (options.gateway !== false) {
      // Queries get a pool of their own, so a burst of reads cannot starve ingest and listeners.
      // A read Postgres cannot finish in time is cancelled by Postgres itself (docs/limits.md).
      const readPool = createPool(database.url, { max: 10, statement_timeout: config.limits.readTimeoutMs });
      stops.push(() => readPool.end());
      const subgraphs = await createSubgraphs({ pool: readPool });
      gateway = await startGateway({
        subgraphs, host: config.host, port: config.ports.gateway, log, maxBodyBytes: config.limits.graphqlBodyBytes,
        executionTimeoutMs: config.limits.executionTimeoutMs, serverLimits: config.limits, operationLimits: config.limits, doors: opened.doors, registry: config.metrics ? createRegistry() : undefined, readiness,
        responseCache: config.responseCacheMb > 0
          ? { position: readModelPosition(readPool), maxBytes: config.responseCacheMb * 1024 * 1024, volatileFields: VOLATILE_FIELDS }
          : undefined,
        extensions: [
          liveExtension({ pool: readPool, databaseUrl: database.url, pollMs: config.listener.pollMs, log: { error: reportError }, limits: config.limits }),
          reportsExtension({ position: readModelPosition(readPool) }),
        ],
      });
      const started = gateway;
      stops.push(() => started.close());
      log.info(`gateway: supergraph of ${subgraphs.map((s) => s.name).join(', ')} (in process) at ${gateway.url}`);
    }

    return { databaseUrl: database.url, ingestUrl, pool, listeners, gateway, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
