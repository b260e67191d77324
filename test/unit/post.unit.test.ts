/**
 * The poster and the simulate command against a small in-process stand-in
 * for the ingest endpoint (it answers like docs/api.md#ingest-over-http).
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { runSimulateCommand } from '../../simulator/cli';
import { deliver } from '../../simulator/delivery';
import { simulateFirm } from '../../simulator/firm';
import { PostError, postEvents } from '../../simulator/post';

interface Received {
  contentType: string | undefined;
  ids: string[];
}

/** A stand-in ingest: 202 with accepted/duplicates per (source, id); `failWith` makes it answer that status. */
function standIn() {
  const seen = new Set<string>();
  const requests: Received[] = [];
  let failWith: number | undefined;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      if (failWith) {
        res.writeHead(failWith, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'database unavailable' }));
        return;
      }
      const events = JSON.parse(body) as { source: string; id: string }[];
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
    fail(status: number) {
      failWith = status;
    },
  };
}

describe('postEvents', () => {
  const hub = standIn();
  let url = '';
  before(async () => {
    await new Promise<void>((resolve) => hub.server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(hub.server.address() as AddressInfo).port}/events`;
  });
  after(() => new Promise<void>((resolve) => hub.server.close(() => resolve())));

  const { events } = simulateFirm({ seed: 9, scale: 0.3 });

  it('posts batches of at most N as a CloudEvents batch, in order, and sums the answers', async () => {
    hub.reset();
    const delivered = [...deliver(events, { mode: 'duplicates', seed: 2 })];
    const summary = await postEvents(delivered, { url, batchSize: 100, progress: false });
    assert.equal(summary.sent, delivered.length);
    assert.equal(summary.accepted, events.length);
    assert.equal(summary.duplicates, delivered.length - events.length);
    assert.equal(summary.rejected, 0);
    assert.equal(summary.requests, Math.ceil(delivered.length / 100));
    assert.ok(hub.requests.every((r) => r.contentType === 'application/cloudevents-batch+json' && r.ids.length <= 100));
    assert.deepEqual(hub.requests.flatMap((r) => r.ids), delivered.map((e) => `${e.source} ${e.id}`));
  });

  it('keeps several requests in flight when asked, and still sends everything', async () => {
    hub.reset();
    const summary = await postEvents(events, { url, batchSize: 50, concurrency: 4, progress: false });
    assert.equal(summary.accepted, events.length);
    assert.equal(hub.seen.size, events.length);
  });

  it('keeps a steady pace and reports progress', async () => {
    hub.reset();
    const lines: string[] = [];
    const started = Date.now();
    // at 400 events/s: batches of 100, leaving at 0, 0.25, 0.5 s
    const summary = await postEvents(events.slice(0, 300), { url, rate: 400, progress: (l) => lines.push(l), progressEverySeconds: 0.1, total: 300 });
    const seconds = (Date.now() - started) / 1000;
    assert.equal(summary.accepted, 300);
    assert.ok(seconds >= 0.45, `300 events at 400/s took ${seconds} s`);
    assert.equal(hub.requests.length, 3, 'small batches for a smooth flow');
    assert.match(lines[lines.length - 1], /300\/300 \(100\.0%\) events sent, \d+ events\/s/);
  });

  it('fails loudly on an answer other than 202', async () => {
    hub.reset();
    hub.fail(503);
    await assert.rejects(postEvents(events, { url, progress: false }), (error: unknown) => {
      assert.ok(error instanceof PostError);
      assert.equal(error.status, 503);
      assert.match(error.message, /expected 202, but got 503: .*database unavailable/);
      return true;
    });
  });

  it('refuses a batch size above the contract limit', async () => {
    await assert.rejects(postEvents(events, { url, batchSize: 1001 }), /from 1 to 1000/);
  });
});

describe('runSimulateCommand', () => {
  const hub = standIn();
  let url = '';
  before(async () => {
    await new Promise<void>((resolve) => hub.server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(hub.server.address() as AddressInfo).port}/events`;
  });
  after(() => new Promise<void>((resolve) => hub.server.close(() => resolve())));

  const capture = () => {
    const out = { stdout: '', stderr: '' };
    return { out, io: { stdout: { write: (t: string) => (out.stdout += t) }, stderr: { write: (t: string) => (out.stderr += t) } } };
  };

  it('posts the firm in a mode and prints the expected figures', async () => {
    hub.reset();
    const { out, io } = capture();
    const code = await runSimulateCommand(['--seed', '4', '--scale', '0.3', '--mode', 'shuffled', '--url', url, '--batch', '200', '--print-oracle'], io);
    assert.equal(code, 0, out.stderr);
    const figures = JSON.parse(out.stdout) as { projects: object; portfolio: unknown[]; events: { applied: number } };
    assert.equal(hub.seen.size, figures.events.applied);
    assert.ok(Object.keys(figures.projects).length > 0);
    assert.ok(figures.portfolio.length >= 2);
    assert.match(out.stderr, /accepted/);
  });

  it('prints the oracle without posting', async () => {
    hub.reset();
    const { out, io } = capture();
    assert.equal(await runSimulateCommand(['--scale', '0.3', '--no-post', '--print-oracle', '--quiet'], io), 0);
    assert.equal(hub.requests.length, 0);
    assert.equal(out.stderr, '');
    assert.ok(JSON.parse(out.stdout).customers);
  });

  it('says what was expected for a bad option', async () => {
    const { out, io } = capture();
    assert.equal(await runSimulateCommand(['--mode', 'sideways'], io), 2);
    assert.match(out.stderr, /--mode expects one of in-order\|duplicates\|interleaved\|shuffled, but got "sideways"/);
    assert.equal(await runSimulateCommand(['--batch', '5000'], io), 2);
    assert.match(out.stderr, /--batch expects an integer from 1 to 1000, but got "5000"/);
  });

  it('exits 1 when the hub cannot be reached', async () => {
    const { out, io } = capture();
    assert.equal(await runSimulateCommand(['--scale', '0.2', '--url', 'http://127.0.0.1:9/events', '--quiet'], io), 1);
    assert.match(out.stderr, /could not reach http:\/\/127\.0\.0\.1:9\/events/);
  });
});
