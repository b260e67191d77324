import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { rowScopeOf } from '../shared/rowScope';
import type { Queryable } from '../shared/sql';
import { portfolio } from './portfolio';
import { PortfolioFigures } from './portfolioFigures';

@Resolver(() => PortfolioFigures)
export class PortfolioResolver {
  constructor(private readonly db: Queryable) {}

  @Query(() => [PortfolioFigures], { description: 'Executive totals: one row per project currency, of all projects or of one legal entity (of those the token sees).' })
  portfolio(@Arg('legalEntityId', () => String, { nullable: true }) legalEntityId: string | null, @Ctx() context: unknown): Promise<PortfolioFigures[]> {
    return portfolio(this.db, legalEntityId ?? null, rowScopeOf(context));
  }
}
