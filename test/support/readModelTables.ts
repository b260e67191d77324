import type pg from 'pg';
import { COMPARED_TABLES } from '../../listeners/rebuild';

/** Every read-model table (figures over time included) as text, one row a line, ordered by primary key: two read models are equal when these are. */
export async function readModelTables(pool: pg.Pool): Promise<Record<string, string>> {
  const tables: Record<string, string> = {};
  for (const { sqlName, keyColumns } of COMPARED_TABLES) {
    const { rows } = await pool.query(`SELECT t::text AS row FROM ${sqlName} t ORDER BY ${keyColumns.join(', ')}`);
    tables[sqlName] = rows.map((r) => r.row).join('\n');
  }
  return tables;
}
