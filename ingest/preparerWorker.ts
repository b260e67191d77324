/**
 * The worker thread behind ingest/preparer.ts: reads a request's body (its
 * bytes: decoding is part of the work taken off the main thread) into events
 * and prepares them (ingest/prepare.ts), one request at a time, in the
 * order they arrive. What it answers is plain data, copied to the main thread.
 */
import { parentPort } from 'node:worker_threads';
import { bodyText, eventsOfBody, HttpError } from './httpRequest';
import { prepareEvents } from './prepare';
import type { PrepareRequest, PrepareAnswer } from './preparer';

const port = parentPort;
if (port === null) throw new Error('ingest/preparerWorker runs as a worker thread (started by ingest/preparer.ts)');

port.on('message', ({ id, bytes, shape, limits }: PrepareRequest) => {
  let answer: PrepareAnswer;
  try {
    answer = { id, prepared: prepareEvents(eventsOfBody(bodyText(bytes), shape, limits)) };
  } catch (error) {
    answer = error instanceof HttpError
      ? { id, refused: { status: error.status, code: error.code, message: error.message, headers: error.headers } }
      : { id, failed: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  port.postMessage(answer);
});
