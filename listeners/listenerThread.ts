/**
 * The worker side of {@link startListenersThread}: runs the listener runner
 * (its own pipelined connections, its own LISTEN) and answers the hub's
 * thread by messages. Not imported; loaded as a worker's script.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { CommittedEvents } from '../hub/eventLog';
import { LogTail } from '../hub/logTail';
import { startListeners } from './runner';
import { startTracing, stopTracing } from '../observability/tracing';
import type { FromListenerThread, ListenerThreadData, ToListenerThread } from './threadMessages';

const port = parentPort!;
const post = (message: FromListenerThread) => port.postMessage(message);
const errorMessage = (error: unknown) => error instanceof Error
  ? { message: error.message, stack: error.stack }
  : { message: String(error) };

async function main(): Promise<void> {
  const data = workerData as ListenerThreadData;
  // The thread's own tracer (the OpenTelemetry API is per thread); nothing when tracing is off.
  await startTracing('servicegraph-hub');
  const tail = new LogTail();
  const runner = await startListeners({
    databaseUrl: data.databaseUrl, batchSize: data.batchSize, pollMs: data.pollMs, catchUpEvents: data.catchUpEvents, tail,
    onBatch: data.reportBatches ? (result) => post({ kind: 'batch', result }) : undefined,
    onError: (error) => post({ kind: 'error', error: errorMessage(error) }),
  });
  const committedPorts = new Set<MessagePort>();
  port.on('message', (message: ToListenerThread) => {
    switch (message.kind) {
      case 'caughtUp':
        void runner.caughtUp().then(() => post({ kind: 'caughtUp', id: message.id }));
        break;
      case 'committedEvents': {
        const committed = message.port;
        committedPorts.add(committed);
        committed.on('message', (events: CommittedEvents) => tail.add(events));
        // The ingest thread ended (closed, or stopped and replaced by one with a port of its own).
        committed.once('close', () => committedPorts.delete(committed));
        break;
      }
      case 'stop':
        void runner.stop().then(async () => {
          for (const committed of committedPorts) committed.close();
          await stopTracing();
          post({ kind: 'stopped' });
        });
        break;
    }
  });
  post({ kind: 'ready' });
}

main().catch((error) => post({ kind: 'failed', error: errorMessage(error) }));
