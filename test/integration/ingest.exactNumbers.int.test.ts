import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Big from 'big.js';
import { isLosslessNumber, parse, stringify } from 'lossless-json';
import { Pool } from 'pg';
import { dropDatabase } from '../../db/ensureDatabase';
import { Projector } from '../../listeners/projector';
import { rebuildAndCompare } from '../../listeners/rebuild';
import { anEvent } from '../support/events';
import { startIngestHarness, type IngestHarness } from '../support/ingestHarness';

/**
 * Events are kept as received (docs/events.md, "Kept as received"): numbers a
 * double cannot hold, in fields the catalogue does not name, come back from
 * the log, the operator lists and a rebuild's copy of the log with every
 * digit; the content hash tells them apart; typed fields are read as before.
 */

const eur = (amount: string) => ({ amount, currency: 'EUR' });

/** JSON text of `value` with each `"@name@"` string replaced by the number literal `numbers[name]`. */
function withNumbers(value: unknown, numbers: Record<string, string>): string {
  let text = JSON.stringify(value);
  for (const [name, literal] of Object.entries(numbers)) text = text.replaceAll(`"@${name}@"`, literal);
  return text;
}

/** The numbers sent in unknown fields, at every level: big integers, beyond a double's range, long decimals. */
const NUMBERS = {
  big: '123456789012345678901234567890',
  huge: '1e400',
  tiny: '-1e-400',
  long: '0.1000000000000000055511151231257827',
  past53: '9007199254740993',
  nested: '-1.23456789012345678901234567890e-5',
  extension: '12345678901234567890',
};

const unknownFields = {
  big: '@big@', huge: '@huge@', tiny: '@tiny@', long: '@long@',
  nested: { deep: ['@past53@', { x: '@nested@' }], plain: 7.5 },
};

/**
 * Compares two JSON texts as JSON values, every number by its exact decimal
 * value (big.js, independent of the hub's code): key order, whitespace and
 * the spelling of a number (1e400 against a 1 and 400 zeros) do not count.
 */
function assertSameJson(actualText: string, expectedText: string, what: string): void {
  const compare = (actual: unknown, expected: unknown, path: string): void => {
    if (isLosslessNumber(expected)) {
      assert.ok(isLosslessNumber(actual), `${what} ${path}: expected a number, got ${JSON.stringify(actual)}`);
      assert.ok(new Big(actual.value).eq(new Big(expected.value)), `${what} ${path}: expected ${expected.value}, got ${actual.value}`);
    } else if (Array.isArray(expected)) {
      assert.ok(Array.isArray(actual) && actual.length === expected.length, `${what} ${path}: expected an array of ${expected.length}`);
      expected.forEach((item, i) => compare((actual as unknown[])[i], item, `${path}[${i}]`));
    } else if (typeof expected === 'object' && expected !== null) {
      assert.ok(typeof actual === 'object' && actual !== null, `${what} ${path}: expected an object`);
      assert.deepEqual(Object.keys(actual).sort(), Object.keys(expected).sort(), `${what} ${path}: fields`);
      for (const key of Object.keys(expected)) compare((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key], `${path}.${key}`);
    } else {
      assert.deepEqual(actual, expected, `${what} ${path}`);
    }
  };
  compare(parse(actualText), parse(expectedText), '');
}

/** A list of the ingest port, its events as the JSON text they were served as. */
async function listedEvents(h: IngestHarness, list: 'parked' | 'exceptions' | 'rejected'): Promise<Map<string, string>> {
  const response = await fetch(`${h.baseUrl}/${list}?limit=1000`);
  assert.equal(response.status, 200);
  const body = parse(await response.text()) as Record<string, { id: string; event: unknown }[]>;
  // Each event's text again, written by lossless-json from its exact parse (the comparison parses it once more).
  return new Map(body[list]!.map((row) => [row.id, stringify(row.event)!]));
}

async function logged(pool: Pool, id: string): Promise<string> {
  const { rows } = await pool.query<{ envelope: string }>(`SELECT envelope::text AS envelope FROM hub.event_log WHERE event_id = $1`, [id]);
  assert.equal(rows.length, 1, `${id} is in the log`);
  return rows[0]!.envelope;
}

describe('events kept exactly as received', () => {
  let h: IngestHarness;
  const account = withNumbers({
    ...anEvent('ps.customer.account.upserted', { accountId: 'A1', name: 'Globex', legalEntityId: 'LE', billingCurrency: 'EUR', ...unknownFields } as never, { id: 'x-account' }),
    bigExtension: '@extension@',
  }, NUMBERS);
  const project = JSON.stringify(anEvent('ps.project.project.created', { projectId: 'P1', accountId: 'A1', name: 'P', billingModel: 'time_and_materials', currency: 'EUR', legalEntityId: 'LE' }, { id: 'x-project' }));
  const parked = withNumbers(anEvent('ps.project.time_entry.approved', { timeEntryId: 'TE-404', approvedBy: 'm', billRate: { ...eur('100.00'), rate: '@big@' }, costRate: eur('50.00'), ...unknownFields } as never, { id: 'x-parked' }), NUMBERS);
  const closed = JSON.stringify(anEvent('ps.project.project.status_changed', { projectId: 'P1', status: 'closed' }, { id: 'x-closed' }));
  const illegal = withNumbers(anEvent('ps.project.project.status_changed', { projectId: 'P1', status: 'active', ...unknownFields } as never, { id: 'x-illegal' }), NUMBERS);
  const invalid = withNumbers(anEvent('ps.customer.account.upserted', { accountId: 'A2', name: 'Bad', legalEntityId: 'LE', billingCurrency: 'euro', ...unknownFields } as never, { id: 'x-invalid' }), NUMBERS);
  // A typed decimal with more digits than a double holds: read as the double, as JSON numbers in typed fields always are.
  const submitted = withNumbers(anEvent('ps.project.time_entry.submitted', { timeEntryId: 'TE-1', projectId: 'P1', resourceId: 'R1', workDate: '2026-03-02', hours: '@hours@', billable: true } as never, { id: 'x-hours' }), { hours: '7.1234567890123456789' });

  before(async () => {
    h = await startIngestHarness();
    const answer = await h.post(`[${[account, project, parked, closed, illegal, invalid, submitted].join(',')}]`);
    assert.equal(answer.status, 202);
    assert.deepEqual(answer.body.results.map((r: { id: string; status: string }) => [r.id, r.status]), [
      ['x-account', 'accepted'], ['x-project', 'accepted'], ['x-parked', 'accepted'], ['x-closed', 'accepted'],
      ['x-illegal', 'accepted'], ['x-invalid', 'rejected'], ['x-hours', 'accepted'],
    ]);
    await new Projector(h.db.pool).drain();
  });
  after(() => h?.close());

  it('keeps every number of an accepted event in the log, unknown fields and extensions included', async () => {
    assertSameJson(await logged(h.db.pool, 'x-account'), account, 'the logged account');
    assertSameJson(await logged(h.db.pool, 'x-parked'), parked, 'the logged approval');
    // Written out in full, as Postgres writes a numeric: not rounded, not null.
    assert.match(await logged(h.db.pool, 'x-account'), /"huge": 1(0{400})[,}]/);
    assert.match(await logged(h.db.pool, 'x-account'), /"big": 123456789012345678901234567890[,}]/);
  });

  it('serves the events in the operator lists as received', async () => {
    assertSameJson((await listedEvents(h, 'parked')).get('x-parked')!, parked, 'GET /parked');
    assertSameJson((await listedEvents(h, 'exceptions')).get('x-illegal')!, illegal, 'GET /exceptions');
    assertSameJson((await listedEvents(h, 'rejected')).get('x-invalid')!, invalid, 'GET /rejected');
  });

  it('answers the identical JSON again as a duplicate, whatever its spelling', async () => {
    const again = await h.post(`[${account}]`);
    assert.deepEqual(again.body.results.map((r: { status: string }) => r.status), ['duplicate']);
    // Other whitespace, and 1e400 and the decimals spelled otherwise: the same JSON value.
    const respelled = account.replace('1e400', '10E+399').replace('0.1000000000000000055511151231257827', '1.0000000000000000555111512312578270e-1').replaceAll(',', ', ');
    assert.notEqual(respelled, account);
    const answer = await h.post(`[${respelled}]`);
    assert.deepEqual(answer.body.results.map((r: { status: string }) => r.status), ['duplicate']);
  });

  it('answers a big number that differs in its last digit as a conflict, and keeps the conflicting event as received', async () => {
    for (const [from, to] of [['123456789012345678901234567890', '123456789012345678901234567891'], ['9007199254740993', '9007199254740992'], ['1e400', '1e401']]) {
      const differing = account.replace(from, to);
      assert.notEqual(differing, account);
      const answer = await h.post(`[${differing}]`);
      assert.deepEqual(answer.body.results.map((r: { status: string }) => r.status), ['rejected'], `${from} → ${to}`);
      assert.match(answer.body.results[0].errors[0].message, /a conflict/);
      const { rows } = await h.db.pool.query<{ body: string }>(
        `SELECT body::text AS body FROM hub.rejected_event WHERE event_id = 'x-account' AND reason = 'conflict' ORDER BY rejection_id DESC LIMIT 1`);
      assertSameJson(rows[0]!.body, differing, `the conflict kept for ${to}`);
    }
    assertSameJson(await logged(h.db.pool, 'x-account'), account, 'the logged account, unchanged');
  });

  it('validates typed fields as before: a JSON number in a typed field is read as a double', async () => {
    const { rows } = await h.db.pool.query<{ hours: string }>(`SELECT hours::text AS hours FROM project.time_entry WHERE id = 'TE-1'`);
    assert.equal(rows[0]!.hours, String(Number('7.1234567890123456789')));
    const infinite = withNumbers(anEvent('ps.project.time_entry.submitted', { timeEntryId: 'TE-2', projectId: 'P1', resourceId: 'R1', workDate: '2026-03-02', hours: '@hours@', billable: true } as never, { id: 'x-infinite' }), { hours: '1e400' });
    const answer = await h.post(`[${infinite}]`);
    assert.equal(answer.body.results[0].status, 'rejected');
    assert.deepEqual(answer.body.results[0].errors.map((e: { path: string }) => e.path), ['data.hours']);
  });

  it('refuses a number Postgres cannot store, and one whose digits alone pass the size limit, with what arrived', async () => {
    const event = (id: string, literal: string) => withNumbers(anEvent('ps.customer.account.upserted', { accountId: 'A3', name: 'N', legalEntityId: 'LE', billingCurrency: 'EUR', n: '@n@' } as never, { id }), { n: literal });
    const answer = await h.post(`[${event('x-fine', '1e-20000')},${event('x-large', '1e70000')},${event('x-ok', '1e-16000')}]`);
    assert.deepEqual(answer.body.results.map((r: { status: string }) => r.status), ['rejected', 'rejected', 'accepted']);
    assert.deepEqual(answer.body.results[0].errors, [{ path: 'data.n', message: 'expected a number with at most 16383 digits after the decimal point written out (what Postgres numeric holds), got "1e-20000" written out has 20000 digits after the decimal point' }]);
    assert.match(answer.body.results[1].errors[0].message, /expected an event of at most 65536 bytes of JSON \(unknown fields included\), got more than 70001 bytes/);
    assert.match(await logged(h.db.pool, 'x-ok'), /"n": 0\.0{15999}1[,}]/);
  });

  it('copies the log for a rebuild without rounding a number', async () => {
    const report = await rebuildAndCompare({ liveUrl: h.db.url, keep: true });
    const rebuilt = new Pool({ connectionString: report.rebuildDatabaseUrl, max: 1 });
    try {
      assert.equal(report.equal, true);
      assertSameJson(await logged(rebuilt, 'x-account'), account, 'the rebuild\'s account');
      assertSameJson(await logged(rebuilt, 'x-parked'), parked, 'the rebuild\'s approval');
    } finally {
      await rebuilt.end();
      await dropDatabase(report.rebuildDatabaseUrl);
    }
  });
});
