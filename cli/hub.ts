/**
 * The running hub: Postgres (embedded or DATABASE_URL), migrations, ingest,
 * listeners and (unless asked not to) the federated GraphQL gateway with the
 * four subgraphs in process, subscriptions and the live page, started in order
 * and stopped in reverse. The GraphQL side runs in a supervised process of
 * its own (`gatewayIn: 'child'`, what `servicegraph start` does: a gateway
 * out of memory or stuck is restarted, ingest and the listeners untouched),
 * or in this process (`'process'`, for tests and embedding).
 */
import type { Pool } from 'pg';
import { startAuditRetention } from '../access/auditRetention';
import type { Config } from '../config/config';
import { openDatabase, type Database } from '../db/database';
import { createPool, migrate } from '../db/dataSource';
import { redact } from '../db/url';
import { startRejectedRetention } from '../ingest/rejectedRetention';
import { startIngestServer } from '../ingest/server';
import type { RunningGateway } from '../gateway/gateway';
import type { ListenerRunner } from '../listeners/runner';
import { startListenersThread } from '../listeners/threadRunner';
import { startChangeFeedRetention } from '../live/changeFeedRetention';
import { openDoors } from './doors';
import { errorReporter } from './errorReporter';
import { startGatewaySide } from './gatewaySide';
import { superviseGateway, type SupervisedGateway } from './gatewaySupervisor';
import type { Logger } from './logger';
import { createRegistry } from '../observability/metrics';
import { registerHubMetrics } from '../observability/hubMetrics';
import { databaseCheck, listenersCheck } from '../observability/readinessChecks';
import { operationsEndpoints, type ReadinessCheck } from '../observability/probes';

export interface RunningHub {
  readonly databaseUrl: string;
  readonly ingestUrl: string;
  readonly pool: Pool;
  readonly listeners: ListenerRunner;
  /** Where GraphQL is served and by whom; undefined with `{ gateway: false }`. */
  readonly graphql: { readonly url: string; readonly subgraphs: readonly string[]; readonly where: string } | undefined;
  /** The gateway in this process (`gatewayIn: 'process'`); else undefined. */
  readonly gateway: RunningGateway | undefined;
  /** The supervised gateway process (`gatewayIn: 'child'`); else undefined. */
  readonly gatewayProcess: SupervisedGateway | undefined;
  stop(): Promise<void>;
}

export interface HubOptions {
  /** Serve GraphQL (gateway + the four subgraphs in process) on GATEWAY_PORT; default true. */
  readonly gateway?: boolean;
  /**
   * `'child'`: in a supervised process of its own, restarted when it fails
   * (`servicegraph start`); `'process'` (the default): in this process.
   */
  readonly gatewayIn?: 'process' | 'child';
  /** The environment `config` was read from, which the gateway process reads its own from (default process.env). */
  readonly environment?: NodeJS.ProcessEnv;
}

export async function startHub(config: Config, log: Logger, options: HubOptions = {}): Promise<RunningHub> {
  const stops: (() => Promise<void>)[] = [];
  let stopping = false;
  const reportError = errorReporter(log, () => stopping);
  let stopped: Promise<void> | undefined;
  const stopAll = () => (stopped ??= (async () => {
    stopping = true;
    for (const stop of stops.reverse()) await stop().catch((error) => log.error(`while stopping: ${String(error)}`));
  })());
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
    const readiness: ReadinessCheck[] = [databaseCheck(pool), listenersCheck(listeners)];
    const hubRegistry = config.metrics ? createRegistry() : undefined;
    let ingestOutcomes = () => ({ accepted: 0, duplicate: 0, rejected: 0 });
    let restartsOfGateway = () => 0;
    if (hubRegistry) {
      registerHubMetrics(hubRegistry, { pool, readTimeoutMs: config.limits.readTimeoutMs, counts: { outcomes: () => ingestOutcomes(), applied: () => appliedEvents, gatewayRestarts: () => restartsOfGateway() } });
    }

    // Ingest hands what it commits to the listeners' thread, which then need not read it back.
    // It verifies tokens on its own thread, with the same settings.
    const ingest = await startIngestServer({
      pool, host: config.host, port: config.ports.ingest, log, logDebug: config.logLevel === 'debug', committedEvents: () => listeners.committedEventsPort(),
      operations: hubRegistry ? operationsEndpoints(hubRegistry, readiness) : { readiness }, access: config.access,
      serverLimits: config.limits, commitTimeoutMs: config.limits.ingestCommitTimeoutMs, readTimeoutMs: config.limits.readTimeoutMs,
    });
    ingestOutcomes = () => ingest.outcomes();
    stops.push(() => ingest.close());
    const ingestUrl = `http://${config.host}:${ingest.port}`;

    let gateway: RunningGateway | undefined;
    let gatewayProcess: SupervisedGateway | undefined;
    let graphql: RunningHub['graphql'];
    if (options.gateway !== false && options.gatewayIn === 'child') {
      // Not ready until the gateway process first serves: the ingest port answers /readyz while it starts.
      let gatewayReadiness: ReadinessCheck = { name: 'gateway', check: async () => 'the gateway process is starting' };
      readiness.push({ name: 'gateway', check: () => gatewayReadiness.check() });
      const supervised = await superviseGateway({
        databaseUrl: database.url, heapMb: config.limits.gatewayHeapMb, stallMs: config.limits.gatewayStallMs, port: config.ports.gateway, listeners, log,
        environment: options.environment ?? process.env,
      });
      gatewayProcess = supervised;
      stops.push(() => supervised.stop());
      // The ingest port tells an orchestrator when the gateway process is down or restarting.
      gatewayReadiness = supervised.readiness;
      restartsOfGateway = () => supervised.restarts();
      graphql = { url: supervised.url, subgraphs: supervised.subgraphs, where: `in the gateway process (pid ${supervised.pid()}, restarted by the hub when it fails)` };
      log.info(`gateway: supergraph of ${supervised.subgraphs.join(', ')} in the gateway process (pid ${supervised.pid()}) at ${supervised.url}`);
    } else if (options.gateway !== false) {
      const side = await startGatewaySide({ config, databaseUrl: database.url, doors: opened.doors, readiness, reportError, log });
      gateway = side.gateway;
      stops.push(() => side.stop());
      graphql = { url: gateway.url, subgraphs: gateway.subgraphs.map((s) => s.name), where: 'in this process' };
      log.info(`gateway: supergraph of ${graphql.subgraphs.join(', ')} (in process) at ${gateway.url}`);
    }

    return { databaseUrl: database.url, ingestUrl, pool, listeners, graphql, gateway, gatewayProcess, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
