/**
 * Readable keys naming one row of the read model ("time_entry:te-17") or one
 * step of a stream ("sequence:%2Fpsa%2Facme/te-17/3"). Parked events wait on a
 * key; writing the row (or applying the sequence step) releases them.
 */
import { TABLES, type RowByTable, type TableName } from './rows';

export type Key = string;

export function keyOf(table: TableName, ...idParts: string[]): Key {
  return `${table}:${idParts.map(encodeURIComponent).join('/')}`;
}

export function rowKey<T extends TableName>(table: T, row: RowByTable[T]): Key {
  const spec = TABLES[table];
  return keyOf(table, ...spec.key.map((field) => String(row[field])));
}

/** The key released when sequence `sequence` of (source, subject) has been applied. */
export function sequenceKey(source: string, subject: string, sequence: bigint): Key {
  return `sequence:${encodeURIComponent(source)}/${encodeURIComponent(subject)}/${sequence}`;
}

/** The parts of a row key, decoded. */
export function parseKey(key: Key): { kind: string; parts: string[] } {
  const colon = key.indexOf(':');
  return { kind: key.slice(0, colon), parts: key.slice(colon + 1).split('/').map(decodeURIComponent) };
}
