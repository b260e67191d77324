/**
 * Nothing of any size is stored: a name would be copied into every query,
 * payload and live-page refresh. A name over 200 characters, free text over
 * 2000 and an event over 64 KiB of JSON (unknown fields included) are
 * rejected, each with an error that says the bound and what came; the
 * rejected copy of an oversize event is a summary, not the event; and the
 * valid events of the same request are accepted.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MAX_EVENT_BYTES } from '../../ingest/prepare';
import { anEvent } from '../support/events';
import { startIngestHarness, type IngestHarness } from '../support/ingestHarness';

describe('ingest of oversize events', () => {
  let ingest: IngestHarness;
  before(async () => {
    ingest = await startIngestHarness();
  });
  after(async () => {
    await ingest?.close();
  });

  const account = (accountId: string, name: string, extra: Record<string, unknown> = {}) => anEvent('ps.customer.account.upserted',
    { accountId, name, legalEntityId: 'LE-1', billingCurrency: 'EUR', ...extra } as never);

  it('rejects a 3 MiB name and a 100 KiB unknown field with clear errors, accepts the rest, and stores no oversize copy', async () => {
    const hugeName = account('ACC-HUGE', 'N'.repeat(3 * 1024 * 1024));
    const padded = account('ACC-PADDED', 'Padded GmbH', { notes: 'x'.repeat(100 * 1024) });
    const fine = account('ACC-FINE', 'Fine AG');
    const answer = await ingest.post([hugeName, padded, fine]);
    assert.equal(answer.status, 202, JSON.stringify(answer.body).slice(0, 300));
    assert.deepEqual([answer.body.accepted, answer.body.rejected], [1, 2]);
    const [first, second, third] = answer.body.results;
    assert.equal(first.status, 'rejected');
    assert.equal(first.errors[0].path, 'data.name');
    assert.match(first.errors[0].message, /^expected a non-empty string of at most 200 characters, got "N+…" \(\d+ characters\)$/);
    assert.equal(second.status, 'rejected');
    assert.equal(second.errors[0].message, `expected an event of at most ${MAX_EVENT_BYTES} bytes of JSON (unknown fields included), got ${JSON.stringify(padded).length} bytes`);
    assert.equal(third.status, 'accepted');

    const stored = await ingest.db.pool.query<{ event_id: string; bytes: number }>(
      'SELECT event_id, octet_length(body::text) AS bytes FROM hub.rejected_event ORDER BY event_id');
    for (const event of [hugeName, padded]) {
      const row = stored.rows.find((r) => r.event_id === event.id);
      assert.ok(row, `${event.id} is recorded as rejected`);
      assert.ok(row.bytes < 1000, `the rejected copy of ${event.id} is a summary (${row.bytes} bytes)`);
    }

    const status = await ingest.request('GET', '/status');
    assert.equal(status.status, 200, 'the hub serves normally afterwards');
  });
});
