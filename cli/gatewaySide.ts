/**
 * The GraphQL side of `servicegraph start`: the federated gateway with the
 * four subgraphs in process, subscriptions and the live page, and reports,
 * on GATEWAY_PORT, reading the hub's database through a pool of its own.
 * Run in the hub's own process (tests, `startHub` with `gatewayIn:
 * 'process'`) or in the gateway process the hub supervises
 * (cli/gatewayProcess.ts).
 */
import type { Doors } from '../access/doors';
import type { Config } from '../config/config';
import { createPool } from '../db/dataSource';
import { startGateway, type GatewayLogger, type RunningGateway } from '../gateway/gateway';
import { readModelPosition } from '../hub/checkpoint';
import { liveExtension } from '../live/liveExtension';
import { createRegistry } from '../observability/metrics';
import type { ReadinessCheck } from '../observability/probes';
import { reportsExtension } from '../reporting/reportsExtension';
import { createSubgraphs, VOLATILE_FIELDS } from '../subgraphs';

export interface GatewaySideOptions {
  readonly config: Config;
  readonly databaseUrl: string;
  readonly doors: Doors;
  /** Checks of the gateway port's /readyz besides its supergraph. */
  readonly readiness: readonly ReadinessCheck[];
  /** Errors of the live feed (Postgres going away and the like). */
  readonly reportError: (message: string) => void;
  readonly log: GatewayLogger;
  /** The port to listen on (default the configuration's GATEWAY_PORT). */
  readonly port?: number;
}

export interface GatewaySide {
  readonly gateway: RunningGateway;
  /** Closes the gateway, then its pool. */
  stop(): Promise<void>;
}

export async function startGatewaySide(options: GatewaySideOptions): Promise<GatewaySide> {
  const { config, databaseUrl } = options;
  // Queries get a pool of their own, so a burst of reads cannot starve ingest and listeners.
  // A read Postgres cannot finish in time is cancelled by Postgres itself (docs/limits.md).
  const readPool = createPool(databaseUrl, { max: 10, statement_timeout: config.limits.readTimeoutMs });
  try {
    const subgraphs = await createSubgraphs({ pool: readPool });
    const gateway = await startGateway({
      subgraphs, host: config.host, port: options.port ?? config.ports.gateway, log: options.log, maxBodyBytes: config.limits.graphqlBodyBytes,
      executionTimeoutMs: config.limits.executionTimeoutMs, serverLimits: config.limits, operationLimits: config.limits, doors: options.doors,
      registry: config.metrics ? createRegistry() : undefined, readiness: [...options.readiness],
      responseCache: config.responseCacheMb > 0
        ? { position: readModelPosition(readPool), maxBytes: config.responseCacheMb * 1024 * 1024, volatileFields: VOLATILE_FIELDS }
        : undefined,
      extensions: [
        liveExtension({ pool: readPool, databaseUrl, pollMs: config.listener.pollMs, log: { error: options.reportError }, limits: config.limits }),
        reportsExtension({ position: readModelPosition(readPool), pool: readPool, reportStreams: config.limits.reportStreams }),
      ],
    });
    return {
      gateway,
      async stop() {
        await gateway.close();
        await readPool.end();
      },
    };
  } catch (error) {
    await readPool.end();
    throw error;
  }
}
