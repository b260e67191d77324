/**
 * A whole hub in this process for live tests: a fresh database, ingest,
 * listeners, the four subgraphs and the gateway with subscriptions.
 */
import type { Doors } from '../../access/doors';
import type { Limits } from '../../config/limits';
import { startGateway, type GatewayCore, type GatewayExtensionFactory, type RunningGateway } from '../../gateway/gateway';
import { startIngestServer, type IngestServer } from '../../ingest/server';
import { readIngestStatus } from '../../hub/status';
import { startListeners, type ListenerRunner } from '../../listeners/runner';
import { liveExtension, type LiveExtension } from '../../live/liveExtension';
import { createSubgraphs } from '../../subgraphs';
import { createTestDatabase, type TestDatabase } from './testDatabase';

export interface LiveHub {
  readonly db: TestDatabase;
  readonly gateway: RunningGateway;
  readonly live: LiveExtension;
  readonly ingestUrl: string;
  /** `ws://…/graphql` */
  readonly wsUrl: string;
  /** Resolves when every accepted event is applied and every change read by the gateway's feed. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

export interface LiveHubOptions {
  /** The live extension's `queueCapacity` (default its own, 100). */
  queueCapacity?: number;
  /** The live extension's `keepAliveMs` (default graphql-ws's, 12 s). */
  keepAliveMs?: number;
  /** The gateway's and the live extension's bounds (default config/limits.ts's). */
  limits?: Limits;
  /** The gateway's doors (default: open, nothing recorded). */
  doors?: Doors;
}

/**
 * `makeLive` as a gateway extension that also hands the extension it makes to
 * `take`: tests wait on its subscriber queues (a subscription is live once the
 * fan-out holds its queue) instead of sleeping.
 */
export function handingOver(makeLive: ReturnType<typeof liveExtension>, take: (live: LiveExtension) => void): GatewayExtensionFactory {
  return Object.assign(async (core: GatewayCore) => {
    const live = await makeLive(core);
    take(live);
    return live;
  }, { subgraph: makeLive.subgraph });
}

export async function startLiveHub(options: LiveHubOptions = {}): Promise<LiveHub> {
  const db = await createTestDatabase();
  let ingest: IngestServer | undefined;
  let listeners: ListenerRunner | undefined;
  let gateway: RunningGateway | undefined;
  let live: LiveExtension | undefined;
  const close = async () => {
    await gateway?.close();
    await listeners?.stop();
    await ingest?.close();
    await db.drop();
  };
  try {
    ingest = await startIngestServer({ pool: db.pool, host: '127.0.0.1', port: 0 });
    listeners = await startListeners({ pool: db.pool, databaseUrl: db.url, batchSize: 200, pollMs: 20 });
    const subgraphs = await createSubgraphs({ pool: db.pool });
    const makeLive = liveExtension({ pool: db.pool, databaseUrl: db.url, pollMs: 50, queueCapacity: options.queueCapacity, keepAliveMs: options.keepAliveMs,
      limits: options.limits,
    });
    gateway = await startGateway({
      subgraphs, host: '127.0.0.1', port: 0, executionTimeoutMs: options.limits?.executionTimeoutMs,
      serverLimits: options.limits, operationLimits: options.limits, doors: options.doors,
      extensions: [handingOver(makeLive, (made) => (live = made))],
    });
    const runningListeners = listeners;
    return {
      db, gateway, live: live!, ingestUrl: `http://127.0.0.1:${ingest.port}/events`,
      wsUrl: gateway.url.replace(/^http/, 'ws'),
      async settled() {
        for (;;) {
          const status = await readIngestStatus(db.pool);
          if (status.pending === 0) break;
          await runningListeners.caughtUp();
        }
        await live!.feed.caughtUp();
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
