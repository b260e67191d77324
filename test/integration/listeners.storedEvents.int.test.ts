import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Projector } from '../../listeners/projector';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';

/**
 * The projector validates what it reads back from the log again (normalizing
 * it as ingest does): an event that does not pass — written by an older
 * release with other rules, or into the table by hand — is recorded as an
 * exception, and the events after it are applied.
 */
describe('stored events that no longer pass validation', () => {
  let db: TestDatabase;

  before(async () => {
    db = await createTestDatabase();
  });
  after(() => db?.drop());

  const insert = (id: string, envelope: object) => db.pool.query(
    `INSERT INTO hub.event_log (source, event_id, type, subject, sequence, event_time, content_hash, envelope)
     VALUES ('/crm/x', $1, $2, $3, NULL, now(), md5($1), $4::jsonb)`,
    [id, (envelope as { type: string }).type, (envelope as { subject: string }).subject, JSON.stringify(envelope)]);

  it('are exceptions of code INVALID_STORED_EVENT, and the log goes on', async () => {
    const account = (id: string, data: object) => ({
      specversion: '1.0', id, source: '/crm/x', type: 'ps.customer.account.upserted', subject: 'ACC-1',
      time: '2026-01-05T10:00:00Z', data,
    });
    await insert('e1', account('e1', { accountId: 'ACC-1', legalEntityId: 'LE-1', billingCurrency: 'EUR' }));
    await insert('e2', account('e2', { accountId: 'ACC-1', name: 'Acme', legalEntityId: 'LE-1', billingCurrency: 'EUR' }));
    await new Projector(db.pool, { batchSize: 10 }).drain();
    const { rows: exceptions } = await db.pool.query(`SELECT position::text, code, message FROM hub.exception ORDER BY position`);
    assert.equal(exceptions.length, 1);
    assert.equal(exceptions[0].code, 'INVALID_STORED_EVENT');
    assert.match(exceptions[0].message, /data\.name/);
    const { rows: accounts } = await db.pool.query(`SELECT name FROM customer.account WHERE id = 'ACC-1'`);
    assert.deepEqual(accounts, [{ name: 'Acme' }]);
  });
});
