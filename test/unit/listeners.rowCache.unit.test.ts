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
