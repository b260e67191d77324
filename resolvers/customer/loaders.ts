import type DataLoader from 'dataloader';
import { loaderById, perRequest } from '../shared/loaders';
import type { Queryable } from '../shared/sql';
import { customersById } from './accounts';
import type { Customer } from './customer';

/** The per-request loaders of the customer subgraph. */
export interface CustomerLoaders {
  readonly customer: DataLoader<string, Customer | null>;
}

/** `loadersFor(context)` of one customer subgraph instance. */
export function customerLoaders(db: Queryable): (context: unknown) => CustomerLoaders {
  return perRequest((scope) => ({
    customer: loaderById((ids) => customersById(db, ids, scope), (c) => c.id),
  }));
}
