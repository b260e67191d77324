/** The change feed announces each range of changes it read, before delivering them, on a diagnostics channel. */
import assert from 'node:assert/strict';
import diagnosticsChannel from 'node:diagnostics_channel';
import { after, before, describe, it } from 'node:test';
import { ChangeFeed, type LiveChange } from '../../live/changeFeed';
import { CHANGES_READ_CHANNEL, type ChangesRead } from '../../live/diagnostics';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';

describe('live diagnostics: changes read', () => {
  let db: TestDatabase;
  let feed: ChangeFeed | undefined;

  before(async () => {
    db = await createTestDatabase();
  });
  after(async () => {
    await feed?.stop();
    await db?.drop();
  });

  it('publishes the first and last change id of every read, before the changes are delivered', async () => {
    const events: string[] = [];
    const listener = (message: unknown) => events.push(`read ${(message as ChangesRead).first}..${(message as ChangesRead).last}`);
    diagnosticsChannel.subscribe(CHANGES_READ_CHANNEL, listener);
    try {
      feed = new ChangeFeed({ pool: db.pool, databaseUrl: db.url, pollMs: 50 });
      feed.subscribe((change: LiveChange) => events.push(`delivered ${change.changeId}`));
      await feed.start();
      const { rows } = await db.pool.query<{ position: string }>(
        `INSERT INTO hub.event_log (source, event_id, type, subject, sequence, event_time, content_hash, envelope)
         VALUES ('billing', 'e-1', 'ps.billing.invoice.drafted', 'inv-1', NULL, now(), 'h', '{}')
         RETURNING position::text AS position`);
      const ids = await db.pool.query<{ id: string }>(
        `INSERT INTO hub.change_feed (event_position, entity_kind, entity_id, event_type, event_id, event_source)
         SELECT $1, 'invoice', x, 'ps.billing.invoice.drafted', 'e-1', 'billing' FROM unnest(ARRAY['inv-1', 'inv-2']) AS x
         RETURNING change_id::text AS id`, [rows[0]!.position]);
      const [first, last] = ids.rows.map((r) => r.id);
      await feed.caughtUp();
      assert.deepEqual(events, [`read ${first}..${last}`, `delivered ${first}`, `delivered ${last}`]);
    } finally {
      diagnosticsChannel.unsubscribe(CHANGES_READ_CHANNEL, listener);
    }
  });
});
