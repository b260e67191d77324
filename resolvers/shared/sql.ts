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

/**
 * `column = $n` for one key, `column = ANY($n)` for several: the condition of a
 * loader's batch, two named statements on purpose. Postgres costs a prepared
 * statement's generic plan (kept, not planned again) for an array parameter as
 * if it held 10 keys, so on a table of thousands of rows that plan looks ten
 * times dearer than the custom plan of the one key sent, and plan_cache_mode
 * auto plans the statement again at every execution: the project page's five
 * statements cost 0.41 ms of Postgres CPU per page with a million events of
 * history against 0.14 ms with ten thousand, where both plans are sequential
 * scans of equal cost and the generic one is kept. (Forcing generic plans is
 * worse: for 10 keys the invoice page hash-joins a scan of every account.)
 * Costed for one key, `= $n`'s generic plan is the custom plan's index lookup
 * and is kept from the sixth execution on (0.15 ms per page on both). A batch
 * of many keys (a list page) keeps `= ANY` and is planned per execution.
 */
export function keyCondition(column: string, keys: readonly string[], params: Params): string {
  return keys.length === 1 ? `${column} = ${params.add(keys[0])}` : `${column} = ANY(${params.add(keys)})`;
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
