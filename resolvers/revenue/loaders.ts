import type DataLoader from 'dataloader';
import { loaderById, perRequest } from '../shared/loaders';
import { currenciesOf } from '../shared/portfolioKey';
import type { Queryable } from '../shared/sql';
import { type PortfolioRevenue, portfolioRevenueOf, type ProjectRevenue, projectRevenueById } from './figures';

/** The per-request loaders of the revenue subgraph; each batch is one statement. */
export interface RevenueLoaders {
  readonly projectRevenue: DataLoader<string, ProjectRevenue | null>;
  readonly portfolio: DataLoader<string, PortfolioRevenue | null>;
}

/** `loadersFor(context)` of one revenue subgraph instance. */
export function revenueLoaders(db: Queryable): (context: unknown) => RevenueLoaders {
  return perRequest(() => ({
    projectRevenue: loaderById((ids) => projectRevenueById(db, ids), (p) => p.id),
    portfolio: loaderById((ids) => portfolioRevenueOf(db, currenciesOf(ids)), (row) => row.id),
  }));
}
