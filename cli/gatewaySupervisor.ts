/**
 * The hub's gateway process (cli/gatewayProcess.ts), supervised: started
 * with a heap of its own (`--max-old-space-size`, GATEWAY_HEAP_MB), killed
 * when its event loop stays blocked past GATEWAY_STALL_SECONDS (it says
 * `alive` every second it turns), and restarted whenever it exits without
 * being asked to — out of heap, killed, stuck, crashed — after a delay that doubles with each quick failure (1 s, 2 s,
 * 4 s … at most 30 s; back to 1 s once a process has served a minute), with
 * an error line saying how it ended. Ingest and the listeners run in the
 * hub's process and never wait for it.
 *
 * Why a process and not a worker thread with `resourceLimits`: a worker
 * shares the process — its native memory (sockets, buffers, Postgres
 * clients), its file descriptors and its fate on a fatal error — while a
 * process can be bounded, killed (SIGKILL) and restarted without touching the
 * hub. docs/operations.md, "The gateway process".
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { ListenerState } from '../observability/readinessChecks';
import type { ReadinessCheck } from '../observability/probes';
import { HEARTBEAT_MS, type FromGateway, type ToGateway } from './gatewayMessages';
import type { Logger } from './logger';
import { NODE_FLAGS } from './nodeFlags';

export interface GatewaySupervisorOptions {
  readonly databaseUrl: string;
  /** GATEWAY_HEAP_MB. */
  readonly heapMb: number;
  /** GATEWAY_STALL_SECONDS, in ms: a serving process silent this long is killed (and restarted). */
  readonly stallMs: number;
  /** The port to serve on (0: any; a restarted process takes the port the first one got). */
  readonly port: number;
  /** The hub's listeners, for the gateway's /readyz. */
  readonly listeners: ListenerState;
  readonly log: Logger;
  /** The environment the hub's configuration was read from: the gateway process reads the same. */
  readonly environment: NodeJS.ProcessEnv;
  /** How long the first start may take (composition, subgraphs). */
  readonly startTimeoutMs?: number;
}

export interface SupervisedGateway {
  /** `http://host:port/graphql` */
  readonly url: string;
  readonly subgraphs: readonly string[];
  /** The pid of the gateway process running now; undefined between a crash and its restart. */
  pid(): number | undefined;
  /** Restarts since the hub started. */
  restarts(): number;
  /** How the last gateway process that failed ended (`was killed by SIGKILL after 11.1 s`); undefined before any. */
  lastFailure(): string | undefined;
  /** The ingest port's `gateway` check: fails while the gateway process is not serving. */
  readonly readiness: ReadinessCheck;
  /** Stops the gateway process (SIGTERM, SIGKILL after 15 s); no restart after. */
  stop(): Promise<void>;
}

const FIRST_DELAY_MS = 1_000;
const MAX_DELAY_MS = 30_000;
/** A process that served this long before it ended was not failing at once: the delay starts again from 1 s. */
const STABLE_MS = 60_000;
const STOP_GRACE_MS = 15_000;
/**
 * A serving process whose heartbeat is this late is not ready: its event loop
 * is not turning, so it answers nothing, though it is not yet old enough for
 * the stall bound to kill it (at most half that bound, at least two beats).
 */
const UNRESPONSIVE_HEARTBEATS = 3;

function howItEnded(code: number | null, signal: NodeJS.Signals | null): string {
  // V8 aborts the process when its heap is exhausted (the message before, on stderr, says so).
  if (signal === 'SIGABRT') return 'aborted (SIGABRT: out of heap, or a fatal error; its last messages are above)';
  if (signal) return `was killed by ${signal}`;
  return `exited with code ${code}`;
}

/** Starts the gateway process and resolves once it serves; rejects when the first one fails to start. */
export async function superviseGateway(options: GatewaySupervisorOptions): Promise<SupervisedGateway> {
  const { log } = options;
  let child: ChildProcess | undefined;
  let state: 'starting' | 'serving' | 'restarting' | 'stopped' = 'starting';
  let restarts = 0;
  let delay = FIRST_DELAY_MS;
  let lastEnd = '';
  /** When the current process last said anything (its heartbeat included): the stall watchdog's and readiness's clock. */
  let heardAt = Date.now();
  const unresponsiveMs = Math.max(2 * HEARTBEAT_MS, Math.min(UNRESPONSIVE_HEARTBEATS * HEARTBEAT_MS, options.stallMs / 2));
  let timer: NodeJS.Timeout | undefined;
  let port = options.port;
  let first: { resolve: (ready: Extract<FromGateway, { type: 'ready' }>) => void; reject: (error: Error) => void } | undefined;

  const spawnOne = () => {
    const started = Date.now();
    let servedAt: number | undefined;
    heardAt = started;
    let stalled: string | undefined;
    const process_ = fork(path.join(__dirname, 'gatewayProcess.js'), [], {
      execArgv: [...NODE_FLAGS, `--max-old-space-size=${options.heapMb}`],
      env: { ...options.environment, DATABASE_URL: options.databaseUrl, GATEWAY_PORT: String(port) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child = process_;
    const watchdog = setInterval(() => {
      const silent = Date.now() - heardAt;
      if (servedAt === undefined || stalled || silent < options.stallMs) return;
      stalled = `was killed by the hub: its event loop had not turned for ${(silent / 1000).toFixed(1)} s (GATEWAY_STALL_SECONDS ${options.stallMs / 1000})`;
      process_.kill('SIGKILL');
    }, Math.min(1_000, options.stallMs / 2));
    watchdog.unref();
    process_.on('message', (message: FromGateway) => {
      heardAt = Date.now();
      if (message.type === 'listeners?') {
        const answer: ToGateway = { type: 'listeners', id: message.id, notRunning: options.listeners.notRunning() };
        if (process_.connected) process_.send(answer);
      } else if (message.type === 'ready') {
        servedAt = Date.now();
        port = message.port;
        state = 'serving';
        if (first) first.resolve(message);
        else log.info(`gateway process (pid ${process_.pid}) serves again at ${message.url} (restart ${restarts})`);
        first = undefined;
      }
    });
    process_.on('error', (error) => log.error(`gateway process: ${error.message}`));
    process_.once('exit', (code, signal) => {
      clearInterval(watchdog);
      if (child === process_) child = undefined;
      if (state === 'stopped') return;
      lastEnd = `${stalled ?? howItEnded(code, signal)} after ${((Date.now() - started) / 1000).toFixed(1)} s`;
      if (first) {
        first.reject(new Error(`the gateway process ${lastEnd} before it served (its messages are above)`));
        first = undefined;
        state = 'stopped';
        return;
      }
      if (servedAt !== undefined && Date.now() - servedAt >= STABLE_MS) delay = FIRST_DELAY_MS;
      restarts++;
      state = 'restarting';
      log.error(`gateway process (pid ${process_.pid}) ${lastEnd}; ingest and the listeners go on; restarting it in ${delay / 1000} s (restart ${restarts})`);
      timer = setTimeout(() => {
        timer = undefined;
        if (state === 'restarting') spawnOne();
      }, delay);
      delay = Math.min(MAX_DELAY_MS, delay * 2);
    });
  };

  const ready = await new Promise<Extract<FromGateway, { type: 'ready' }>>((resolve, reject) => {
    first = { resolve, reject };
    spawnOne();
    const limit = setTimeout(() => {
      if (!first) return;
      first = undefined;
      child?.kill('SIGKILL');
      state = 'stopped';
      reject(new Error(`the gateway process did not serve within ${(options.startTimeoutMs ?? 120_000) / 1000} s`));
    }, options.startTimeoutMs ?? 120_000);
    limit.unref();
  });

  return {
    url: ready.url,
    subgraphs: ready.subgraphs,
    pid: () => child?.pid,
    restarts: () => restarts,
    lastFailure: () => lastEnd || undefined,
    readiness: {
      name: 'gateway',
      check: async () => {
        if (state !== 'serving') return `the gateway process is ${state}${restarts > 0 ? ` (restart ${restarts}; the last one ${lastEnd})` : ''}`;
        const silent = Date.now() - heardAt;
        return silent < unresponsiveMs ? undefined : `the gateway process has not answered for ${(silent / 1000).toFixed(1)} s (its event loop is not turning)`;
      },
    },
    async stop() {
      state = 'stopped';
      if (timer) clearTimeout(timer);
      const running = child;
      if (!running || running.exitCode !== null || running.signalCode !== null) return;
      await new Promise<void>((resolve) => {
        const kill = setTimeout(() => running.kill('SIGKILL'), STOP_GRACE_MS);
        running.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        running.kill('SIGTERM');
      });
    },
  };
}
