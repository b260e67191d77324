/**
 * Each table is declared once, by its entity: the listeners' column maps and
 * row types and the resolvers' row types are derived from it
 * (entities/columns.ts). This checks the declarations against the tables
 * the migrations make, column by column, and that a drift on either side is
 * reported.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ENTITIES, Payment, PaymentAllocation } from '../../entities';
import { tableOf } from '../../entities/columns';
import { columnMapDrift, entityDrift, LISTENER_TABLES } from '../support/tableDeclarations';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';

/** payment as an entity would declare it with a column renamed, a type changed and a property not named like its column. */
@Entity({ schema: 'billing', name: 'payment' })
class DriftedPayment {
  @PrimaryColumn({ type: 'text', name: 'id' }) id!: string;
  @Column({ type: 'text', name: 'account' }) account!: string;
  @Column({ type: 'integer', name: 'amount' }) amount!: number;
  @Column({ type: 'char', length: 3, name: 'currency' }) currency!: string;
  @Column({ type: 'date', name: 'received_date' }) receivedOn!: string;
}

describe('one declaration per table', () => {
  let db: TestDatabase;

  before(async () => {
    db = await createTestDatabase();
  });
  after(async () => {
    await db?.drop();
  });

  it('every entity declares its migrated table exactly: columns, types, nullability, generated columns, primary key', async () => {
    const problems = (await Promise.all(ENTITIES.map((entity) => entityDrift(db.pool, entity)))).flat();
    assert.deepEqual(problems, []);
  });

  it("the listeners' column maps are the written columns of the migrated tables", async () => {
    assert.ok(LISTENER_TABLES.length >= 13);
    const problems = (await Promise.all(LISTENER_TABLES.map((table) => columnMapDrift(db.pool, table)))).flat();
    assert.deepEqual(problems, []);
  });

  it('reports an entity that drifted from its table', async () => {
    assert.equal(tableOf(DriftedPayment).sqlName, 'billing.payment');
    assert.deepEqual((await entityDrift(db.pool, DriftedPayment)).sort(), [
      'billing.payment.account (DriftedPayment.account): declared, not in the database',
      'billing.payment.account_id: in the database, not declared by DriftedPayment',
      'billing.payment.amount (DriftedPayment.amount): declared integer, the database has numeric',
      'billing.payment.received_date (DriftedPayment.receivedOn): the column is not named after its property in snake_case',
    ]);
  });

  it('reports a table that drifted from its entity and column map', async () => {
    assert.deepEqual(await entityDrift(db.pool, PaymentAllocation), []);
    const client = await db.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`ALTER TABLE billing.payment_allocation ADD COLUMN note text`);
      await client.query(`ALTER TABLE billing.payment_allocation ALTER COLUMN amount TYPE integer`);
      assert.deepEqual((await entityDrift(client, PaymentAllocation)).sort(), [
        'billing.payment_allocation.amount (PaymentAllocation.amount): declared numeric, the database has integer',
        'billing.payment_allocation.note: in the database, not declared by PaymentAllocation',
      ]);
      assert.deepEqual((await columnMapDrift(client, 'payment_allocation')).sort(), [
        'billing.payment_allocation.amount: the listeners cast numeric, the database has integer',
        'billing.payment_allocation.note: written by nobody (not in the listeners\' map)',
      ]);
      assert.deepEqual(await entityDrift(client, Payment), []);
    } finally {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release();
    }
  });
});
