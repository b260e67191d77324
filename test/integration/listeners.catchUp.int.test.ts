import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ingestEvents } from '../../ingest/ingestEvents';
import { readIngestStatus } from '../../hub/status';
import type { BatchResult } from '../../listeners/projector';
import { startListeners } from '../../listeners/runner';
import { simulateFirm } from '../../simulator/firm';
import { expectedFigures } from '../../simulator/oracle';
import { sameFields } from '../support/graphqlFigures';
import { NOT_READ, readModelFigures } from '../support/readModelFigures';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';

describe('the live runner catching up on a log that is behind', () => {
  const firm = simulateFirm({ seed: 'catch-up', scale: 0.5 });
  const runs: { catchUpEvents: number; db: TestDatabase; batches: BatchResult[] }[] = [];

  before(async () => {
    for (const catchUpEvents of [0, 1000]) {
      const db = await createTestDatabase();
      // The whole log is there before the listeners start: every read but the last comes back full.
      for (let at = 0; at < firm.events.length; at += 500) assert.equal((await ingestEvents(db.pool, firm.events.slice(at, at + 500))).rejected, 0);
      const batches: BatchResult[] = [];
      const runner = await startListeners({ databaseUrl: db.url, batchSize: 100, pollMs: 20, catchUpEvents, onBatch: (batch) => batches.push(batch) });
      await runner.caughtUp();
      await runner.stop();
      runs.push({ catchUpEvents, db, batches });
    }
  });
  after(async () => {
    for (const { db } of runs) await db.drop();
  });

  it('goes on through the log in one transaction up to the bound, past what one read takes', () => {
    const [oneRead, catchingUp] = runs;
    // One read takes at most 4 × the batch size when behind.
    assert.ok(Math.max(...oneRead!.batches.map((b) => b.events)) <= 400, 'with 0, a transaction is one read');
    const largest = Math.max(...catchingUp!.batches.map((b) => b.events));
    assert.ok(largest > 1000 && largest <= 1000 + 400, `with 1000, the largest transaction took ${largest} events`);
    assert.ok(catchingUp!.batches.length < oneRead!.batches.length / 2, `${catchingUp!.batches.length} transactions against ${oneRead!.batches.length}`);
  });

  it('leaves the same read model either way, the oracle\'s', async () => {
    const expected = expectedFigures(firm.events);
    for (const { db, catchUpEvents } of runs) {
      const status = await readIngestStatus(db.pool);
      assert.equal(status.applied, firm.events.length, `applied with ${catchUpEvents}`);
      assert.equal(status.pending, 0);
      const actual = await readModelFigures(db.pool);
      assert.deepEqual(actual.projects, sameFields(expected.projects, NOT_READ.projects));
      assert.deepEqual(actual.invoices, sameFields(expected.invoices, NOT_READ.invoices));
      assert.deepEqual(actual.customers, sameFields(expected.customers, NOT_READ.customers));
    }
  });
});
