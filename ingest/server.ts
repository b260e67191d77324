import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { Worker, type MessagePort } from 'node:worker_threads';
import type { Pool } from 'pg';
import type { AccessSettings } from '../access/settings';
import { DEFAULT_LIMITS as DEFAULT_SERVER_LIMITS } from '../config/limits';
import type { ServerLimits } from '../http/serverLimits';
import type { GroupCommitStats, GroupLimits } from './groupCommit';
import { DEFAULT_LIMITS, type IngestLimits } from './httpRequest';
import { answerOperations, type OperationsEndpoints } from '../observability/probes';
import { databaseCheck } from '../observability/readinessChecks';
import { OUTCOME_FIELDS, STATS_FIELDS, type FromIngestThread, type IngestThreadData, type ToIngestThread } from './threadMessages';

/**
 * The ingest port (docs/api.md#ingest-over-http), served by a thread of its own
 * (ingest/ingestThread.ts, the server itself in ingest/httpServer.ts): the
 * HTTP server, reading and preparing bodies, and the event log's group
 * commit on connections of the thread's own, opened with the settings of the
 * pool given here.
 *
 * Why: on the hub's main thread an ingest request waited for whatever else
 * ran there (the gateway's queries, the live payloads, GC): that loop's
 * stalls became the freshness tail, in the transaction as well as before it
 * (its round trips were read on that loop). The thread has an
 * event loop that only ingest uses, and the main thread no longer writes the
 * inserts to the Postgres socket nor receives prepared events.
 *
 * Should the thread stop unexpectedly, the error is logged and a new thread
 * serves the same port; a request under way then gets no answer (its
 * connection closes), and sending it again is safe (idempotent by (source, id)).
 */

/** Where the server reports what no client is told about (database failures, bugs). Matches cli/logger's Logger. */
export interface IngestLogger {
  debug(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface IngestServerOptions {
  /** The thread connects with this pool's `connectionString` (and `connectionTimeoutMillis`); the pool itself is not used. */
  readonly pool: Pool;
  readonly host: string;
  /** 0 = any free port (see the returned `port`). */
  readonly port: number;
  /** Where the ingest thread's warnings and errors go (failures under the error id a client was given). */
  readonly log?: IngestLogger;
  /** Whether `log` wants the debug line of every request (default true). */
  readonly logDebug?: boolean;
  /** Defaults: 1000 events and 4 MiB per request. */
  readonly limits?: Partial<IngestLimits>;
  /** Timeouts and connection limits of its HTTP server (http/serverLimits.ts); default config/limits.ts's. */
  readonly serverLimits?: ServerLimits;
  /** A request not committed by then is answered 503 with Retry-After; default config/limits.ts's. */
  readonly commitTimeoutMs?: number;
  /** /status and the operators' lists not read by then are answered 503; default config/limits.ts's. */
  readonly readTimeoutMs?: number;
  /** Bounds of one group commit (ingest/groupCommit.ts); defaults: 2000 events, 8 MiB. */
  readonly groupLimits?: Partial<GroupLimits>;
  /**
   * A port per ingest thread started (one, and one more each time a thread is
   * replaced), on which the thread posts the events it committed at
   * consecutive positions (CommittedEvents, hub/eventLog.ts): the hub
   * gives the listeners' thread's (hub/logTail.ts).
   */
  readonly committedEvents?: () => MessagePort;
  /** Who may use which door (default: AUTH=off, any host, no CORS, no rate limit); checked on the ingest thread. */
  readonly access?: AccessSettings;
  /**
   * What GET /readyz and /metrics of the ingest port answer (the hub gives its
   * readiness checks and registry); default: ready when Postgres answers with
   * every migration applied, no metrics.
   */
  readonly operations?: OperationsEndpoints;
}

export interface IngestServer {
  /** The port actually listened on. */
  readonly port: number;
  /** How many requests the event log's group commit has written in how many transactions. */
  groupCommitStats(): GroupCommitStats;
  /** Events answered since the server started, by outcome (every thread it ran counted). */
  outcomes(): Record<(typeof OUTCOME_FIELDS)[number], number>;
  /** Stops accepting connections and resolves when the requests under way have been answered. */
  close(): Promise<void>;
}

interface Thread {
  readonly worker: Worker;
  readonly port: number;
  /** Resolves when the thread has ended, however. */
  readonly exited: Promise<void>;
}

const THREAD_SCRIPT = path.join(__dirname, 'ingestThread.js');

/** Wait before starting a new thread after one stopped unexpectedly, so a thread that fails at once does not spin. */
const RESTART_DELAY_MS = 1000;

/** `threadScript`: the thread's compiled script; only tests give another (one that stops, to see it replaced). */
export async function startIngestServer(options: IngestServerOptions, threadScript: string = THREAD_SCRIPT): Promise<IngestServer> {
  const { connectionString, connectionTimeoutMillis } = options.pool.options;
  if (connectionString === undefined) throw new Error('startIngestServer: expected a pool made with a connectionString (the ingest thread opens its own connections with it)');
  const log = options.log;
  const stats = new BigInt64Array(new SharedArrayBuffer(STATS_FIELDS.length * BigInt64Array.BYTES_PER_ELEMENT));
  const outcomes = new BigInt64Array(new SharedArrayBuffer(OUTCOME_FIELDS.length * BigInt64Array.BYTES_PER_ELEMENT));
  const operations: OperationsEndpoints = options.operations ?? { readiness: [databaseCheck(options.pool)] };
  let closing = false;
  let replacing: Promise<void> | undefined;

  /** A thread serving `port`; resolves once it listens. */
  function startThread(port: number): Promise<Thread> {
    const committedEvents = options.committedEvents?.();
    const data: IngestThreadData = {
      connectionString: connectionString!, connectionTimeoutMillis, host: options.host, port,
      limits: { ...DEFAULT_LIMITS, ...options.limits }, groupLimits: options.groupLimits,
      serverLimits: options.serverLimits ?? DEFAULT_SERVER_LIMITS,
      commitTimeoutMs: options.commitTimeoutMs ?? DEFAULT_SERVER_LIMITS.ingestCommitTimeoutMs,
      readTimeoutMs: options.readTimeoutMs ?? DEFAULT_SERVER_LIMITS.readTimeoutMs, logs: log === undefined ? 'none' : options.logDebug === false ? 'warn' : 'debug', stats: stats.buffer as SharedArrayBuffer,
      committedEvents, outcomes: outcomes.buffer as SharedArrayBuffer, access: options.access,
    };
    const worker = new Worker(threadScript, { workerData: data, transferList: committedEvents ? [committedEvents] : [] });
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    return new Promise((resolve, reject) => {
      let listeningOn: number | undefined;
      worker.on('message', (message: FromIngestThread) => {
        switch (message.kind) {
          case 'listening':
            listeningOn = message.port;
            resolve({ worker, port: message.port, exited });
            break;
          case 'failed':
            reject(Object.assign(new Error(message.message), { code: message.code }));
            break;
          case 'log':
            log?.[message.level](message.message);
            break;
          case 'operations': {
            const { id, path } = message;
            void answerOperations(path, operations)
              .catch((error: unknown) => {
                // A scrape reads Postgres: its failure (the database down, or past READ_TIMEOUT_SECONDS) is logged
                // under an id, and the client gets the id, never Postgres's own text.
                const errorId = randomUUID();
                log?.warn(`ingest: error ${errorId}: GET ${path} failed: ${error instanceof Error ? error.message : String(error)}`);
                const body = { error: { code: 'DATABASE_UNAVAILABLE', message: `the database is unavailable; ${path} could not be read (error id ${errorId})`, errorId } };
                return { status: 503, headers: { 'content-type': 'application/json; charset=utf-8', 'retry-after': '1' }, body: JSON.stringify(body) };
              })
              .then((answer) => worker.postMessage({ kind: 'operationsAnswer', id, answer } satisfies ToIngestThread));
            break;
          }
          case 'closed':
            if (message.failure !== undefined) log?.warn(`ingest: while closing: ${message.failure}`);
            // Nothing of the thread is needed any more; whatever might still keep its loop alive is not waited for.
            void worker.terminate();
            break;
        }
      });
      worker.on('error', (error) => {
        if (listeningOn === undefined) reject(error);
        else log?.error(`ingest: the ingest thread failed: ${error.stack ?? error.message}`);
      });
      worker.on('exit', (code) => {
        if (listeningOn === undefined) return reject(new Error(`the ingest thread stopped before listening (exit code ${code})`));
        if (closing) return;
        log?.error(`ingest: the ingest thread stopped (exit code ${code}); starting a new one on port ${listeningOn}`);
        replacing = replace(listeningOn);
      });
    });
  }

  /** New threads on the same port, a moment apart, until one listens or the server is closed. */
  async function replace(port: number): Promise<void> {
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, RESTART_DELAY_MS));
      if (closing) return;
      try {
        current = await startThread(port);
        return;
      } catch (error) {
        log?.error(`ingest: a new ingest thread failed to start (${error instanceof Error ? error.message : String(error)}); trying again`);
      }
    }
  }

  let current = await startThread(options.port);

  return {
    port: current.port,
    groupCommitStats() {
      // Read by the field order the thread writes them in (threadMessages.ts), not by repeating it here.
      return Object.fromEntries(STATS_FIELDS.map((field, i) => [field, Number(Atomics.load(stats, i))])) as unknown as GroupCommitStats;
    },
    outcomes() {
      return Object.fromEntries(OUTCOME_FIELDS.map((field, i) => [field, Number(Atomics.load(outcomes, i))])) as ReturnType<IngestServer['outcomes']>;
    },
    async close() {
      closing = true;
      // A thread being started in place of one that stopped is let finish starting, then closed like any.
      await replacing;
      const { worker, exited } = current;
      // The thread answers the requests under way, closes its connections and ends.
      worker.postMessage({ kind: 'close' } satisfies ToIngestThread);
      await exited;
    },
  };
}
