import 'reflect-metadata';
import { revenueLoaders } from '../../resolvers/revenue/loaders';
import { MonthsResolver } from '../../resolvers/revenue/months.resolver';
import { PortfolioFigures } from '../../resolvers/revenue/portfolioFigures';
import { resolvePortfolioFiguresReference } from '../../resolvers/revenue/portfolioFigures.reference';
import { PortfolioRevenueResolver } from '../../resolvers/revenue/portfolioFigures.resolver';
import { Project } from '../../resolvers/revenue/project';
import { resolveProjectReference } from '../../resolvers/revenue/project.reference';
import { ProjectRevenueResolver } from '../../resolvers/revenue/project.resolver';
import { buildFederatedSchema } from '../../resolvers/shared/federation';
import { withPreparedStatements } from '../../resolvers/shared/preparedStatements';
import type { Subgraph, SubgraphDeps } from '../subgraph';

/**
 * The revenue subgraph: adds recognized revenue, margin, margin % and backlog
 * to `Project`, and revenue sums to `PortfolioFigures`; the figures over time
 * by month: `Project.months` and `Query.portfolioMonths`.
 */
export async function createSubgraph(deps: SubgraphDeps): Promise<Subgraph> {
  // Every read of the read model as a named statement (prepared once per connection).
  const db = withPreparedStatements(deps.pool);
  const loadersFor = revenueLoaders(db);
  const { schema, sdl } = await buildFederatedSchema({
    resolvers: [new ProjectRevenueResolver(loadersFor), new PortfolioRevenueResolver(loadersFor), new MonthsResolver(db, loadersFor)],
    orphanedTypes: [Project, PortfolioFigures],
    references: {
      Project: resolveProjectReference(loadersFor),
      PortfolioFigures: resolvePortfolioFiguresReference(loadersFor),
    },
  });
  return { name: 'revenue', schema, sdl };
}
