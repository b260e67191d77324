import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startIngestServer, type IngestServer } from '../../ingest/server';
import { readIngestStatus } from '../../hub/status';
import type { BatchResult } from '../../listeners/projector';
import { startListenersThread, type ListenerThread } from '../../listeners/threadRunner';
import { deliver } from '../../simulator/delivery';
import { simulateFirm } from '../../simulator/firm';
import { expectedFigures } from '../../simulator/oracle';
import { postEvents } from '../../simulator/post';
import { sameFields } from '../support/graphqlFigures';
import { NOT_READ, readModelFigures } from '../support/readModelFigures';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';

describe('the listener runner on a thread of its own (as the hub runs it)', () => {
  const firm = simulateFirm({ seed: 'listener-thread', scale: 0.5 });
  let db: TestDatabase;
  let ingest: IngestServer;
  let runner: ListenerThread | undefined;
  const batches: BatchResult[] = [];

  before(async () => {
    db = await createTestDatabase();
    const listeners = await startListenersThread({ databaseUrl: db.url, batchSize: 150, pollMs: 20, onBatch: (batch) => batches.push(batch) });
    runner = listeners;
    // As the hub wires them: what ingest commits reaches the listeners' thread from memory too.
    ingest = await startIngestServer({ pool: db.pool, host: '127.0.0.1', port: 0, committedEvents: () => listeners.committedEventsPort() });
    await postEvents([...deliver(firm.events, { mode: 'interleaved', seed: 9, window: 300 })],
      { url: `http://127.0.0.1:${ingest.port}/events`, batchSize: 200, progress: false });
    while ((await readIngestStatus(db.pool)).pending > 0) await runner.caughtUp();
  });
  after(async () => {
    await runner?.stop();
    await ingest?.close();
    await db?.drop();
  });

  it('applies what ingest accepts while it runs, reporting each committed batch', async () => {
    const status = await readIngestStatus(db.pool);
    assert.equal(status.applied, firm.events.length);
    assert.equal(batches.reduce((sum, batch) => sum + batch.events, 0), firm.events.length);
    const expected = expectedFigures(firm.events);
    const actual = await readModelFigures(db.pool);
    assert.deepEqual(actual.projects, sameFields(expected.projects, NOT_READ.projects));
    assert.deepEqual(actual.invoices, sameFields(expected.invoices, NOT_READ.invoices));
  });
  it('stops, and is caught up at once once stopped', async () => {
    assert.equal(runner!.notRunning(), undefined, 'running before stop');
    await runner!.stop();
    assert.equal(runner!.notRunning(), 'the listeners were stopped');
    // "At once": settled within the current turn of the event loop, not after a round trip to a thread that is gone.
    let settled = false;
    void runner!.caughtUp().then(() => { settled = true; });
    await new Promise((resolve) => setImmediate(resolve));
    assert.ok(settled, 'caughtUp() of a stopped runner resolves at once');
    runner = undefined;
  });
});
