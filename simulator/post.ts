/**
 * Posts a delivery to the hub's ingest endpoint (docs/api.md#ingest-over-http):
 * batches as `application/cloudevents-batch+json`, a bounded number of
 * requests in flight, an optional steady pace, progress on stderr, and the
 * summed answers. Anything but `202` stops the run with the hub's answer.
 */
import { batches } from './delivery';

export interface PostOptions {
  /** The ingest URL, e.g. `http://127.0.0.1:4010/events`. */
  readonly url: string;
  /** A bearer token, sent with every request (a hub with AUTH=jwt needs one with `events:write`). */
  readonly token?: string;
  /** Events per request, at most 1000 (the contract's limit). Default 500. */
  readonly batchSize?: number;
  /** Requests in flight. Default 1, which keeps the delivery's order (required for `in-order`). */
  readonly concurrency?: number;
  /** Events per second to keep to (for the demo); unset: as fast as the hub answers. */
  readonly rate?: number;
  /** Total events, when known, for the progress line. */
  readonly total?: number;
  /** Where progress lines go (default: stderr); `false` for none. */
  readonly progress?: ((line: string) => void) | false;
  /** Seconds between progress lines. Default 3. */
  readonly progressEverySeconds?: number;
  /** Stops the run between requests. */
  readonly signal?: AbortSignal;
  /** Injected for tests; default the global fetch. */
  readonly fetch?: typeof fetch;
}

/** One rejected event as the hub answered it. */
export interface Rejection {
  readonly source: string;
  readonly id: string;
  readonly errors?: readonly { readonly path: string; readonly message: string }[];
}

export interface PostSummary {
  /** Events sent. */
  readonly sent: number;
  readonly requests: number;
  readonly accepted: number;
  readonly duplicates: number;
  readonly rejected: number;
  /** The first rejections (at most 20), to say what was wrong. */
  readonly rejections: readonly Rejection[];
  readonly seconds: number;
}

/** The hub answered a batch with something other than 202. */
export class PostError extends Error {
  constructor(readonly status: number, readonly body: string, readonly batchIndex: number) {
    super(`POST of batch ${batchIndex} expected 202, but got ${status}: ${body.slice(0, 500)}`);
    this.name = 'PostError';
  }
}

interface IngestAnswer {
  accepted: number;
  duplicates: number;
  rejected: number;
  results?: { source: string; id: string; status: string; errors?: { path: string; message: string }[] }[];
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Posts every event of `events` (in their order, batch by batch) and sums the hub's answers. */
export async function postEvents(events: Iterable<unknown>, options: PostOptions): Promise<PostSummary> {
  const batchSize = options.batchSize ?? 500;
  if (!(batchSize >= 1 && batchSize <= 1000 && Number.isInteger(batchSize))) {
    throw new Error(`batch size expects an integer from 1 to 1000, but got ${String(options.batchSize)}`);
  }
  const concurrency = options.concurrency ?? 1;
  if (!(concurrency >= 1 && Number.isInteger(concurrency))) throw new Error(`concurrency expects a positive integer, but got ${String(options.concurrency)}`);
  if (options.rate !== undefined && !(options.rate > 0)) throw new Error(`rate expects a positive number of events per second, but got ${String(options.rate)}`);
  const doFetch = options.fetch ?? fetch;
  const report = options.progress === false ? undefined : options.progress ?? ((line: string) => process.stderr.write(`${line}\n`));
  const every = (options.progressEverySeconds ?? 3) * 1000;

  const started = Date.now();
  let sent = 0;
  let requests = 0;
  let accepted = 0;
  let duplicates = 0;
  let rejected = 0;
  const rejections: Rejection[] = [];
  let lastReport = started;
  let failure: unknown;

  const progressLine = () => {
    const seconds = (Date.now() - started) / 1000;
    const rate = seconds > 0 ? Math.round(sent / seconds) : 0;
    const of = options.total ? `/${options.total} (${((100 * sent) / options.total).toFixed(1)}%)` : '';
    return `simulate: ${sent}${of} events sent, ${rate} events/s, ${accepted} accepted, ${duplicates} duplicates, ${rejected} rejected`;
  };

  const send = async (batch: unknown[], index: number) => {
    const response = await doFetch(options.url, {
      method: 'POST',
      headers: { 'content-type': 'application/cloudevents-batch+json', ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) },
      body: JSON.stringify(batch),
      signal: options.signal,
    });
    const text = await response.text();
    if (response.status !== 202) throw new PostError(response.status, text, index);
    let answer: IngestAnswer;
    try {
      answer = JSON.parse(text) as IngestAnswer;
    } catch {
      throw new PostError(response.status, `answer is not JSON: ${text}`, index);
    }
    requests += 1;
    sent += batch.length;
    accepted += answer.accepted;
    duplicates += answer.duplicates;
    rejected += answer.rejected;
    if (answer.rejected > 0 && rejections.length < 20) {
      for (const r of answer.results ?? []) {
        if (r.status === 'rejected' && rejections.length < 20) rejections.push({ source: r.source, id: r.id, errors: r.errors });
      }
    }
    if (report && Date.now() - lastReport >= every) {
      lastReport = Date.now();
      report(progressLine());
    }
  };

  const inFlight = new Set<Promise<void>>();
  let index = 0;
  let queued = 0;
  for (const batch of batches(events, options.rate ? paceBatch(batchSize, options.rate) : batchSize)) {
    if (failure) break;
    options.signal?.throwIfAborted();
    if (options.rate) {
      // steady pace: this batch may leave when the events before it are due
      const dueAt = started + (queued / options.rate) * 1000;
      const wait = dueAt - Date.now();
      if (wait > 0) await sleep(wait);
    }
    queued += batch.length;
    const p = send(batch, index++).catch((error: unknown) => {
      failure ??= error;
    });
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
    if (inFlight.size >= concurrency) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  if (failure) throw failure;
  if (report && requests > 0) report(progressLine());
  return { sent, requests, accepted, duplicates, rejected, rejections, seconds: (Date.now() - started) / 1000 };
}

/** With a pace, small batches (about 4 requests a second) make a smooth flow instead of bursts. */
function paceBatch(batchSize: number, rate: number): number {
  return Math.max(1, Math.min(batchSize, Math.round(rate / 4)));
}
