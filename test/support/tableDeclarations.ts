/**
 * Each table's declaration (its entity, and the listeners' column map derived
 * from it) against the table the migrations made: every difference, in words.
 */
import type { Pool, PoolClient } from 'pg';
import { snakeCase, tableOf, type PgType } from '../../entities/columns';
import { specOf, TABLES, type TableName } from '../../listeners/rows';

interface DatabaseColumn {
  column: string;
  type: PgType | string;
  nullable: boolean;
  generated: boolean;
}

/** Postgres' type names (`udt_name`) → the parameter types the declarations use. */
const FROM_UDT: Readonly<Record<string, PgType>> = {
  text: 'text', bpchar: 'text', varchar: 'text', numeric: 'numeric', bool: 'boolean', date: 'date',
  timestamptz: 'timestamptz', jsonb: 'jsonb', int8: 'bigint', int4: 'integer', _text: 'text[]',
};

async function databaseTable(pool: Pool | PoolClient, sqlName: string): Promise<{ columns: DatabaseColumn[]; key: string[] }> {
  const [schema, name] = sqlName.split('.');
  const { rows } = await pool.query<{ column_name: string; udt_name: string; is_nullable: string; is_generated: string }>(
    `SELECT column_name, udt_name, is_nullable, is_generated FROM information_schema.columns
      WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position`, [schema, name]);
  const key = await pool.query<{ column: string }>(
    `SELECT a.attname AS column FROM pg_index i
       JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord) ON true
       JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
      WHERE i.indrelid = $1::regclass AND i.indisprimary ORDER BY k.ord`, [sqlName]);
  return {
    columns: rows.map((r) => ({
      column: r.column_name, type: FROM_UDT[r.udt_name] ?? r.udt_name, nullable: r.is_nullable === 'YES', generated: r.is_generated === 'ALWAYS',
    })),
    key: key.rows.map((r) => r.column),
  };
}

/** How an entity's declaration differs from its migrated table (and from the naming the resolvers' row types assume). */
export async function entityDrift(pool: Pool | PoolClient, entity: Function): Promise<string[]> {
  const declared = tableOf(entity);
  const actual = await databaseTable(pool, declared.sqlName);
  const problems: string[] = [];
  if (actual.columns.length === 0) return [`${declared.sqlName}: no such table`];
  for (const column of declared.columns) {
    const where = `${declared.sqlName}.${column.column} (${entity.name}.${column.property})`;
    if (column.column !== snakeCase(column.property)) problems.push(`${where}: the column is not named after its property in snake_case`);
    const found = actual.columns.find((c) => c.column === column.column);
    if (!found) {
      problems.push(`${where}: declared, not in the database`);
      continue;
    }
    if (found.type !== column.type) problems.push(`${where}: declared ${column.type}, the database has ${found.type}`);
    if (found.nullable !== column.nullable) problems.push(`${where}: declared ${column.nullable ? '' : 'not '}nullable, the database says otherwise`);
    if (found.generated !== column.generated) problems.push(`${where}: declared ${column.generated ? '' : 'not '}generated, the database says otherwise`);
  }
  for (const column of actual.columns) {
    if (!declared.columns.some((c) => c.column === column.column)) problems.push(`${declared.sqlName}.${column.column}: in the database, not declared by ${entity.name}`);
  }
  const declaredKey = declared.columns.filter((c) => c.primary).map((c) => c.column);
  if (declaredKey.join() !== actual.key.join()) problems.push(`${declared.sqlName}: primary key declared (${declaredKey}), the database has (${actual.key})`);
  return problems;
}

/** How the listeners' column map of a table differs from the migrated table's columns that are written (not generated). */
export async function columnMapDrift(pool: Pool | PoolClient, table: TableName): Promise<string[]> {
  const spec = specOf(table);
  const actual = await databaseTable(pool, spec.sqlName);
  const written = actual.columns.filter((c) => !c.generated);
  const mapped = Object.entries(spec.columns).map(([field, [column, type]]) => ({ field, column, type }));
  const problems: string[] = [];
  for (const { field, column, type } of mapped) {
    const found = written.find((c) => c.column === column);
    if (!found) problems.push(`${spec.sqlName}: the listeners map ${field} to ${column}, which the database does not have (or generates)`);
    else if (found.type !== type) problems.push(`${spec.sqlName}.${column}: the listeners cast ${type}, the database has ${found.type}`);
  }
  for (const column of written) {
    if (!mapped.some((m) => m.column === column.column)) problems.push(`${spec.sqlName}.${column.column}: written by nobody (not in the listeners' map)`);
  }
  const key = spec.key.map((field) => spec.columns[field]![0]);
  if (key.join() !== actual.key.join()) problems.push(`${spec.sqlName}: the listeners key it by (${key}), the database by (${actual.key})`);
  return problems;
}

export const LISTENER_TABLES = Object.keys(TABLES) as TableName[];
