"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * The poster and the simulate command against a small in-process stand-in
 * for the ingest endpoint (it answers like docs/api.md#ingest-over-http).
 */
const strict_1 = __importDefault(require("node:assert/strict"));
const node_http_1 = require("node:http");
const node_test_1 = require("node:test");
const cli_1 = require("../../simulator/cli");
const delivery_1 = require("../../simulator/delivery");
const firm_1 = require("../../simulator/firm");
const post_1 = require("../../simulator/post");
/** A stand-in ingest: 202 with accepted/duplicates per (source, id); `failWith` makes it answer that status. */
function standIn() {
    const seen = new Set();
    const requests = [];
    let failWith;
    const server = (0, node_http_1.createServer)((req, res) => {
        let body = '';
        req.on('data', (chunk) => (body += chunk.toString('utf8')));
        req.on('end', () => {
            if (failWith) {
                res.writeHead(failWith, { 'content-type': 'application/json' });
                res.end(JSON.stringify({ error: 'database unavailable' }));
                return;
            }
            const events = JSON.parse(body);
            requests.push({ contentType: req.headers['content-type'], ids: events.map((e) => `${e.source} ${e.id}`) });
            const results = events.map((e) => {
                const key = `${e.source} ${e.id}`;
                const status = seen.has(key) ? 'duplicate' : 'accepted';
                seen.add(key);
                return { source: e.source, id: e.id, status };
            });
            res.writeHead(202, { 'content-type': 'application/json' });
            res.end(JSON.stringify({
                accepted: results.filter((r) => r.status === 'accepted').length,
                duplicates: results.filter((r) => r.status === 'duplicate').length,
                rejected: 0,
                results,
            }));
        });
    });
    return {
        server,
        requests,
        seen,
        reset() {
            seen.clear();
            requests.length = 0;
            failWith = undefined;
        },
        fail(status) {
            failWith = status;
        },
    };
}
(0, node_test_1.describe)('postEvents', () => {
    const hub = standIn();
    let url = '';
    (0, node_test_1.before)(async () => {
        await new Promise((resolve) => hub.server.listen(0, '127.0.0.1', resolve));
        url = `http://127.0.0.1:${hub.server.address().port}/events`;
    });
    (0, node_test_1.after)(() => new Promise((resolve) => hub.server.close(() => resolve())));
    const { events } = (0, firm_1.simulateFirm)({ seed: 9, scale: 0.3 });
    (0, node_test_1.it)('posts batches of at most N as a CloudEvents batch, in order, and sums the answers', async () => {
        hub.reset();
        const delivered = [...(0, delivery_1.deliver)(events, { mode: 'duplicates', seed: 2 })];
        const summary = await (0, post_1.postEvents)(delivered, { url, batchSize: 100, progress: false });
        strict_1.default.equal(summary.sent, delivered.length);
        strict_1.default.equal(summary.accepted, events.length);
        strict_1.default.equal(summary.duplicates, delivered.length - events.length);
        strict_1.default.equal(summary.rejected, 0);
        strict_1.default.equal(summary.requests, Math.ceil(delivered.length / 100));
        strict_1.default.ok(hub.requests.every((r) => r.contentType === 'application/cloudevents-batch+json' && r.ids.length <= 100));
        strict_1.default.deepEqual(hub.requests.flatMap((r) => r.ids), delivered.map((e) => `${e.source} ${e.id}`));
    });
    (0, node_test_1.it)('keeps several requests in flight when asked, and still sends everything', async () => {
        hub.reset();
        const summary = await (0, post_1.postEvents)(events, { url, batchSize: 50, concurrency: 4, progress: false });
        strict_1.default.equal(summary.accepted, events.length);
        strict_1.default.equal(hub.seen.size, events.length);
    });
    (0, node_test_1.it)('keeps a steady pace and reports progress', async () => {
        hub.reset();
        const lines = [];
        const started = Date.now();
        // at 400 events/s: batches of 100, leaving at 0, 0.25, 0.5 s
        const summary = await (0, post_1.postEvents)(events.slice(0, 300), { url, rate: 400, progress: (l) => lines.push(l), progressEverySeconds: 0.1, total: 300 });
        const seconds = (Date.now() - started) / 1000;
        strict_1.default.equal(summary.accepted, 300);
        strict_1.default.ok(seconds >= 0.45, `300 events at 400/s took ${seconds} s`);
        strict_1.default.equal(hub.requests.length, 3, 'small batches for a smooth flow');
        strict_1.default.match(lines[lines.length - 1], /300\/300 \(100\.0%\) events sent, \d+ events\/s/);
    });
    (0, node_test_1.it)('fails loudly on an answer other than 202', async () => {
        hub.reset();
        hub.fail(503);
        await strict_1.default.rejects((0, post_1.postEvents)(events, { url, progress: false }), (error) => {
            strict_1.default.ok(error instanceof post_1.PostError);
            strict_1.default.equal(error.status, 503);
            strict_1.default.match(error.message, /expected 202, but got 503: .*database unavailable/);
            return true;
        });
    });
    (0, node_test_1.it)('refuses a batch size above the contract limit', async () => {
        await strict_1.default.rejects((0, post_1.postEvents)(events, { url, batchSize: 1001 }), /from 1 to 1000/);
    });
});
(0, node_test_1.describe)('runSimulateCommand', () => {
    const hub = standIn();
    let url = '';
    (0, node_test_1.before)(async () => {
        await new Promise((resolve) => hub.server.listen(0, '127.0.0.1', resolve));
        url = `http://127.0.0.1:${hub.server.address().port}/events`;
    });
    (0, node_test_1.after)(() => new Promise((resolve) => hub.server.close(() => resolve())));
    const capture = () => {
        const out = { stdout: '', stderr: '' };
        return { out, io: { stdout: { write: (t) => (out.stdout += t) }, stderr: { write: (t) => (out.stderr += t) } } };
    };
    (0, node_test_1.it)('posts the firm in a mode and prints the expected figures', async () => {
        hub.reset();
        const { out, io } = capture();
        const code = await (0, cli_1.runSimulateCommand)(['--seed', '4', '--scale', '0.3', '--mode', 'shuffled', '--url', url, '--batch', '200', '--print-oracle'], io);
        strict_1.default.equal(code, 0, out.stderr);
        const figures = JSON.parse(out.stdout);
        strict_1.default.equal(hub.seen.size, figures.events.applied);
        strict_1.default.ok(Object.keys(figures.projects).length > 0);
        strict_1.default.ok(figures.portfolio.length >= 2);
        strict_1.default.match(out.stderr, /accepted/);
    });
    (0, node_test_1.it)('prints the oracle without posting', async () => {
        hub.reset();
        const { out, io } = capture();
        strict_1.default.equal(await (0, cli_1.runSimulateCommand)(['--scale', '0.3', '--no-post', '--print-oracle', '--quiet'], io), 0);
        strict_1.default.equal(hub.requests.length, 0);
        strict_1.default.equal(out.stderr, '');
        strict_1.default.ok(JSON.parse(out.stdout).customers);
    });
    (0, node_test_1.it)('says what was expected for a bad option', async () => {
        const { out, io } = capture();
        strict_1.default.equal(await (0, cli_1.runSimulateCommand)(['--mode', 'sideways'], io), 2);
        strict_1.default.match(out.stderr, /--mode expects one of in-order\|duplicates\|interleaved\|shuffled, but got "sideways"/);
        strict_1.default.equal(await (0, cli_1.runSimulateCommand)(['--batch', '5000'], io), 2);
        strict_1.default.match(out.stderr, /--batch expects an integer from 1 to 1000, but got "5000"/);
    });
    (0, node_test_1.it)('exits 1 when the hub cannot be reached', async () => {
        const { out, io } = capture();
        strict_1.default.equal(await (0, cli_1.runSimulateCommand)(['--scale', '0.2', '--url', 'http://127.0.0.1:9/events', '--quiet'], io), 1);
        strict_1.default.match(out.stderr, /could not reach http:\/\/127\.0\.0\.1:9\/events/);
    });
});
//# sourceMappingURL=post.unit.test.js.map