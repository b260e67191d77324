/**
 * The SQL the listeners read and write read-model tables with, generated from
 * each table's column map (listeners/rows.ts, derived from its entity) and
 * made once per table. Rows travel as JSON (one parameter per statement, one
 * parse in Postgres); values come back as the listeners hold them: dates as
 * `YYYY-MM-DD`, timestamps as RFC 3339 UTC text, bigints as text.
 */
import { specOf, type TableName, type UntypedTableSpec } from './rows';

/** The select list of every column, each named after its field and as the listeners hold it. */
function selectList(spec: UntypedTableSpec): string {
  return Object.entries(spec.columns).map(([field, [column, type]]) => {
    switch (type) {
      case 'date': return `to_char(${column}, 'YYYY-MM-DD') AS "${field}"`;
      case 'timestamptz': return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "${field}"`;
      case 'bigint': return `${column}::text AS "${field}"`;
      default: return `${column} AS "${field}"`;
    }
  }).join(', ');
}

const writeStatements = new Map<string, string>();

/**
 * The statement writing rows of `table` given as a JSON array: an insert, or
 * with `conflicts` an upsert replacing the row of the same key.
 */
export function writeStatement(table: TableName, conflicts: boolean): string {
  const id = `${table}/${conflicts}`;
  let text = writeStatements.get(id);
  if (text !== undefined) return text;
  const spec = specOf(table);
  const entries = Object.entries(spec.columns);
  const keys = new Set(keyColumns(spec));
  const updates = entries.filter(([, [column]]) => !keys.has(column)).map(([, [column]]) => `${column} = EXCLUDED.${column}`);
  text = `INSERT INTO ${spec.sqlName} (${entries.map(([, [column]]) => column).join(', ')})
     SELECT ${entries.map(([field]) => `"${field}"`).join(', ')}
     FROM jsonb_to_recordset($1::jsonb) AS r(${entries.map(([field, [, type]]) => `"${field}" ${type}`).join(', ')})` +
    (conflicts ? `\n     ON CONFLICT (${[...keys].join(', ')}) DO ${updates.length ? `UPDATE SET ${updates.join(', ')}` : 'NOTHING'}` : '');
  writeStatements.set(id, text);
  return text;
}

/** The table's primary-key columns, in key order. */
export function keyColumns(spec: UntypedTableSpec): string[] {
  return spec.key.map((field) => spec.columns[field]![0]);
}

const selects = new Map<string, string>();

/**
 * The rows of `table` whose primary key is among the keys given as one text
 * array per key column ($1, $2, ...).
 */
export function selectByKeys(table: TableName): string {
  let text = selects.get(table);
  if (text !== undefined) return text;
  const spec = specOf(table);
  const columns = keyColumns(spec);
  const where = columns.length === 1
    ? `${columns[0]} = ANY($1::text[])`
    : `(${columns.join(', ')}) IN (SELECT * FROM unnest(${columns.map((_, i) => `$${i + 1}::text[]`).join(', ')}))`;
  text = `SELECT ${selectList(spec)} FROM ${spec.sqlName} WHERE ${where}`;
  selects.set(table, text);
  return text;
}

/** The rows of `table` whose `column` is among the text array $1 (a set of rows: an invoice's lines, the accounts under a root). */
export function selectWhereAny(table: TableName, column: string): string {
  const id = `${table}/${column}`;
  let text = selects.get(id);
  if (text !== undefined) return text;
  const spec = specOf(table);
  text = `SELECT ${selectList(spec)} FROM ${spec.sqlName} WHERE ${column} = ANY($1::text[])`;
  selects.set(id, text);
  return text;
}
