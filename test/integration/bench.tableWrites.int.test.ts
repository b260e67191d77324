import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { startTableWrites, tableWritesLine } from '../../bench/tableWrites';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';

describe('the rows and index entries a benchmark window wrote', () => {
  let db: TestDatabase;
  before(async () => {
    db = await createTestDatabase({ migrate: false });
    await db.pool.query(`CREATE TABLE t (id int PRIMARY KEY, grp int NOT NULL, note text) WITH (fillfactor = 50);
                         CREATE INDEX t_grp ON t (grp);
                         CREATE TABLE untouched (id int PRIMARY KEY)`);
    await db.pool.query(`INSERT INTO t SELECT g, g, '' FROM generate_series(1, 5) g`);
  });
  after(() => db.drop());

  it('counts only what came after the start, by table, and the index entries of updates that were not HOT', async () => {
    const stop = await startTableWrites(db.url);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    await client.query(`INSERT INTO t SELECT g, g, '' FROM generate_series(6, 15) g`);
    // An indexed column changes: a new entry in both indexes for each of the 3 rows.
    await client.query(`UPDATE t SET grp = grp + 100 WHERE id <= 3`);
    // Only an unindexed column changes, with room on the page: HOT, no index entry.
    await client.query(`UPDATE t SET note = 'x' WHERE id = 10`);
    await client.query(`DELETE FROM t WHERE id = 15`);
    // The session reports its counts as it ends.
    await client.end();
    const writes = await stop();
    assert.deepEqual(writes, [{ table: 'public.t', inserted: 10, updated: 4, deleted: 1, indexEntries: 2 * (10 + 3) }]);
    assert.equal(tableWritesLine('written', writes, 10),
      '- written: 1.50 rows and 2.60 index entries per event in all (the COPY ceiling: 1 row, no index entry); ' +
      'public.t 1.00 inserted + 0.40 updated + 0.10 deleted (2.60 index entries)');
  });
});
