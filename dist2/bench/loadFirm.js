"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.benchFirm = benchFirm;
exports.benchFirmStream = benchFirmStream;
exports.loadFirm = loadFirm;
exports.loadFirmCounted = loadFirmCounted;
/**
 * Fills a benchmark hub with the simulated firm: posted through POST /events
 * (batches of 500, 2 in flight) and waited for until every event is applied.
 */
const node_http_1 = __importDefault(require("node:http"));
const firm_1 = require("../simulator/firm");
const http_1 = require("./http");
/** The firm of about `events` events (seed `bench`), as an array. */
function benchFirm(events, seed = 'bench') {
    return [...(0, firm_1.firmEvents)({ seed, scale: (0, firm_1.scaleForEvents)(events) })];
}
/** The firm of about `events` events (seed `bench`), one at a time (a million-event firm streams in bounded memory). */
function benchFirmStream(events, seed = 'bench') {
    return (0, firm_1.firmEvents)({ seed, scale: (0, firm_1.scaleForEvents)(events) });
}
/** Posts `events` to the hub and resolves when all are applied; returns the seconds taken and the number of events. */
async function loadFirm(ingestUrl, events, label = '') {
    return (await loadFirmCounted(ingestUrl, events, label)).seconds;
}
async function loadFirmCounted(ingestUrl, events, label = '') {
    const agent = new node_http_1.default.Agent({ keepAlive: true, maxSockets: 4 });
    const started = Date.now();
    const source = events[Symbol.iterator]();
    let sent = 0;
    let lastNote = Date.now();
    const nextBatch = () => {
        const batch = [];
        for (let r = source.next(); !r.done; r = source.next()) {
            batch.push(r.value);
            if (batch.length === 500)
                break;
        }
        return batch;
    };
    const worker = async () => {
        for (let batch = nextBatch(); batch.length > 0; batch = nextBatch()) {
            sent += batch.length;
            const answer = await (0, http_1.request)(agent, `${ingestUrl}/events`, 'POST', JSON.stringify(batch), 'application/cloudevents-batch+json');
            if (answer.status !== 202)
                throw new Error(`ingest answered ${answer.status}: ${answer.body.slice(0, 300)}`);
            if (Date.now() - lastNote > 10_000) {
                lastNote = Date.now();
                process.stderr.write(`  loading ${label}: ${sent} events sent\n`);
            }
        }
    };
    await Promise.all([worker(), worker()]);
    for (;;) {
        const status = JSON.parse((await (0, http_1.request)(agent, `${ingestUrl}/status`, 'GET')).body);
        if (status.pending === 0 && status.received >= sent)
            break;
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
    agent.destroy();
    return { seconds: (Date.now() - started) / 1000, events: sent };
}
//# sourceMappingURL=loadFirm.js.map