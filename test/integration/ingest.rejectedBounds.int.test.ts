/**
 * A junk flood cannot grow hub.rejected_event without bound: an identical
 * rejection sent again is counted on the row already kept, not stored again;
 * junk that differs event by event is bounded by the cap and the retention
 * (ingest/rejectedRetention.ts). Valid events are accepted all along.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pruneRejectedEvents } from '../../ingest/rejectedRetention';
import { anEvent } from '../support/events';
import { startIngestHarness, type IngestHarness } from '../support/ingestHarness';

describe('rejected events kept within bounds', () => {
  let ingest: IngestHarness;
  before(async () => {
    ingest = await startIngestHarness();
  });
  after(async () => {
    await ingest?.close();
  });

  const rows = async () => (await ingest.db.pool.query<{ n: string; times: string }>(
    'SELECT count(*) AS n, coalesce(sum(times), 0) AS times FROM hub.rejected_event')).rows[0]!;
  const junk = (n: number, tag: string) => Array.from({ length: n }, (_, i) => ({ specversion: '1.0', id: `junk-${tag}-${i}`, type: 'nonsense' }));

  it('counts an identical junk batch sent again instead of storing it again', async () => {
    const batch = junk(200, 'same');
    for (let i = 0; i < 5; i++) {
      const answer = await ingest.post(batch);
      assert.equal(answer.status, 202);
      assert.equal(answer.body.rejected, 200, 'every time, the sender is told each event was rejected');
    }
    const kept = await rows();
    assert.equal(Number(kept.n), 200, 'one row per distinct rejection');
    assert.equal(Number(kept.times), 1000, 'each counted five times');
    const listed = await ingest.request('GET', '/rejected?limit=1');
    assert.equal(listed.body.rejected[0].times, 5);
    assert.match(listed.body.rejected[0].lastReceivedAt, /^\d{4}-\d\d-\d\dT/);
  });

  it('keeps at most the cap of differing junk, the newest, and drops what is past the retention', async () => {
    for (let i = 0; i < 5; i++) assert.equal((await ingest.post(junk(500, `differs-${i}`))).status, 202);
    assert.equal(Number((await rows()).n), 2700);
    const capped = await pruneRejectedEvents(ingest.db.pool, 30, 1000, 300);
    assert.equal(capped.deleted, 1700);
    assert.equal(Number((await rows()).n), 1000);
    const newest = await ingest.db.pool.query<{ event_id: string }>('SELECT event_id FROM hub.rejected_event ORDER BY rejection_id DESC LIMIT 1');
    assert.equal(newest.rows[0]!.event_id, 'junk-differs-4-499', 'the newest are kept');

    await ingest.db.pool.query(`UPDATE hub.rejected_event SET received_at = now() - interval '31 days' WHERE rejection_id IN (
      SELECT rejection_id FROM hub.rejected_event ORDER BY rejection_id LIMIT 400)`);
    const aged = await pruneRejectedEvents(ingest.db.pool, 30, 1000);
    assert.equal(aged.deleted, 400);
    assert.equal(Number((await rows()).n), 600);

    const valid = await ingest.post([anEvent('ps.customer.account.upserted', { accountId: 'ACC-OK', name: 'Fine AG', legalEntityId: 'LE-1', billingCurrency: 'EUR' })]);
    assert.equal(valid.status, 202);
    assert.equal(valid.body.accepted, 1, 'ingest serves valid events all along');
  });
});
