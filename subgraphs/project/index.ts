import 'reflect-metadata';
import { CustomerProjectsResolver } from '../../resolvers/project/customer.resolver';
import { resolveCustomerReference } from '../../resolvers/project/customer.reference';
import { Customer } from '../../resolvers/project/customer';
import { projectLoaders } from '../../resolvers/project/loaders';
import { PortfolioResolver } from '../../resolvers/project/portfolio.resolver';
import { resolvePortfolioFiguresReference } from '../../resolvers/project/portfolioFigures.reference';
import { ProjectResolver } from '../../resolvers/project/project.resolver';
import { resolveProjectReference } from '../../resolvers/project/project.reference';
import { buildFederatedSchema } from '../../resolvers/shared/federation';
import { withPreparedStatements } from '../../resolvers/shared/preparedStatements';
import type { Subgraph, SubgraphDeps } from '../subgraph';

/**
 * The project subgraph: owns `Project` (attributes, hours, costs),
 * `PortfolioFigures` (currency, counts, hours, costs), `Query.project`,
 * `Query.projects`, `Query.portfolio`, and adds `Customer.projects`.
 */
export async function createSubgraph(deps: SubgraphDeps): Promise<Subgraph> {
  // Every read of the read model as a named statement (prepared once per connection).
  const db = withPreparedStatements(deps.pool);
  const loadersFor = projectLoaders(db);
  const { schema, sdl } = await buildFederatedSchema({
    resolvers: [
      new ProjectResolver({ db, loadersFor }),
      new CustomerProjectsResolver(loadersFor),
      new PortfolioResolver(db),
    ],
    orphanedTypes: [Customer],
    references: {
      Project: resolveProjectReference(loadersFor),
      Customer: resolveCustomerReference(loadersFor),
      PortfolioFigures: resolvePortfolioFiguresReference(loadersFor),
    },
  });
  return { name: 'project', schema, sdl };
}
