import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createPool } from '../../db/dataSource';
import { StatementBatches } from '../../resolvers/shared/statementBatches';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';

/*
 * The resolvers' statements of one turn of the event loop go on one
 * connection, pipelined; each is still answered, or fails, on its own.
 */

const BACKEND = { name: 'test-backend-pid', text: 'SELECT pg_backend_pid() AS pid, $1::int AS n' };

describe('statement batches', () => {
  let db: TestDatabase;
  let batches: StatementBatches;

  before(async () => {
    db = await createTestDatabase({ migrate: false });
    batches = new StatementBatches(db.pool);
  });
  after(async () => {
    await db?.drop();
  });

  const backendOf = async (n: number) => {
    const { rows } = await batches.query({ ...BACKEND, values: [n] });
    assert.equal(rows[0].n, n, 'each statement gets its own answer');
    return rows[0].pid as number;
  };

  it('sends the statements of one turn on one connection and answers each', async () => {
    const pids = await Promise.all([1, 2, 3, 4, 5].map(backendOf));
    assert.equal(new Set(pids).size, 1, `one backend answered all five: ${pids.join(', ')}`);
  });

  it('answers a failing statement with its error and the others of its batch with their rows', async () => {
    const [one, failed, three] = await Promise.allSettled([
      backendOf(1),
      batches.query({ text: 'SELECT 1 / $1::int AS n', values: [0] }),
      backendOf(3),
    ]);
    assert.equal(one.status, 'fulfilled');
    assert.equal(three.status, 'fulfilled');
    assert.equal(failed.status, 'rejected');
    assert.match(String((failed as PromiseRejectedResult).reason), /division by zero/);
    assert.equal((one as PromiseFulfilledResult<number>).value, (three as PromiseFulfilledResult<number>).value, 'one batch, one backend');
    // As with pool.query, the connection that answered an error is not reused.
    const next = await backendOf(4);
    assert.notEqual(next, (one as PromiseFulfilledResult<number>).value);
  });

  it('spreads a turn of many statements over more than one connection and keeps each answer with its statement', async () => {
    const numbers = Array.from({ length: 40 }, (_, i) => i);
    const pids = await Promise.all(numbers.map(backendOf));
    assert.ok(new Set(pids).size > 1, 'more than one backend');
    assert.ok(new Set(pids).size <= 3, `batches of up to 16 statements: ${new Set(pids).size} backends for 40`);
  });

  it('sends statements of later turns after the earlier ones are answered, on the pool\'s connections', async () => {
    for (let i = 0; i < 20; i++) await backendOf(i);
    assert.ok(db.pool.totalCount <= 5);
    assert.equal(db.pool.waitingCount, 0);
  });

  it('rejects the statements of a batch whose connection cannot be had', async () => {
    const closed = createPool(db.url, { max: 1 });
    await closed.end();
    await assert.rejects(new StatementBatches(closed).query({ text: 'SELECT 1' }));
  });
});
