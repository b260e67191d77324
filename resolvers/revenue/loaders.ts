import type DataLoader from 'dataloader';
import DataLoaderClass from 'dataloader';
import { LoaderFamily, loaderById, perRequest } from '../shared/loaders';
import { currenciesOf } from '../shared/portfolioKey';
import type { Queryable } from '../shared/sql';
import { type PortfolioRevenue, portfolioRevenueOf, type ProjectRevenue, projectRevenueById } from './figures';
import { type MonthRange, monthsOfProjects } from './months';
import type { ProjectMonth } from './projectMonth';

/** The per-request loaders of the revenue subgraph; each batch is one statement. */
export interface RevenueLoaders {
  readonly projectRevenue: DataLoader<string, ProjectRevenue | null>;
  readonly portfolio: DataLoader<string, PortfolioRevenue | null>;
  /** Months of projects, one loader per range asked. */
  readonly months: LoaderFamily<MonthRange, DataLoader<string, ProjectMonth[]>>;
}

/** `loadersFor(context)` of one revenue subgraph instance. */
export function revenueLoaders(db: Queryable): (context: unknown) => RevenueLoaders {
  return perRequest((scope) => ({
    projectRevenue: loaderById((ids) => projectRevenueById(db, ids, scope), (p) => p.id),
    portfolio: loaderById((ids) => portfolioRevenueOf(db, currenciesOf(ids), scope), (row) => row.id),
    months: new LoaderFamily(
      (range: MonthRange) => new DataLoaderClass<string, ProjectMonth[]>((ids) => monthsOfProjects(db, ids, range)),
      (range) => `${range.from ?? ''}|${range.to ?? ''}`,
    ),
  }));
}
