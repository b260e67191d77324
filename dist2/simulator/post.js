"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PostError = void 0;
exports.postEvents = postEvents;
/**
 * Posts a delivery to the hub's ingest endpoint (docs/api.md#ingest-over-http):
 * batches as `application/cloudevents-batch+json`, a bounded number of
 * requests in flight, an optional steady pace, progress on stderr, and the
 * summed answers. Anything but `202` stops the run with the hub's answer.
 */
const delivery_1 = require("./delivery");
/** The hub answered a batch with something other than 202. */
class PostError extends Error {
    constructor(status, body, batchIndex) {
        super(`POST of batch ${batchIndex} expected 202, but got ${status}: ${body.slice(0, 500)}`);
        this.status = status;
        this.body = body;
        this.batchIndex = batchIndex;
        this.name = 'PostError';
    }
}
exports.PostError = PostError;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** Posts every event of `events` (in their order, batch by batch) and sums the hub's answers. */
async function postEvents(events, options) {
    const batchSize = options.batchSize ?? 500;
    if (!(batchSize >= 1 && batchSize <= 1000 && Number.isInteger(batchSize))) {
        throw new Error(`batch size expects an integer from 1 to 1000, but got ${String(options.batchSize)}`);
    }
    const concurrency = options.concurrency ?? 1;
    if (!(concurrency >= 1 && Number.isInteger(concurrency)))
        throw new Error(`concurrency expects a positive integer, but got ${String(options.concurrency)}`);
    if (options.rate !== undefined && !(options.rate > 0))
        throw new Error(`rate expects a positive number of events per second, but got ${String(options.rate)}`);
    const doFetch = options.fetch ?? fetch;
    const report = options.progress === false ? undefined : options.progress ?? ((line) => process.stderr.write(`${line}\n`));
    const every = (options.progressEverySeconds ?? 3) * 1000;
    const started = Date.now();
    let sent = 0;
    let requests = 0;
    let accepted = 0;
    let duplicates = 0;
    let rejected = 0;
    const rejections = [];
    let lastReport = started;
    let failure;
    const progressLine = () => {
        const seconds = (Date.now() - started) / 1000;
        const rate = seconds > 0 ? Math.round(sent / seconds) : 0;
        const of = options.total ? `/${options.total} (${((100 * sent) / options.total).toFixed(1)}%)` : '';
        return `simulate: ${sent}${of} events sent, ${rate} events/s, ${accepted} accepted, ${duplicates} duplicates, ${rejected} rejected`;
    };
    const send = async (batch, index) => {
        const response = await doFetch(options.url, {
            method: 'POST',
            headers: { 'content-type': 'application/cloudevents-batch+json' },
            body: JSON.stringify(batch),
            signal: options.signal,
        });
        const text = await response.text();
        if (response.status !== 202)
            throw new PostError(response.status, text, index);
        let answer;
        try {
            answer = JSON.parse(text);
        }
        catch {
            throw new PostError(response.status, `answer is not JSON: ${text}`, index);
        }
        requests += 1;
        sent += batch.length;
        accepted += answer.accepted;
        duplicates += answer.duplicates;
        rejected += answer.rejected;
        if (answer.rejected > 0 && rejections.length < 20) {
            for (const r of answer.results ?? []) {
                if (r.status === 'rejected' && rejections.length < 20)
                    rejections.push({ source: r.source, id: r.id, errors: r.errors });
            }
        }
        if (report && Date.now() - lastReport >= every) {
            lastReport = Date.now();
            report(progressLine());
        }
    };
    const inFlight = new Set();
    let index = 0;
    let queued = 0;
    for (const batch of (0, delivery_1.batches)(events, options.rate ? paceBatch(batchSize, options.rate) : batchSize)) {
        if (failure)
            break;
        options.signal?.throwIfAborted();
        if (options.rate) {
            // steady pace: this batch may leave when the events before it are due
            const dueAt = started + (queued / options.rate) * 1000;
            const wait = dueAt - Date.now();
            if (wait > 0)
                await sleep(wait);
        }
        queued += batch.length;
        const p = send(batch, index++).catch((error) => {
            failure ??= error;
        });
        inFlight.add(p);
        void p.finally(() => inFlight.delete(p));
        if (inFlight.size >= concurrency)
            await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    if (failure)
        throw failure;
    if (report && requests > 0)
        report(progressLine());
    return { sent, requests, accepted, duplicates, rejected, rejections, seconds: (Date.now() - started) / 1000 };
}
/** With a pace, small batches (about 4 requests a second) make a smooth flow instead of bursts. */
function paceBatch(batchSize, rate) {
    return Math.max(1, Math.min(batchSize, Math.round(rate / 4)));
}
//# sourceMappingURL=post.js.map