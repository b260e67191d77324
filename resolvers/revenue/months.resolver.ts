import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { rowScopeOf } from '../shared/rowScope';
import type { Queryable } from '../shared/sql';
import type { RevenueLoaders } from './loaders';
import { monthRange, portfolioMonths } from './months';
import { Project } from './project';
import { PortfolioMonth, ProjectMonth } from './projectMonth';

/** `Project.months` and `Query.portfolioMonths`: the figures over time, by calendar month. */
@Resolver(() => Project)
export class MonthsResolver {
  constructor(private readonly db: Queryable, private readonly loadersFor: (context: unknown) => RevenueLoaders) {}

  @FieldResolver(() => [ProjectMonth], {
    description: 'The project’s figures per calendar month, oldest first: every month from `from` to `to` (YYYY-MM), zeros where nothing counted; a bound left out is the first or last month with a figure.',
  })
  months(
    @Root() project: Project,
    @Arg('from', () => String, { nullable: true }) from: string | null,
    @Arg('to', () => String, { nullable: true }) to: string | null,
    @Ctx() context: unknown,
  ): Promise<ProjectMonth[]> {
    return this.loadersFor(context).months.get(monthRange(from, to)).load(project.id);
  }

  @Query(() => [PortfolioMonth], {
    description: 'Per calendar month and currency, the sums of the projects’ months (of one legal entity’s projects when given), oldest first, then by currency.',
  })
  portfolioMonths(
    @Arg('from', () => String, { nullable: true }) from: string | null,
    @Arg('to', () => String, { nullable: true }) to: string | null,
    @Arg('legalEntityId', () => String, { nullable: true }) legalEntityId: string | null,
    @Ctx() context: unknown,
  ): Promise<PortfolioMonth[]> {
    return portfolioMonths(this.db, monthRange(from, to), legalEntityId, rowScopeOf(context));
  }
}
