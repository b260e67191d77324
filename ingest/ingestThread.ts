/**
 * The ingest thread started by ingest/server.ts: the HTTP server of the
 * ingest port, reading and preparing bodies (ingest/prepare.ts) and the
 * event log's group commit (ingest/groupCommit.ts) on connections of its
 * own, all on this thread's event loop. The hub's main thread (the gateway,
 * the live fan-out) never holds an ingest request: a request waits only
 * for this thread and Postgres.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createPool } from '../db/dataSource';
import { serveIngest } from './httpServer';
import type { IngestLogger } from './server';
import type { ProbeAnswer } from '../observability/probes';
import { startTracing, stopTracing } from '../observability/tracing';
import { STATS_FIELDS, type FromIngestThread, type IngestThreadData, type ToIngestThread } from './threadMessages';

const port = parentPort;
if (port === null) throw new Error('ingest/ingestThread runs as a worker thread (started by ingest/server.ts)');
const data = workerData as IngestThreadData;
const post = (message: FromIngestThread) => port.postMessage(message);

const log: IngestLogger | undefined = data.logs !== 'none'
  ? {
      // A debug line per request would be a message per request to the hub's thread: posted only when wanted.
      debug: data.logs === 'debug' ? (message) => post({ kind: 'log', level: 'debug', message }) : () => undefined,
      warn: (message) => post({ kind: 'log', level: 'warn', message }),
      error: (message) => post({ kind: 'log', level: 'error', message }),
    }
  : undefined;

const stats = new BigInt64Array(data.stats);
const outcomes = new BigInt64Array(data.outcomes);

/** /readyz and /metrics asked of the hub's thread, by id, until it answers. */
const operationsWaiting = new Map<number, (answer: ProbeAnswer) => void>();
let nextOperationsId = 0;

async function main(): Promise<void> {
  // The thread's own tracer (the OpenTelemetry API is per thread); nothing when tracing is off.
  await startTracing('servicegraph-hub');
  // The group commit holds one connection at a time; the others serve /status and the operators' lists.
  const pool = createPool(data.connectionString, { max: 4, connectionTimeoutMillis: data.connectionTimeoutMillis });
  let server;
  try {
    server = await serveIngest({
      pool, host: data.host, port: data.port, log, limits: data.limits, groupLimits: data.groupLimits, serverLimits: data.serverLimits,
      commitTimeoutMs: data.commitTimeoutMs, readTimeoutMs: data.readTimeoutMs,
      onGroupCommitStats: (counts) => STATS_FIELDS.forEach((field, i) => Atomics.store(stats, i, BigInt(counts[field]))),
      onCommitted: data.committedEvents ? (events) => data.committedEvents!.postMessage(events) : undefined,
      access: data.access,
      // Once per request, not per event: three atomic adds beside a commit.
      onOutcomes: (accepted, duplicates, rejected) => {
        if (accepted) Atomics.add(outcomes, 0, BigInt(accepted));
        if (duplicates) Atomics.add(outcomes, 1, BigInt(duplicates));
        if (rejected) Atomics.add(outcomes, 2, BigInt(rejected));
      },
      operations: (path) => new Promise<ProbeAnswer>((resolve) => {
        const id = nextOperationsId++;
        operationsWaiting.set(id, resolve);
        post({ kind: 'operations', id, path });
      }),
    });
  } catch (error) {
    await pool.end();
    post({ kind: 'failed', message: error instanceof Error ? error.message : String(error), code: (error as { code?: string }).code });
    port!.close();
    return;
  }
  const running = server;
  port!.on('message', (message: ToIngestThread) => {
    if (message.kind === 'operationsAnswer') {
      operationsWaiting.get(message.id)?.(message.answer);
      operationsWaiting.delete(message.id);
      return;
    }
    if (message.kind !== 'close') return;
    void (async () => {
      let failure: string | undefined;
      await running.close().catch((error: Error) => (failure = error.message));
      await pool.end().catch((error: Error) => (failure ??= error.message));
      await stopTracing();
      post({ kind: 'closed', failure });
      data.committedEvents?.close();
      port!.close();
    })();
  });
  post({ kind: 'listening', port: running.port });
}

void main();
