import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DataSource } from 'typeorm';
import { createDataSource, migrate } from '../../db/dataSource';
import { MIGRATIONS } from '../../db/migrations';
import { ENTITIES, Invoice, Project } from '../../entities';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';

const DOMAIN_SCHEMAS = ['hub', 'customer', 'project', 'billing', 'revenue'];

/** The SQL TypeORM would run to make the database match the entities; [] when they agree. */
async function pendingSchemaChanges(dataSource: DataSource): Promise<string[]> {
  const sql = await dataSource.driver.createSchemaBuilder().log();
  return sql.upQueries.map((q) => q.query);
}

describe('schema', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  before(async () => {
    db = await createTestDatabase({ migrate: false });
  });
  after(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await db?.drop();
  });

  it('migrations apply on a fresh database, once', async () => {
    assert.deepEqual(await migrate(db.url), MIGRATIONS.map((m) => m.name));
    assert.deepEqual(await migrate(db.url), [], 'a second run applies nothing');
    dataSource = createDataSource(db.url);
    await dataSource.initialize();
  });

  it('has exactly one entity per table of the migrations', async () => {
    const { rows } = await db.pool.query<{ path: string }>(
      `SELECT table_schema || '.' || table_name AS path FROM information_schema.tables
        WHERE table_schema = ANY($1) AND table_type = 'BASE TABLE' ORDER BY 1`,
      [DOMAIN_SCHEMAS],
    );
    const entityTables = dataSource.entityMetadatas.map((m) => `${m.schema}.${m.tableName}`).sort();
    assert.deepEqual(entityTables, rows.map((r) => r.path));
    assert.equal(dataSource.entityMetadatas.length, ENTITIES.length);
  });

  it('entities agree with the migrations: the schema builder has nothing to change', async () => {
    const pending = await pendingSchemaChanges(dataSource);
    assert.deepEqual(pending, [], `TypeORM would run:\n${pending.join(';\n')}`);
  });

  it('each generated column expression of the entities means what Postgres computes', async () => {
    const generated = dataSource.entityMetadatas.flatMap((m) =>
      m.columns.filter((c) => c.generatedType).map((c) => ({ schema: m.schema!, table: m.tableName, column: c.databaseName, type: c.type as string, expression: c.asExpression! })),
    );
    assert.equal(generated.length, 7);
    const client = await db.pool.connect();
    try {
      await client.query('BEGIN');
      for (const { schema, table, column, type, expression } of generated) {
        // Postgres' own deparse of the real column and of the entity's text, on a scratch copy of the table.
        const probe = `probe_${table}_${column}`;
        await client.query(`CREATE TEMP TABLE ${probe} (LIKE ${schema}.${table})`);
        await client.query(`ALTER TABLE ${probe} DROP COLUMN ${column}`);
        await client.query(`ALTER TABLE ${probe} ADD COLUMN ${column} ${type} GENERATED ALWAYS AS (${expression}) STORED`);
        const { rows } = await client.query<{ relation: string; expr: string }>(
          `SELECT c.oid::regclass::text AS relation, pg_get_expr(d.adbin, d.adrelid) AS expr
             FROM pg_attrdef d JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
             JOIN pg_class c ON c.oid = d.adrelid
            WHERE a.attname = $1 AND c.oid IN ($2::regclass, $3::regclass)`,
          [column, `${schema}.${table}`, probe],
        );
        const actual = rows.find((r) => r.relation !== probe)?.expr;
        const declared = rows.find((r) => r.relation === probe)?.expr;
        assert.ok(actual, `${schema}.${table}.${column} is a generated column`);
        assert.equal(declared, actual, `${schema}.${table}.${column}: the entity's asExpression differs from the migration's`);
      }
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });

  it('the check is not vacuous: a column changed behind its entity is reported', async () => {
    const client = await db.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('ALTER TABLE customer.account ALTER COLUMN name DROP NOT NULL');
      await client.query(`DELETE FROM typeorm_metadata WHERE "table" = 'invoice' AND name = 'gross_total'`);
      await client.query('COMMIT');
      const pending = await pendingSchemaChanges(dataSource);
      assert.ok(pending.some((q) => /"customer"\."account".*"name"/.test(q)), pending.join('\n'));
      // Without its typeorm_metadata row, TypeORM would drop and re-add a generated column:
      // that row is where TypeORM reads the expression from (see the GeneratedColumnMetadata migration).
      assert.ok(pending.some((q) => /DROP COLUMN "gross_total"/.test(q)), pending.join('\n'));
    } finally {
      await client.query('ROLLBACK').catch(() => undefined);
      await client.query('ALTER TABLE customer.account ALTER COLUMN name SET NOT NULL');
      await client.query(
        `INSERT INTO typeorm_metadata ("type", "database", "schema", "table", "name", "value")
         SELECT 'GENERATED_COLUMN', current_database(), 'billing', 'invoice', 'gross_total', $1`,
        [dataSource.getMetadata(Invoice).findColumnWithDatabaseName('gross_total')!.asExpression],
      );
      client.release();
    }
    assert.deepEqual(await pendingSchemaChanges(dataSource), []);
  });

  it('saves through the entities without writing generated columns, and reads numeric and date as strings', async () => {
    const projects = dataSource.getRepository(Project);
    await projects.insert({
      id: 'p-1', accountId: 'a-1', name: 'Rollout', billingModel: 'time_and_materials', status: 'active',
      currency: 'EUR', legalEntityId: 'le-1', plannedStart: '2026-01-05', createdAt: new Date('2026-01-01T09:00:00Z'),
      recognizedRevenue: '1000.00', laborCost: '600.10', expenseCost: '50.00', billableWorkAmount: '1500.00',
    });
    const saved = await projects.findOneByOrFail({ id: 'p-1' });
    assert.equal(saved.margin, '349.90');
    assert.equal(saved.marginPercent, '34.99');
    assert.equal(saved.revenueBacklog, '500.00');
    assert.equal(saved.plannedStart, '2026-01-05');
    assert.equal(saved.approvedHours, '0');

    const { rows } = await db.pool.query(`SELECT planned_start, margin FROM project.project WHERE id = 'p-1'`);
    assert.deepEqual(rows, [{ planned_start: '2026-01-05', margin: '349.90' }]);
  });
});
