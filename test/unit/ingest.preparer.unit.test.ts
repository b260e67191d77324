/** Preparing request bodies on the preparer thread gives what preparing them in this thread gives. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bodyText, DEFAULT_LIMITS, eventsOfBody, HttpError } from '../../ingest/httpRequest';
import { prepareEvents } from '../../ingest/prepare';
import { startPreparer, type Preparer } from '../../ingest/preparer';
import { CATALOGUE_EXAMPLES, envelopeOf } from '../fixtures/catalogueExamples';

/** A body's bytes in an ArrayBuffer of their own, as readBody gives them. */
const bytesOf = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('the preparer thread', () => {
  let preparer: Preparer;
  before(() => (preparer = startPreparer()));
  after(() => preparer.close());

  it('should prepare a batch exactly as prepareEvents does: valid, invalid, repeated and conflicting events', async () => {
    const events: unknown[] = CATALOGUE_EXAMPLES.map((example, i) => envelopeOf(example, { id: `prep-${i}` }));
    events.push(events[0], { ...(events[1] as object), time: '2025-03-02T09:30:00Z' }, { id: 'bad', data: 'x\u0000' }, 42);
    const text = JSON.stringify(events);
    const prepared = await preparer.prepare(bytesOf(text), 'batch', DEFAULT_LIMITS);
    assert.deepEqual(prepared, prepareEvents(JSON.parse(text)));
    assert.deepEqual(prepared.map((item) => item.kind).slice(-4), ['valid', 'valid', 'invalid', 'invalid']);
  });

  it('should prepare requests given at once each with its own events', async () => {
    const bodies = Array.from({ length: 6 }, (_, i) => JSON.stringify(envelopeOf(CATALOGUE_EXAMPLES[i]!, { id: `at-once-${i}` })));
    const prepared = await Promise.all(bodies.map((body) => preparer.prepare(bytesOf(body), 'either', DEFAULT_LIMITS)));
    assert.deepEqual(prepared.map((items) => items.map((item) => item.kind === 'valid' && item.id)), bodies.map((_, i) => [`at-once-${i}`]));
  });

  it('should refuse a body with the HttpError that reading it in this thread gives', async () => {
    const cases: [Uint8Array, 'single' | 'batch' | 'either'][] = [
      [bytesOf('{not json'), 'either'], [bytesOf('[]'), 'batch'], [bytesOf('[{}]'), 'single'], [bytesOf('{}'), 'batch'], [bytesOf('42'), 'either'],
      [bytesOf(JSON.stringify(Array(1001).fill({}))), 'batch'], [new Uint8Array([0x5b, 0xff, 0xfe, 0x5d]), 'either'],
    ];
    for (const [bytes, shape] of cases) {
      const expected = (() => {
        try {
          eventsOfBody(bodyText(bytes), shape, DEFAULT_LIMITS);
        } catch (error) {
          return error as HttpError;
        }
        throw new Error(`expected ${bytes.length} bytes to be refused`);
      })();
      await assert.rejects(preparer.prepare(bytes, shape, DEFAULT_LIMITS), (error: unknown) => {
        assert.ok(error instanceof HttpError);
        assert.deepEqual([error.status, error.code, error.message, error.headers], [expected.status, expected.code, expected.message, expected.headers]);
        return true;
      });
    }
  });

  it('should move bytes that have an ArrayBuffer of their own, and copy a view into a shared one', async () => {
    const body = JSON.stringify(envelopeOf(CATALOGUE_EXAMPLES[0]!, { id: 'moved-1' }));
    const own = bytesOf(body);
    await preparer.prepare(own, 'either', DEFAULT_LIMITS);
    assert.equal(own.byteLength, 0, 'moved to the thread, not copied');
    const pooled = Buffer.from(body);
    assert.ok(pooled.byteLength < pooled.buffer.byteLength, 'a small Buffer is a view into Node\'s pool');
    const prepared = await preparer.prepare(pooled, 'either', DEFAULT_LIMITS);
    assert.equal(pooled.toString(), body, 'the pool is left as it was');
    assert.equal(prepared[0]!.kind === 'valid' && prepared[0]!.id, 'moved-1');
  });

  it('should fail the requests waiting when it is closed, and start a new thread for the next one', async () => {
    const own = startPreparer();
    const waiting = own.prepare(bytesOf(JSON.stringify(envelopeOf(CATALOGUE_EXAMPLES[0]!, { id: 'closed-1' }))), 'either', DEFAULT_LIMITS);
    await own.close();
    await assert.rejects(waiting, /preparer thread stopped/);
    const again = await own.prepare(bytesOf(JSON.stringify(envelopeOf(CATALOGUE_EXAMPLES[0]!, { id: 'closed-2' }))), 'either', DEFAULT_LIMITS);
    assert.equal(again.length, 1);
    await own.close();
  });
});
