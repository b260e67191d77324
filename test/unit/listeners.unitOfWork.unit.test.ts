import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { keyOf } from '../../listeners/keys';
import { RowCache } from '../../listeners/rowCache';
import type { RevenueEventRow } from '../../listeners/rows';
import { invoiceLinesKey, UnitOfWork } from '../../listeners/unitOfWork';
import { InFlightBatch } from '../../listeners/inFlightBatch';

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

describe('a unit of work decided ahead of the batch in flight', () => {
  /** A client that records what it was asked, and finds nothing. */
  function recordingClient() {
    const queries: string[] = [];
    const client = { query: async (text: string) => { queries.push(text); return { rows: [] }; } } as unknown as ConstructorParameters<typeof UnitOfWork>[0];
    return { client, queries };
  }
  function pendingCommit() {
    let commit!: () => void;
    const committed = new Promise<void>((resolve) => (commit = resolve));
    return { committed, commit };
  }
  const turn = () => new Promise((resolve) => setImmediate(resolve));

  it('loads a row the batch in flight did not leave out of the cache at once', async () => {
    const { client, queries } = recordingClient();
    const { committed } = pendingCommit();
    const uow = new UnitOfWork(client, new RowCache(10), new InFlightBatch(committed, new Set([keyOf('revenue_event', 'dropped')])));
    await uow.load([keyOf('revenue_event', 'a')]);
    assert.equal(queries.length, 1);
    assert.equal(uow.loadedAt(keyOf('revenue_event', 'a')), null);
  });

  it('waits for that commit to load a row the batch in flight wrote and the cache dropped, or a set of rows', async () => {
    for (const key of [keyOf('revenue_event', 'dropped'), invoiceLinesKey('I1')]) {
      const { client, queries } = recordingClient();
      const { committed, commit } = pendingCommit();
      const uow = new UnitOfWork(client, new RowCache(10), new InFlightBatch(committed, new Set([keyOf('revenue_event', 'dropped')])));
      const loading = uow.load([keyOf('revenue_event', 'a'), key]);
      await turn();
      assert.equal(queries.length, 0, `${key}: nothing read before the commit`);
      commit();
      await loading;
      assert.ok(queries.length > 0, `${key}: read after the commit`);
      assert.notEqual(uow.isLoaded(key), false);
    }
  });

  it('reads at once once the batch in flight has committed, or failed', async () => {
    const { client, queries } = recordingClient();
    const failed = Promise.reject(new Error('the batch in flight failed'));
    const inFlight = new InFlightBatch(failed, new Set([keyOf('revenue_event', 'dropped')]));
    await inFlight.settled();
    await turn();
    const uow = new UnitOfWork(client, new RowCache(10), inFlight);
    await uow.load([keyOf('revenue_event', 'dropped')]);
    assert.equal(queries.length, 1);
  });
});
