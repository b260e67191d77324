import type { Pool } from 'pg';
import type { PageRequest } from './pagination';

/** What resolvers need of a pool: they only read, one statement at a time. */
export type Queryable = Pick<Pool, 'query'>;

/** Positional parameters of one statement: `params.add(value)` answers `$n`. */
export class Params {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** A sort column of a keyset and the SQL cast of its cursor key. */
export interface SortColumn {
  readonly sql: string;
  readonly cast?: string;
}

/**
 * The keyset condition `(a, b) > ($1::t, $2)` for rows after a cursor, or
 * `true` for the first page.
 */
export function afterCondition(columns: readonly SortColumn[], request: PageRequest, params: Params): string {
  if (request.after === null) return 'true';
  const keys = request.after;
  const placeholders = columns.map((column, i) => `${params.add(keys[i])}${column.cast ? `::${column.cast}` : ''}`);
  return `(${columns.map((c) => c.sql).join(', ')}) > (${placeholders.join(', ')})`;
}

/** `ORDER BY` of a keyset. */
export function orderBy(columns: readonly SortColumn[]): string {
  return columns.map((c) => c.sql).join(', ');
}
