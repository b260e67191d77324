import type pg from 'pg';
import { READ_MODEL_TABLES, specOf } from '../../listeners/rows';

/** Every read-model table as text, one row a line, ordered by primary key: two read models are equal when these are. */
export async function readModelTables(pool: pg.Pool): Promise<Record<string, string>> {
  const tables: Record<string, string> = {};
  for (const table of READ_MODEL_TABLES) {
    const spec = specOf(table);
    const key = spec.key.map((field) => spec.columns[field]![0]).join(', ');
    const { rows } = await pool.query(`SELECT t::text AS row FROM ${spec.sqlName} t ORDER BY ${key}`);
    tables[table] = rows.map((r) => r.row).join('\n');
  }
  return tables;
}
