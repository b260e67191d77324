import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ingestEvents } from '../../ingest/ingestEvents';
import { readIngestStatus } from '../../hub/status';
import { Projector, type ProjectorOptions } from '../../listeners/projector';
import { READ_MODEL_TABLES } from '../../listeners/rows';
import { simulateFirm } from '../../simulator/firm';
import { readModelTables } from '../support/readModelTables';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';

/**
 * A batch is decided while the one before it commits, and loads the rows the
 * cache does not hold at once, except those the batch in flight may have
 * written (listeners/inFlightBatch.ts). With a cache smaller than a batch,
 * that batch's own rows are dropped at once and must be waited for; with no
 * cache at all, every row is.
 */
describe('batches decided ahead of the commit before them', () => {
  const firm = simulateFirm({ seed: 'decided-ahead', scale: 0.5 });
  const setups: [string, ProjectorOptions][] = [
    ['one batch for the whole log', { batchSize: 1_000_000 }],
    ['batches of 60, the default cache', { batchSize: 60 }],
    ['batches of 60, a cache of 40 rows', { batchSize: 60, cacheRows: 40 }],
    ['batches of 60, no cache', { batchSize: 60, cacheRows: 0 }],
  ];
  const runs: { name: string; db: TestDatabase }[] = [];

  before(async () => {
    for (const [name, options] of setups) {
      const db = await createTestDatabase();
      runs.push({ name, db });
      for (let at = 0; at < firm.events.length; at += 500) assert.equal((await ingestEvents(db.pool, firm.events.slice(at, at + 500))).rejected, 0);
      await new Projector(db.pool, options).drain();
    }
  });
  after(async () => {
    for (const { db } of runs) await db.drop();
  });

  it('take every event, and apply as many as one batch does', async () => {
    const reference = await readIngestStatus(runs[0]!.db.pool);
    assert.equal(reference.received, firm.events.length);
    for (const { name, db } of runs) {
      const status = await readIngestStatus(db.pool);
      assert.equal(status.pending, 0, name);
      assert.deepEqual([status.applied, status.parked, status.stale], [reference.applied, reference.parked, reference.stale], name);
    }
  });

  it('leave the read model one batch leaves, whether the cache keeps the rows they read or drops them at once', async () => {
    const [reference, ...others] = runs;
    const expected = await readModelTables(reference!.db.pool);
    for (const { name, db } of others) {
      const actual = await readModelTables(db.pool);
      for (const table of READ_MODEL_TABLES) assert.equal(actual[table], expected[table], `${name}: ${table} differs`);
    }
  });
});
