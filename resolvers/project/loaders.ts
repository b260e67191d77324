import type DataLoader from 'dataloader';
import { LoaderFamily, loaderById, loaderOfCounts, loaderOfPages, perRequest } from '../shared/loaders';
import { type PageRequest, pageKey } from '../shared/pagination';
import { currenciesOf } from '../shared/portfolioKey';
import { type CustomerStub, customerStubLoader } from '../shared/customerStubs';
import type { Queryable } from '../shared/sql';
import { portfolioRowsOf } from './portfolio';
import type { PortfolioFigures } from './portfolioFigures';
import type { Project } from './project';
import { countProjectsOfCustomers, projectPagesOfCustomers, projectsById } from './projects';

/** The per-request loaders of the project subgraph; each batch is one statement. */
export interface ProjectLoaders {
  readonly project: DataLoader<string, Project | null>;
  /** Per page request: customer id → that page of its projects (`first + 1` rows). */
  readonly projectPagesOfCustomer: LoaderFamily<PageRequest, DataLoader<string, Project[]>>;
  readonly projectCountOfCustomer: DataLoader<string, number>;
  readonly portfolio: DataLoader<string, PortfolioFigures | null>;
  /** `Customer` references: null for a customer out of the request's scope. */
  readonly customer: DataLoader<string, CustomerStub | null>;
}

/** `loadersFor(context)` of one project subgraph instance. */
export function projectLoaders(db: Queryable): (context: unknown) => ProjectLoaders {
  return perRequest((scope) => {
    const projectCountOfCustomer = loaderOfCounts((ids) => countProjectsOfCustomers(db, ids, scope));
    return {
      project: loaderById((ids) => projectsById(db, ids, scope), (p) => p.id),
      projectPagesOfCustomer: new LoaderFamily(
        (request: PageRequest) =>
          loaderOfPages((ids) => projectPagesOfCustomers(db, ids, scope, request), (p) => p.customerId, request.after === null, projectCountOfCustomer),
        pageKey,
      ),
      projectCountOfCustomer,
      portfolio: loaderById((ids) => portfolioRowsOf(db, currenciesOf(ids), scope), (row) => row.id),
      customer: customerStubLoader(db, scope),
    };
  });
}
