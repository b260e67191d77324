import type { IncomingMessage } from 'node:http';
import { hasInexactNumbers, parseExact } from '../events/jsonNumbers';
import { describe } from '../events/schema';
import { MAX_DEPTH } from '../events/storable';

/**
 * Reading a `POST /events` request (docs/api.md#ingest-over-http) into a list of
 * received events, or an HTTP error that says what was wrong.
 */

export interface IngestLimits {
  /** Most events in one request (413 above). */
  readonly maxEvents: number;
  /** Most body bytes in one request (413 above; reading stops there). */
  readonly maxBodyBytes: number;
}

export const DEFAULT_LIMITS: IngestLimits = { maxEvents: 1000, maxBodyBytes: 4 * 1024 * 1024 };

/** An answer other than 202, with a stable code for programs and a message for people. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

/** What the media type promises: one event, an array of events, or either (`application/json`). */
export type BodyShape = 'single' | 'batch' | 'either';

const MEDIA_TYPES: Readonly<Record<string, BodyShape>> = {
  'application/cloudevents+json': 'single',
  'application/cloudevents-batch+json': 'batch',
  'application/json': 'either',
};

/** The body shape a Content-Type announces; 415 for any other type or a charset other than UTF-8. */
export function bodyShapeOf(contentType: string | undefined): BodyShape {
  const accepted = Object.keys(MEDIA_TYPES).join(', ');
  if (contentType === undefined || contentType.trim() === '') {
    throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', `expected a Content-Type of ${accepted}, got none`);
  }
  const [media = '', ...parameters] = contentType.split(';');
  const shape = MEDIA_TYPES[media.trim().toLowerCase()];
  if (shape === undefined) {
    throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', `expected a Content-Type of ${accepted}, got ${JSON.stringify(contentType)}`);
  }
  for (const parameter of parameters) {
    const [name = '', value = ''] = parameter.split('=');
    const charset = value.trim().replace(/^"(.*)"$/, '$1').toLowerCase();
    if (name.trim().toLowerCase() === 'charset' && charset !== 'utf-8' && charset !== 'utf8') {
      throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', `expected charset utf-8 (JSON is UTF-8), got ${JSON.stringify(contentType)}`);
    }
  }
  return shape;
}

function tooLarge(limits: IngestLimits, got: string): HttpError {
  return new HttpError(413, 'PAYLOAD_TOO_LARGE', `expected a body of at most ${limits.maxBodyBytes} bytes, got ${got}`);
}

/** How much of a refused body is still read (and thrown away) so the client gets to read the 413. */
const LINGER_BYTES = 16 * 1024 * 1024;
const LINGER_MS = 10_000;

/**
 * After a 413: what the client is still sending is read and thrown away, up
 * to LINGER_BYTES or LINGER_MS, then the connection is cut. Closing at once
 * would make clients such as Node's http fail with EPIPE while still
 * writing, before they read the answer; lingering like this is what
 * nginx does. Nothing of it is kept in memory.
 */
function discardRest(req: IncomingMessage): void {
  let discarded = 0;
  const cut = () => req.socket.destroy();
  const timer = setTimeout(cut, LINGER_MS);
  timer.unref();
  req.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > LINGER_BYTES) cut();
  });
  req.once('close', () => clearTimeout(timer));
  req.resume();
}

/**
 * The body's bytes, in one array; `bodyText` reads them.
 * Stops collecting as soon as the limit is passed (a declared Content-Length
 * over the limit is refused before reading at all).
 */
export function readBody(req: IncomingMessage, limits: IngestLimits): Promise<Uint8Array> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limits.maxBodyBytes) {
    discardRest(req);
    return Promise.reject(tooLarge(limits, `a Content-Length of ${declared}`));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limits.maxBodyBytes) {
        cleanup();
        discardRest(req);
        reject(tooLarge(limits, `more (collecting stopped after ${size} bytes)`));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      const bytes = new Uint8Array(size);
      let offset = 0;
      for (const chunk of chunks) {
        bytes.set(chunk, offset);
        offset += chunk.length;
      }
      resolve(bytes);
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

/** A body's bytes as text: JSON is UTF-8. */
export function bodyText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new HttpError(400, 'INVALID_JSON', 'expected a UTF-8 JSON body, got bytes that are not valid UTF-8');
  }
}

/**
 * The events of a body: as JSON.parse reads them (`raws`, what validation
 * reads), and, when the body has a number a double would change, as the
 * sender wrote them (`exact`, same shape, events/jsonNumbers.ts: what is
 * hashed, logged and kept). Without such a number `exact` is undefined: the
 * raws are exact.
 */
export interface ReceivedEvents {
  readonly raws: unknown[];
  readonly exact: unknown[] | undefined;
}

/** The received events of a body, checked against the announced shape and the event limit. */
export function eventsOfBody(text: string, shape: BodyShape, limits: IngestLimits): ReceivedEvents {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new HttpError(400, 'INVALID_JSON', `expected a JSON body, got text that does not parse: ${(error as Error).message}`);
  }
  const raws = eventList(body, shape, limits);
  if (!hasInexactNumbers(text)) return { raws, exact: undefined };
  let exact: unknown;
  try {
    exact = parseExact(text);
  } catch (error) {
    // JSON.parse read the text, so what fails here is the depth the exact parser (which recurses) reaches: thousands of levels, where an event may nest 32.
    throw new HttpError(400, 'INVALID_JSON', `expected JSON nested at most ${MAX_DEPTH} levels deep in each event, got a body too deep to read with its numbers exact: ${(error as Error).message}`);
  }
  return { raws, exact: Array.isArray(exact) ? exact : [exact] };
}

function eventList(body: unknown, shape: BodyShape, limits: IngestLimits): unknown[] {
  if (Array.isArray(body)) {
    if (shape === 'single') {
      throw new HttpError(400, 'NOT_AN_EVENT', `expected one event object for application/cloudevents+json (send arrays as application/cloudevents-batch+json), got ${describe(body)}`);
    }
    if (body.length === 0) throw new HttpError(400, 'EMPTY_BATCH', 'expected at least one event, got an empty array');
    if (body.length > limits.maxEvents) {
      throw new HttpError(413, 'TOO_MANY_EVENTS', `expected at most ${limits.maxEvents} events per request, got ${body.length}`);
    }
    return body;
  }
  if (typeof body === 'object' && body !== null) {
    if (shape === 'batch') {
      throw new HttpError(400, 'NOT_A_BATCH', `expected an array of events for application/cloudevents-batch+json, got ${describe(body)}`);
    }
    return [body];
  }
  throw new HttpError(400, 'NOT_AN_EVENT', `expected an event object or an array of events, got ${describe(body)}`);
}
