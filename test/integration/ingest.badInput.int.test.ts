import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { formatValidationError, validateEvent } from '../../events/validate';
import type { BusinessEvent } from '../../events/types';
import { Projector } from '../../listeners/projector';
import { expectedFigures } from '../../simulator/oracle';
import { sameFields } from '../support/graphqlFigures';
import { NOT_READ, readModelFigures } from '../support/readModelFigures';
import { generateBadInput, MALFORMATIONS, type Expectation } from '../fixtures/badInput';
import { startIngestHarness, type IngestHarness } from '../support/ingestHarness';

const SEED = 20250301;
const BATCH = 400;

describe('ingest of 1,000 malformed events mixed with valid ones', () => {
  let h: IngestHarness;
  const input = generateBadInput({ seed: SEED, malformed: 1000, stories: 50 });
  const results: any[] = [];

  before(async () => {
    h = await startIngestHarness();
    for (let start = 0; start < input.events.length; start += BATCH) {
      const answer = await h.post(input.events.slice(start, start + BATCH), 'application/cloudevents-batch+json');
      assert.equal(answer.status, 202, JSON.stringify(answer.body));
      results.push(...answer.body.results);
    }
  });
  after(() => h.close());

  const malformed = () => input.expectations.map((x, i) => ({ x, i })).filter((e): e is { x: Extract<Expectation, { valid: false }>; i: number } => !e.x.valid);

  it('should be the same input for the same seed, with every kind of malformation', () => {
    assert.deepEqual(generateBadInput({ seed: SEED, malformed: 1000, stories: 50 }), input);
    const kinds = new Set(malformed().map(({ x }) => x.kind));
    assert.equal(kinds.size, MALFORMATIONS.length);
    assert.equal(malformed().length, 1000);
  });

  it('should answer one result per event, in order', () => {
    assert.equal(results.length, input.events.length);
  });

  it('should reject every malformed event with a clear error naming the broken path', () => {
    const failures: string[] = [];
    for (const { x, i } of malformed()) {
      const result = results[i];
      const errors: { path: string; message: string }[] = result.errors ?? [];
      if (result.status !== 'rejected') failures.push(`#${i} ${x.kind}: ${result.status}`);
      else if (!errors.some((e) => e.path === x.path)) failures.push(`#${i} ${x.kind}: expected an error at "${x.path}", got ${errors.map(formatValidationError).join('; ')}`);
      else if (!errors.every((e) => /^expected .+, got .+/s.test(e.message))) failures.push(`#${i} ${x.kind}: unclear message in ${JSON.stringify(errors)}`);
    }
    assert.deepEqual(failures, []);
  });

  it('should accept every valid event', () => {
    const failures = input.expectations
      .map((x, i) => ({ x, result: results[i] }))
      .filter(({ x, result }) => x.valid && (result.status !== 'accepted' || result.id !== x.id))
      .map(({ result }) => JSON.stringify(result));
    assert.deepEqual(failures, []);
  });

  it('should store exactly the valid events in the event log, in order', async () => {
    const { rows } = await h.db.pool.query(`SELECT event_id FROM hub.event_log ORDER BY position`);
    const validIds = input.expectations.flatMap((x) => (x.valid ? [x.id] : []));
    assert.deepEqual(rows.map((r) => r.event_id), validIds);
  });

  it('should keep every rejected event with its errors for operators, an identical one counted on the row kept', async () => {
    const { rows } = await h.db.pool.query(`SELECT reason, errors, body, times FROM hub.rejected_event ORDER BY rejection_id`);
    assert.equal(rows.reduce((sum, row) => sum + row.times, 0), 1000);
    const paths = new Set(rows.flatMap((row) => row.errors.map((e: any) => e.path)));
    for (const { x } of malformed()) assert.ok(paths.has(x.path), `a rejection at ${x.path} is kept`);
    for (const row of rows) assert.equal(row.reason, 'invalid');
  });

  it('should count them in GET /status', async () => {
    const status = await h.request('GET', '/status');
    assert.equal(status.body.received, 600);
    assert.equal(status.body.rejected, 1000);
    assert.equal(status.body.duplicates, 0);
  });

  it('should apply every valid event through the listeners, and nothing of the rejected ones', async () => {
    await new Projector(h.db.pool, { batchSize: 128 }).drain();
    const status = await h.request('GET', '/status');
    assert.deepEqual({ applied: status.body.applied, parked: status.body.parked, pending: status.body.pending, exceptions: status.body.exceptions },
      { applied: 600, parked: 0, pending: 0, exceptions: 0 });
    const valid = input.events.filter((_, i) => input.expectations[i]!.valid)
      .map((raw) => { const r = validateEvent(raw); assert.ok(r.ok); return r.event as BusinessEvent; });
    const expected = expectedFigures(valid);
    const actual = await readModelFigures(h.db.pool);
    assert.equal(Object.keys(actual.projects).length, 50);
    assert.deepEqual(actual.projects, sameFields(expected.projects, NOT_READ.projects));
    assert.deepEqual(actual.invoices, sameFields(expected.invoices, NOT_READ.invoices));
    assert.deepEqual(actual.customers, sameFields(expected.customers, NOT_READ.customers));
  });
});
