/**
 * The worker side of {@link startListenersThread}: runs the listener runner
 * (its own pipelined connections, its own LISTEN) and answers the hub's
 * thread by messages. Not imported; loaded as a worker's script.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { startListeners } from './runner';
import type { FromListenerThread, ListenerThreadData, ToListenerThread } from './threadMessages';

const port = parentPort!;
const post = (message: FromListenerThread) => port.postMessage(message);
const errorMessage = (error: unknown) => error instanceof Error
  ? { message: error.message, stack: error.stack }
  : { message: String(error) };

async function main(): Promise<void> {
  const data = workerData as ListenerThreadData;
  const runner = await startListeners({
    databaseUrl: data.databaseUrl, batchSize: data.batchSize, pollMs: data.pollMs,
    onBatch: data.reportBatches ? (result) => post({ kind: 'batch', result }) : undefined,
    onError: (error) => post({ kind: 'error', error: errorMessage(error) }),
  });
  port.on('message', (message: ToListenerThread) => {
    if (message.kind === 'caughtUp') void runner.caughtUp().then(() => post({ kind: 'caughtUp', id: message.id }));
    else void runner.stop().then(() => post({ kind: 'stopped' }));
  });
  post({ kind: 'ready' });
}

main().catch((error) => post({ kind: 'failed', error: errorMessage(error) }));
