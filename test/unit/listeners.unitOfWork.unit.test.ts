import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { keyOf } from '../../listeners/keys';
import { RowCache } from '../../listeners/rowCache';
import type { RevenueEventRow } from '../../listeners/rows';
import { UnitOfWork } from '../../listeners/unitOfWork';

const row = (id: string, amount = '1'): RevenueEventRow => ({ id, projectId: 'P', period: '2026-01', amount, currency: 'EUR',
  method: 'time_and_materials', reversed: false, recognizedAt: '2026-01-01T00:00:00Z', reversedAt: null });
/** Over a complete cache a unit of work reads nothing from the database: any query is a failure. */
const noDatabase = { query: () => { throw new Error('a complete cache reads nothing'); } } as unknown as ConstructorParameters<typeof UnitOfWork>[0];

function completeCache(): RowCache {
  const cache = new RowCache(100);
  cache.startEmpty();
  return cache;
}

describe('the unit of work over a complete cache', () => {
  it('reads its own latest version of a row, whatever it read and wrote before', () => {
    const cache = completeCache();
    cache.absorb([[keyOf('revenue_event', 'a'), row('a', '1')], [keyOf('revenue_event', 'b'), row('b', '1')]]);
    const uow = new UnitOfWork(noDatabase, cache);
    assert.equal(uow.get('revenue_event', 'a')?.amount, '1');
    assert.equal(uow.get('revenue_event', 'b')?.amount, '1');
    assert.equal(uow.get('revenue_event', 'c'), undefined, 'absent from a complete cache: does not exist');
    uow.put({ table: 'revenue_event', row: row('a', '2') });
    assert.equal(uow.get('revenue_event', 'a')?.amount, '2');
    uow.put({ table: 'revenue_event', row: row('c', '3') });
    uow.put({ table: 'revenue_event', row: row('b', '4') });
    assert.equal(uow.get('revenue_event', 'c')?.amount, '3');
    assert.equal(uow.get('revenue_event', 'a')?.amount, '2');
    assert.equal(uow.get('revenue_event', 'b')?.amount, '4');
    uow.put({ table: 'revenue_event', row: row('c', '5') });
    assert.equal(uow.get('revenue_event', 'c')?.amount, '5');
    assert.equal((cache.get(keyOf('revenue_event', 'a')) as RevenueEventRow).amount, '1',
      'the cache keeps the committed version until the batch is sealed');
  });

  it('hands its rows to the cache as it seals them (which rows are inserted and which upserted: the rebuild tests, on Postgres)', () => {
    const cache = completeCache();
    cache.absorb([[keyOf('revenue_event', 'a'), row('a', '1')]]);
    const uow = new UnitOfWork(noDatabase, cache);
    uow.put({ table: 'revenue_event', row: row('a', '2') });
    uow.put({ table: 'revenue_event', row: row('b', '3') });
    uow.put({ table: 'revenue_event', row: row('b', '4') });
    uow.sealWrites(cache);
    assert.equal((cache.get(keyOf('revenue_event', 'a')) as RevenueEventRow).amount, '2');
    assert.equal((cache.get(keyOf('revenue_event', 'b')) as RevenueEventRow).amount, '4');
    assert.equal(cache.complete, true);
    assert.equal(cache.size, 2);
  });
});
