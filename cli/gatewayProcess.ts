/**
 * The gateway process of `servicegraph start`: the GraphQL side
 * (cli/gatewaySide.ts) in a process of its own, with a heap of its own
 * (GATEWAY_HEAP_MB), started and restarted by the hub
 * (cli/gatewaySupervisor.ts) — never run by hand. It reads the hub's
 * configuration from the same environment, with DATABASE_URL set by the hub
 * to the database the hub opened (its embedded Postgres included).
 *
 * It talks to the hub over the IPC channel of `child_process.fork`: it says
 * `ready` once it serves, `alive` every second its event loop turns, and asks for the listeners' state (they run in the
 * hub) for its /readyz. It stops on SIGTERM, and when the channel closes
 * (the hub is gone, even by SIGKILL): a gateway never outlives its hub.
 * SIGINT is the hub's to act on: a Ctrl-C reaches the whole process group,
 * and the hub stops this process in its order.
 */
import 'reflect-metadata';
import { loadConfig } from '../config/config';
import { createPool } from '../db/dataSource';
import { databaseCheck } from '../observability/readinessChecks';
import type { ReadinessCheck } from '../observability/probes';
import { startTracing, stopTracing } from '../observability/tracing';
import { openDoors } from './doors';
import { errorReporter } from './errorReporter';
import { HEARTBEAT_MS, type FromGateway, type ToGateway } from './gatewayMessages';
import { startGatewaySide } from './gatewaySide';
import { createLogger } from './logger';

const LISTENERS_ANSWER_MS = 2_000;

/** Tells the hub; nothing once the hub has gone (its channel closed), which ends this process anyway. */
function send(message: FromGateway): void {
  if (process.connected) process.send?.(message);
}

/** The listeners' state, asked of the hub: undefined while they run, else why not. */
function listenersCheck(): ReadinessCheck {
  let asked = 0;
  const waiting = new Map<number, (notRunning: string | undefined) => void>();
  process.on('message', (message: ToGateway) => {
    if (message.type === 'listeners') {
      waiting.get(message.id)?.(message.notRunning);
      waiting.delete(message.id);
    }
  });
  return {
    name: 'listeners',
    check: () => new Promise((resolve) => {
      const id = ++asked;
      const timer = setTimeout(() => {
        waiting.delete(id);
        resolve(`the hub did not say within ${LISTENERS_ANSWER_MS} ms whether its listeners run`);
      }, LISTENERS_ANSWER_MS);
      waiting.set(id, (notRunning) => {
        clearTimeout(timer);
        resolve(notRunning);
      });
      send({ type: 'listeners?', id });
    }),
  };
}

async function main(): Promise<void> {
  if (!process.send) throw new Error('the gateway process is started by `servicegraph start`, over an IPC channel');
  process.on('SIGINT', () => undefined);
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const databaseUrl = config.databaseUrl!;
  let stopping = false;
  // Asked to stop, possibly while still starting (the hub stopped first): awaited once started.
  const stopAsked = new Promise<void>((resolve) => {
    process.once('SIGTERM', () => resolve());
    process.once('disconnect', () => resolve());
  });
  await startTracing('servicegraph-hub');
  // The audit log's writes and the gateway port's postgres check.
  const pool = createPool(databaseUrl, { max: 2 });
  const opened = await openDoors(config, pool, log, { announce: false });
  const side = await startGatewaySide({
    config, databaseUrl, doors: opened.doors, log,
    readiness: [databaseCheck(pool), listenersCheck()],
    reportError: errorReporter(log, () => stopping),
  });
  send({ type: 'ready', url: side.gateway.url, port: side.gateway.port, subgraphs: side.gateway.subgraphs.map((s) => s.name) });
  // A timer runs only when the event loop turns: its silence tells the hub this process is stuck.
  const heartbeat = setInterval(() => send({ type: 'alive' }), HEARTBEAT_MS);
  heartbeat.unref();
  await stopAsked;
  stopping = true;
  await side.stop().catch((error) => log.error(`while stopping the gateway: ${String(error)}`));
  await opened.close().catch(() => undefined);
  await pool.end().catch(() => undefined);
  await stopTracing();
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`servicegraph gateway process: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exit(1);
  },
);
