import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startIngestServer, type IngestServer } from '../../ingest/server';
import { Projector } from '../../listeners/projector';
import { rebuildAndCompare } from '../../listeners/rebuild';
import { deliver } from '../../simulator/delivery';
import { simulateFirm } from '../../simulator/firm';
import { postEvents } from '../../simulator/post';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';

describe('rebuild', () => {
  // A mixed run: shuffled delivery with duplicates on top, and events that break lifecycles.
  const firm = simulateFirm({ seed: 'rebuild', scale: 0.6, illegal: true });
  let db: TestDatabase;
  let ingest: IngestServer;

  before(async () => {
    db = await createTestDatabase();
    ingest = await startIngestServer({ pool: db.pool, host: '127.0.0.1', port: 0 });
    const url = `http://127.0.0.1:${ingest.port}/events`;
    const projector = new Projector(db.pool, { batchSize: 133 });
    const shuffled = [...deliver(firm.events, { mode: 'shuffled', seed: 11 })];
    const half = Math.floor(shuffled.length / 2);
    // Apply part of it live, then the rest with duplicates, so live batches differ from the rebuild's.
    await postEvents(shuffled.slice(0, half), { url, batchSize: 300, progress: false });
    await projector.drain();
    await postEvents([...deliver(shuffled.slice(half), { mode: 'duplicates', seed: 12 })], { url, batchSize: 300, progress: false });
    await projector.drain();
  });
  after(async () => {
    await ingest?.close();
    await db?.drop();
  });

  it('replays the whole log into a fresh read model equal to the live one, table by table', async () => {
    const report = await rebuildAndCompare({ liveUrl: db.url });
    assert.equal(report.events, firm.events.length);
    for (const table of report.tables) assert.ok(table.equal, `${table.table} differs: ${JSON.stringify(table)}`);
    assert.ok(report.tables.some((t) => t.table === 'project.project' && t.liveRows > 0));
    for (const dated of ['project.project_month', 'project.unbilled_by_fact_date', 'billing.receivable_by_due_date', 'billing.posted_by_invoice_date']) {
      assert.ok(report.tables.some((t) => t.table === dated && t.liveRows > 0 && t.equal), `${dated} is compared, with rows`);
    }
    assert.equal(report.equal, true);
  });

  it('replays into the same read model with transactions spanning several reads of the log', async () => {
    // Chunks of 40 events, transactions of 300: rows change in one transaction and again in later ones
    // (inserted, then upserted), and invoice lines and merged accounts come from the cache, never the database.
    const report = await rebuildAndCompare({ liveUrl: db.url, batchSize: 40, eventsPerTransaction: 300 });
    assert.equal(report.events, firm.events.length);
    for (const table of report.tables) assert.ok(table.equal, `${table.table} differs: ${JSON.stringify(table)}`);
  });

  it('names the figures over time where they drifted', async () => {
    const { rows } = await db.pool.query(`UPDATE project.project_month SET labor_cost = labor_cost + 1
      WHERE (project_id, month) = (SELECT project_id, month FROM project.project_month ORDER BY 1, 2 LIMIT 1) RETURNING project_id, month`);
    try {
      const report = await rebuildAndCompare({ liveUrl: db.url });
      const drifted = report.tables.filter((t) => !t.equal);
      assert.deepEqual(drifted.map((t) => t.table), ['project.project_month']);
      assert.deepEqual(drifted[0]!.differingKeys, [`${rows[0].project_id}/${rows[0].month}`]);
    } finally {
      await db.pool.query(`UPDATE project.project_month SET labor_cost = labor_cost - 1 WHERE project_id = $1 AND month = $2`, [rows[0].project_id, rows[0].month]);
    }
  });

  it('names the table and the rows where the live read model drifted', async () => {
    const { rows } = await db.pool.query(`UPDATE project.project SET labor_cost = labor_cost + 1
      WHERE id = (SELECT min(id) FROM project.project) RETURNING id`);
    const report = await rebuildAndCompare({ liveUrl: db.url });
    assert.equal(report.equal, false);
    const drifted = report.tables.filter((t) => !t.equal);
    assert.deepEqual(drifted.map((t) => t.table), ['project.project']);
    assert.deepEqual(drifted[0]!.differingKeys, [rows[0].id]);
  });
});
