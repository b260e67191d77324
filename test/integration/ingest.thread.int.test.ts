/** The ingest port is served by a thread of its own: a busy main thread does not hold its requests. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';
import { startIngestServer } from '../../ingest/server';
import { envelopeOf, exampleOf } from '../fixtures/catalogueExamples';
import { eventually } from '../support/eventually';
import { startIngestHarness, type IngestHarness } from '../support/ingestHarness';
import { createTestDatabase } from '../support/testDatabase';

/**
 * A client on a thread of its own: posts `body` to `url` and answers the
 * status and when (epoch ms) the answer was read, so the main thread can be
 * kept busy meanwhile.
 */
function postFromAnotherThread(url: string, body: string): Promise<{ status: number; answeredAt: number; text: string }> {
  const worker = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
     fetch(workerData.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: workerData.body })
       .then(async (response) => {
         const text = await response.text();
         parentPort.postMessage({ status: response.status, answeredAt: performance.timeOrigin + performance.now(), text });
       })
       .catch((error) => parentPort.postMessage({ error: String(error) }));`,
    { eval: true, workerData: { url, body } },
  );
  return new Promise((resolve, reject) => {
    worker.once('message', (message) => {
      void worker.terminate();
      if ('error' in message) reject(new Error(message.error));
      else resolve(message);
    });
    worker.once('error', reject);
  });
}

/** Keeps this thread's event loop from running for `ms`. */
function busy(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until);
}

describe('the ingest thread', () => {
  let h: IngestHarness;
  before(async () => (h = await startIngestHarness()));
  after(() => h?.close());

  it('should store and answer a request while the main thread is busy', async () => {
    // Warm: the client thread's fetch and the ingest thread's first statement are not what is measured.
    const warm = await postFromAnotherThread(`${h.baseUrl}/events`, JSON.stringify([envelopeOf(exampleOf('ps.billing.invoice.sent'), { id: 'thread-0' })]));
    assert.equal(warm.status, 202);

    const answer = postFromAnotherThread(`${h.baseUrl}/events`, JSON.stringify([envelopeOf(exampleOf('ps.billing.invoice.sent'), { id: 'thread-1' })]));
    const busyFrom = Date.now();
    busy(3000);
    const busyUntil = Date.now();
    const { status, answeredAt, text } = await answer;
    assert.equal(status, 202);
    assert.equal(JSON.parse(text).accepted, 1);
    assert.ok(answeredAt < busyUntil, `expected the answer while the main thread was busy (${busyFrom}–${busyUntil}), got it at ${Math.round(answeredAt)}`);
    const { rows } = await h.db.pool.query(`SELECT event_id FROM hub.event_log WHERE event_id = 'thread-1'`);
    assert.equal(rows.length, 1);
  });

  it('should report the group commit\'s counts to the main thread', async () => {
    const before = h.server.groupCommitStats();
    const answer = await h.post([envelopeOf(exampleOf('ps.billing.invoice.sent'), { id: 'thread-2' })]);
    assert.equal(answer.status, 202);
    const after = h.server.groupCommitStats();
    assert.deepEqual(after, { ...before, requests: before.requests + 1, transactions: before.transactions + 1, waiting: 0 });
  });
});

describe('when the ingest thread stops unexpectedly', () => {
  it('should log it and serve the same port from a new thread', async () => {
    const db = await createTestDatabase();
    const marker = path.join(os.tmpdir(), `ingest-thread-stop-${process.pid}-${Date.now()}`);
    fs.writeFileSync(marker, '');
    process.env.INGEST_THREAD_STOP_MARKER = marker;
    const errors: string[] = [];
    const log = { debug: () => undefined, warn: () => undefined, error: (message: string) => errors.push(message) };
    try {
      const server = await startIngestServer({ pool: db.pool, host: '127.0.0.1', port: 0, log }, path.join(__dirname, '../fixtures/ingestThreadThatStops.js'));
      try {
        await eventually('the first thread stopped', () => errors.length > 0);
        assert.match(errors[0]!, new RegExp(`the ingest thread stopped \\(exit code 1\\); starting a new one on port ${server.port}`));
        let answer: Response | undefined;
        await eventually('a new thread answering on the same port', async () => {
          answer = await fetch(`http://127.0.0.1:${server.port}/events`, {
            method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([envelopeOf(exampleOf('ps.billing.invoice.sent'), { id: 'after-stop-1' })]),
          }).catch(() => undefined);
          return answer !== undefined;
        });
        assert.equal(answer!.status, 202);
        assert.equal(((await answer!.json()) as { accepted: number }).accepted, 1);
        assert.equal(fs.existsSync(marker), false, 'the first thread took the marker');
        assert.equal(errors.length, 1, errors.join('\n'));
      } finally {
        await server.close();
      }
    } finally {
      delete process.env.INGEST_THREAD_STOP_MARKER;
      fs.rmSync(marker, { force: true });
      await db.drop();
    }
  });
});
