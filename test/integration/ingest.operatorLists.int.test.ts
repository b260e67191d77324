import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Projector } from '../../listeners/projector';
import { anEvent } from '../support/events';
import { startIngestHarness, type IngestHarness } from '../support/ingestHarness';

const eur = (amount: string) => ({ amount, currency: 'EUR' });

describe('operator lists on the ingest port', () => {
  let h: IngestHarness;
  before(async () => {
    h = await startIngestHarness();
    const account = anEvent('ps.customer.account.upserted', { accountId: 'A1', name: 'Globex', legalEntityId: 'LE', billingCurrency: 'EUR' }, { id: 'op-1' });
    const project = anEvent('ps.project.project.created', { projectId: 'P1', accountId: 'A1', name: 'P', billingModel: 'fixed_fee', currency: 'EUR', legalEntityId: 'LE' }, { id: 'op-2' });
    const orphanApproval = anEvent('ps.project.time_entry.approved', { timeEntryId: 'TE-404', approvedBy: 'm', billRate: eur('100.00'), costRate: eur('50.00') }, { id: 'op-3' });
    const closed = anEvent('ps.project.project.status_changed', { projectId: 'P1', status: 'closed' }, { id: 'op-4' });
    const reopened = anEvent('ps.project.project.status_changed', { projectId: 'P1', status: 'active' }, { id: 'op-5' });
    const broken = { ...account, id: 'op-6', data: { ...account.data, billingCurrency: 'euro' } };
    const answer = await h.post([account, project, orphanApproval, closed, reopened, broken]);
    assert.equal(answer.status, 202);
    await new Projector(h.db.pool).drain();
  });
  after(() => h.close());

  it('lists a parked event with what it waits for', async () => {
    const { status, body } = await h.request('GET', '/parked');
    assert.equal(status, 200);
    assert.equal(body.parked.length, 1);
    assert.equal(body.parked[0].id, 'op-3');
    assert.equal(body.parked[0].waitingFor, 'time_entry:TE-404');
    assert.match(body.parked[0].reason, /time entry TE-404 has not arrived/);
  });
  it('lists an exception with its code and reason', async () => {
    const { body } = await h.request('GET', '/exceptions');
    assert.deepEqual(body.exceptions.map((e: { id: string; code: string }) => [e.id, e.code]), [['op-5', 'ILLEGAL_TRANSITION']]);
    assert.match(body.exceptions[0].message, /closed and cannot move to active/);
  });
  it('lists a rejected event with its errors', async () => {
    const { body } = await h.request('GET', '/rejected?limit=5');
    assert.equal(body.rejected[0].id, 'op-6');
    assert.equal(body.rejected[0].errors[0].path, 'data.billingCurrency');
    assert.equal(body.rejected[0].event.data.billingCurrency, 'euro');
  });
  it('carries each event, and at most 4 MiB of them in one answer', async () => {
    // 80 rejected events of about 60 KiB each: 4.8 MiB of events, in requests under the 4 MiB body limit.
    const padding = 'x'.repeat(60 * 1024);
    const big = (i: number) => anEvent('ps.customer.account.upserted', { accountId: `B${i}`, name: 'Big', legalEntityId: 'LE', billingCurrency: 'euro', padding } as never, { id: `big-${i}` });
    for (let from = 0; from < 80; from += 40) {
      const answer = await h.post(Array.from({ length: 40 }, (_, i) => big(from + i)));
      assert.equal(answer.status, 202);
    }
    const { body } = await h.request('GET', '/rejected?limit=1000');
    const rows = body.rejected as { id: string; event: { id: string; data: { padding: string } } | null }[];
    const carried = rows.filter((row) => row.event !== null);
    assert.ok(carried.length >= 60 && carried.length < 80, `${carried.length} of the 80 big events carried`);
    // The newest first, each with its own event, then the rest without: the answer stays within the bound.
    assert.deepEqual(rows.slice(0, carried.length), carried);
    for (const row of carried) assert.equal(row.event!.id, row.id);
    assert.equal(carried[0]!.event!.data.padding, padding);
    assert.ok(rows.slice(carried.length).every((row) => row.event === null));
    assert.ok(carried.length * padding.length <= 4 * 1024 * 1024);
  });
  it('says what limit it expected', async () => {
    const { status, body } = await h.request('GET', '/parked?limit=5000');
    assert.equal(status, 400);
    assert.match(body.error.message, /limit: expected an integer from 1 to 1000, got "5000"/);
  });
});
