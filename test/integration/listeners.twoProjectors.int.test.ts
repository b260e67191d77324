import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startIngestServer } from '../../ingest/server';
import { Projector } from '../../listeners/projector';
import { deliver } from '../../simulator/delivery';
import { simulateFirm } from '../../simulator/firm';
import { expectedFigures } from '../../simulator/oracle';
import { postEvents } from '../../simulator/post';
import { sameFields } from '../support/graphqlFigures';
import { NOT_READ, readModelFigures } from '../support/readModelFigures';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';

describe('two projectors taking turns on one database (two hub processes)', () => {
  const firm = simulateFirm({ seed: 'two-projectors', scale: 0.5 });
  let db: TestDatabase;
  before(async () => {
    db = await createTestDatabase();
    const ingest = await startIngestServer({ pool: db.pool, host: '127.0.0.1', port: 0 });
    try {
      await postEvents([...deliver(firm.events, { mode: 'interleaved', seed: 5, window: 300 })],
        { url: `http://127.0.0.1:${ingest.port}/events`, progress: false });
    } finally {
      await ingest.close();
    }
    // Each keeps rows between its batches; the other's batches in between must not be missed.
    const one = new Projector(db.pool, { batchSize: 61 });
    const two = new Projector(db.pool, { batchSize: 89 });
    for (let turn = 0; ; turn++) {
      const { events } = await (turn % 3 === 2 ? two : one).processBatch();
      if (events === 0 && (await (turn % 3 === 2 ? one : two).processBatch()).events === 0) break;
    }
  });
  after(() => db?.drop());

  it('applies every event once and ends with the figures of the oracle', async () => {
    const { rows } = await db.pool.query(`SELECT value::int AS applied FROM hub.counter WHERE name = 'applied'`);
    assert.equal(rows[0].applied, firm.events.length);
    const expected = expectedFigures(firm.events);
    const actual = await readModelFigures(db.pool);
    assert.deepEqual(actual.projects, sameFields(expected.projects, NOT_READ.projects));
    assert.deepEqual(actual.invoices, sameFields(expected.invoices, NOT_READ.invoices));
    assert.deepEqual(actual.customers, sameFields(expected.customers, NOT_READ.customers));
  });
});
