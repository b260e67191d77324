import DataLoader from 'dataloader';
import { rowScopeOf, type RowScope } from './rowScope';

/**
 * Per-request loaders without relying on a context function of our own: with
 * its subgraphs in process the gateway runs a subgraph's schema through
 * InProcessDataSource (gateway/dataSources.ts), which hands a context object
 * of the gateway's making to our resolvers. So the loaders of a request live in a WeakMap keyed by whatever
 * context object the request carries, created on first use; a subgraph
 * instance has its own map, so in-process subgraphs never share loaders (or
 * caches) even though they share the context object.
 *
 * A request is read for one principal, so its loaders are made for that
 * principal's row scope (resolvers/shared/rowScope.ts): what one loader has
 * cached was read under the scope every later load of the request has too.
 */
export function perRequest<TLoaders>(create: (scope: RowScope) => TLoaders): (context: unknown) => TLoaders {
  const byRequest = new WeakMap<object, TLoaders>();
  return (context) => {
    if (typeof context !== 'object' || context === null) {
      throw new Error('servicegraph subgraph resolvers need a context object per request (pass contextValue: {} to graphql())');
    }
    let loaders = byRequest.get(context);
    if (!loaders) byRequest.set(context, (loaders = create(rowScopeOf(context))));
    return loaders;
  };
}

/** One `WHERE id = ANY($1)` (`= $1` for one id, see keyCondition) per batch; a missing id loads as null. */
export function loaderById<TValue>(
  load: (ids: readonly string[]) => Promise<readonly TValue[]>,
  idOf: (value: TValue) => string,
): DataLoader<string, TValue | null> {
  return new DataLoader(async (ids) => {
    const found = new Map<string, TValue>();
    for (const value of await load(ids)) found.set(idOf(value), value);
    return ids.map((id) => found.get(id) ?? null);
  });
}

/** One grouped query per batch; a key without rows loads as []. Rows keep the query's order. */
export function loaderOfGroups<TValue>(
  load: (keys: readonly string[]) => Promise<readonly TValue[]>,
  keyOf: (value: TValue) => string,
): DataLoader<string, TValue[]> {
  return new DataLoader(async (keys) => {
    const groups = new Map<string, TValue[]>();
    for (const value of await load(keys)) {
      const key = keyOf(value);
      const group = groups.get(key);
      if (group) group.push(value);
      else groups.set(key, [value]);
    }
    return keys.map((key) => groups.get(key) ?? []);
  });
}

/**
 * Loaders that also depend on arguments (a page request): one loader per
 * distinct argument key, so equal requests of many parents share one batch.
 */
export class LoaderFamily<TArgs, TLoader> {
  private readonly loaders = new Map<string, TLoader>();

  constructor(
    private readonly create: (args: TArgs) => TLoader,
    private readonly keyOf: (args: TArgs) => string,
  ) {}

  get(args: TArgs): TLoader {
    const key = this.keyOf(args);
    let loader = this.loaders.get(key);
    if (!loader) this.loaders.set(key, (loader = this.create(args)));
    return loader;
  }
}

/** A count per key from one grouped query per batch; a key without rows counts 0. */
export function loaderOfCounts(load: (keys: readonly string[]) => Promise<readonly { id: string; n: number }[]>): DataLoader<string, number> {
  return new DataLoader(async (keys) => {
    const counts = new Map((await load(keys)).map((row) => [row.id, row.n]));
    return keys.map((key) => counts.get(key) ?? 0);
  });
}

/** A row of a page of one parent, with the number of the parent's rows the page query matched (see {@link loaderOfPages}). */
export interface PagedRow<TValue> {
  readonly value: TValue;
  /** `count(*) OVER (PARTITION BY parent)` of the page query: on a first page, the connection's totalCount. */
  readonly total: number;
}

/**
 * Pages of many parents from one windowed statement per batch (as
 * {@link loaderOfGroups}). The page query already ranks every row of each
 * parent, so it counts them too: on a first page (no cursor) that count is
 * the connection's `totalCount`, and it is primed into `counts` — a page
 * with its `totalCount` costs one statement instead of two.
 */
export function loaderOfPages<TValue>(
  load: (keys: readonly string[]) => Promise<readonly PagedRow<TValue>[]>,
  keyOf: (value: TValue) => string,
  firstPage: boolean,
  counts: DataLoader<string, number>,
): DataLoader<string, TValue[]> {
  return loaderOfGroups(async (keys) => {
    const rows = await load(keys);
    if (firstPage) {
      const totals = new Map(rows.map((row) => [keyOf(row.value), row.total]));
      for (const key of keys) counts.prime(key, totals.get(key) ?? 0);
    }
    return rows.map((row) => row.value);
  }, keyOf);
}
