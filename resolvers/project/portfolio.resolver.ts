import { Arg, Query, Resolver } from 'type-graphql';
import type { Queryable } from '../shared/sql';
import { portfolio } from './portfolio';
import { PortfolioFigures } from './portfolioFigures';

@Resolver(() => PortfolioFigures)
export class PortfolioResolver {
  constructor(private readonly db: Queryable) {}

  @Query(() => [PortfolioFigures], { description: 'Executive totals: one row per project currency, of all projects or of one legal entity.' })
  portfolio(@Arg('legalEntityId', () => String, { nullable: true }) legalEntityId: string | null): Promise<PortfolioFigures[]> {
    return portfolio(this.db, legalEntityId ?? null);
  }
}
