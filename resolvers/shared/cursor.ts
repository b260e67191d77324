import { badUserInput, shown } from './errors';

/**
 * Opaque, stable cursors for keyset pagination: base64url of
 * `[kind, ...sort keys]`, where the last key is always the row's id, so two
 * rows never share a cursor and a cursor stays valid while rows are added.
 * The kind names the ordering, so a cursor of another connection is refused
 * instead of silently paging from a wrong place.
 */
export interface CursorCodec {
  readonly kind: string;
  encode(keys: readonly string[]): string;
  /** The sort keys of a cursor, or a BAD_USER_INPUT error naming `argument`. */
  decode(cursor: string, argument?: string): string[];
}

/**
 * @param kind names the ordering, e.g. `invoice:time`
 * @param keyChecks one check per sort key (the id last); a key failing its check makes the cursor invalid
 */
export function cursorCodec(kind: string, keyChecks: readonly ((key: string) => boolean)[]): CursorCodec {
  return {
    kind,
    encode: (keys) => Buffer.from(JSON.stringify([kind, ...keys]), 'utf8').toString('base64url'),
    decode(cursor, argument = 'after') {
      const invalid = () =>
        badUserInput(`${argument}: expected a cursor returned by this connection (endCursor or an edge's cursor), got ${shown(cursor)}`);
      if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
      let parsed: unknown;
      try {
        parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
      } catch {
        throw invalid();
      }
      if (!Array.isArray(parsed) || parsed.length !== keyChecks.length + 1 || parsed[0] !== kind) throw invalid();
      const keys = parsed.slice(1);
      if (!keys.every((key, i) => typeof key === 'string' && keyChecks[i]!(key))) throw invalid();
      return keys as string[];
    },
  };
}

/** Any non-empty id. */
export const anyId = (key: string): boolean => key.length > 0;

/** A timestamp key as {@link timestampKeySql} writes it: UTC with microseconds. */
const TIMESTAMP_KEY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
export const timestampKey = (key: string): boolean => TIMESTAMP_KEY.test(key) && !Number.isNaN(Date.parse(key.slice(0, 23) + 'Z'));

/**
 * SQL of a `timestamptz` column as an exact, zone-free cursor key (a JS Date
 * would drop the microseconds and the keyset would skip or repeat rows).
 * Postgres reads the text back with `::timestamptz`.
 */
export function timestampKeySql(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}
