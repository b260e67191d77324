import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RowCache } from '../../listeners/rowCache';

const row = (id: string) => ({ id, projectId: 'P', period: '2026-01', amount: '1', currency: 'EUR', method: 'ratable' as const,
  reversed: false, recognizedAt: '2026-01-01T00:00:00Z', reversedAt: null });

describe('the cross-batch row cache', () => {
  it('keeps committed rows and known absences', () => {
    const cache = new RowCache(10);
    cache.absorb([['revenue_event:a', row('a')], ['revenue_event:b', null]]);
    assert.equal((cache.get('revenue_event:a') as { id: string }).id, 'a');
    assert.equal(cache.get('revenue_event:b'), null);
    assert.equal(cache.get('revenue_event:c'), undefined);
  });
  it('drops the least recently committed rows beyond its capacity', () => {
    const cache = new RowCache(2);
    cache.absorb([['k:1', row('1')], ['k:2', row('2')]]);
    cache.absorb([['k:1', row('1')], ['k:3', row('3')]]);
    assert.deepEqual([cache.has('k:1'), cache.has('k:2'), cache.has('k:3')], [true, false, true]);
  });
  it('is complete from an empty read model until it drops a row', () => {
    const cache = new RowCache(2);
    cache.startEmpty();
    cache.absorb([['k:1', row('1')], ['k:2', null]]);
    assert.equal(cache.complete, true);
    assert.equal(cache.size, 1, 'a complete cache implies absences instead of keeping them');
    cache.absorb([['k:3', row('3')], ['k:4', row('4')]]);
    assert.equal(cache.complete, false, 'past its capacity a missing row may exist');
    assert.equal(cache.size, 2);
    cache.startEmpty();
    cache.clear();
    assert.equal(cache.complete, false, 'a failed batch leaves the read model unknown');
  });
  it('answers for invoice lines and the accounts under a merge root while complete', () => {
    const cache = new RowCache(10);
    cache.startEmpty();
    const line = (lineId: string) => ({ invoiceId: 'I1', lineId, kind: 'fee' as const, sourceIds: [], amount: '1', description: null });
    const account = (id: string, rootId: string) => ({ id, name: id, legalEntityId: 'LE', billingCurrency: 'EUR', country: null,
      status: 'active' as const, externalIds: {}, mergedInto: rootId === id ? null : rootId, rootId, updatedAt: '2026-01-01T00:00:00.000000Z' });
    cache.absorb([['invoice_line:I1/1', line('1')], ['invoice_line:I1/2', line('2')], ['account:A', account('A', 'A')], ['account:B', account('B', 'B')]]);
    assert.deepEqual([...cache.linesOf('I1').keys()], ['1', '2']);
    assert.equal(cache.linesOf('I2').size, 0);
    cache.absorb([['account:B', account('B', 'A')]]);
    assert.deepEqual(cache.accountsWithRoot('A').map((a) => a.id).sort(), ['A', 'B']);
    assert.deepEqual(cache.accountsWithRoot('B'), [], 'an account merged away leaves its old root');
  });
  it('keeps nothing with capacity 0', () => {
    const cache = new RowCache(0);
    cache.absorb([['k:1', row('1')]]);
    assert.equal(cache.size, 0);
  });
});

describe('the rows of a batch the cache drops at once', () => {
  it('are none while the batch fits; past the capacity, the batch\'s own oldest (rows it held before are not the batch\'s)', () => {
    const cache = new RowCache(3);
    const first = cache.absorb([['k:1', row('1')], ['k:2', row('2')]]);
    assert.equal(first.has('k:1') || first.has('k:2'), false);
    const second = cache.absorb([['k:3', row('3')], ['k:4', row('4')], ['k:5', row('5')], ['k:6', row('6')]]);
    assert.deepEqual(['k:1', 'k:2', 'k:3', 'k:4', 'k:5', 'k:6'].map((key) => second.has(key)), [false, false, true, false, false, false]);
    assert.deepEqual(['k:4', 'k:5', 'k:6'].map((key) => cache.has(key)), [true, true, true]);
  });
  it('may be any row dropped when the cache was complete (it keeps the order of first writes)', () => {
    const cache = new RowCache(2);
    cache.startEmpty();
    cache.absorb([['k:1', row('1')]]);
    const dropped = cache.absorb([['k:2', row('2')], ['k:1', row('1')], ['k:3', row('3')]]);
    assert.equal(cache.has('k:1'), false);
    assert.equal(dropped.has('k:1'), true);
  });
  it('are all of them with capacity 0', () => {
    assert.equal(new RowCache(0).absorb([['k:1', row('1')]]).has('k:1'), true);
  });
});
