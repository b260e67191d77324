import type { ConnectionShape } from './connection';
import type { CursorCodec } from './cursor';
import { badUserInput, shown } from './errors';

/** docs/api.md#graphql: `first` defaults to 50 and is capped at 500. */
export const DEFAULT_FIRST = 50;
export const MAX_FIRST = 500;

/** A validated page request: how many rows and after which sort keys. */
export interface PageRequest {
  readonly first: number;
  /** Sort keys of the `after` cursor (id last), or null for the first page. */
  readonly after: readonly string[] | null;
}

/** Checks `first` and decodes `after`; client mistakes are BAD_USER_INPUT errors. */
export function pageRequest(first: number | null | undefined, after: string | null | undefined, cursor: CursorCodec): PageRequest {
  const n = first ?? DEFAULT_FIRST;
  if (!Number.isInteger(n) || n < 0 || n > MAX_FIRST) {
    throw badUserInput(`first: expected an integer from 0 to ${MAX_FIRST} (default ${DEFAULT_FIRST}), got ${shown(first)}`, {
      argumentName: 'first',
    });
  }
  return { first: n, after: after === null || after === undefined ? null : cursor.decode(after) };
}

/** A stable string of a page request, to batch the loads of equal requests together. */
export function pageKey(request: PageRequest): string {
  return JSON.stringify([request.first, request.after]);
}

/**
 * A connection object from the rows of one keyset query that asked for
 * `first + 1` rows (the extra row only tells that a next page exists).
 */
export function toConnection<TRow, TNode, TConnection extends ConnectionShape<TNode>>(
  Type: abstract new () => TConnection,
  rows: readonly TRow[],
  request: PageRequest,
  map: { node: (row: TRow) => TNode; keys: (row: TRow) => readonly string[]; cursor: CursorCodec },
  countTotal: () => Promise<number>,
): TConnection {
  const page = rows.slice(0, request.first);
  const edges = page.map((row) => ({ cursor: map.cursor.encode(map.keys(row)), node: map.node(row) }));
  const connection = Object.create(Type.prototype) as TConnection;
  connection.edges = edges;
  connection.nodes = edges.map((edge) => edge.node);
  connection.pageInfo = {
    hasNextPage: rows.length > request.first,
    hasPreviousPage: request.after !== null,
    startCursor: edges[0]?.cursor ?? null,
    endCursor: edges[edges.length - 1]?.cursor ?? null,
  };
  connection.countTotal = countTotal;
  return connection;
}
