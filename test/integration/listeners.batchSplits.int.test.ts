import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startIngestServer } from '../../ingest/server';
import { Projector } from '../../listeners/projector';
import { READ_MODEL_TABLES } from '../../listeners/rows';
import { simulateFirm } from '../../simulator/firm';
import { postEvents } from '../../simulator/post';
import { readModelTables } from '../support/readModelTables';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';

describe('the read model does not depend on where batches split the log', () => {
  const firm = simulateFirm({ seed: 'batch-splits', scale: 1.5 });
  const dbs: TestDatabase[] = [];

  before(async () => {
    for (const batchSize of [7, 100_000]) {
      const db = await createTestDatabase();
      dbs.push(db);
      const ingest = await startIngestServer({ pool: db.pool, host: '127.0.0.1', port: 0 });
      try {
        await postEvents(firm.events, { url: `http://127.0.0.1:${ingest.port}/events`, batchSize: 500, progress: false });
      } finally {
        await ingest.close();
      }
      await new Projector(db.pool, { batchSize }).drain();
    }
  });
  after(async () => {
    for (const db of dbs) await db.drop();
  });

  it('has invoices posted and voided again', async () => {
    const { rows } = await dbs[0]!.pool.query(`SELECT count(*)::int AS n FROM billing.invoice WHERE status = 'voided' AND posted_at IS NOT NULL`);
    assert.ok(rows[0].n > 0);
  });
  it('gives the same rows with batches of 7 events as with one batch of all of them', async () => {
    const [small, whole] = [await readModelTables(dbs[0]!.pool), await readModelTables(dbs[1]!.pool)];
    for (const table of READ_MODEL_TABLES) assert.equal(small[table], whole[table], `${table} differs`);
  });
});
