import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { DecimalScalar } from '../shared/decimal.scalar';
import { Money } from '../shared/money';
import type { PortfolioRevenue } from './figures';
import type { RevenueLoaders } from './loaders';
import { PortfolioFigures } from './portfolioFigures';
import { Financial } from '../shared/requiresScopes';

/** Adds revenue's sums to the project subgraph's `PortfolioFigures` rows. */
@Resolver(() => PortfolioFigures)
export class PortfolioRevenueResolver {
  constructor(private readonly loadersFor: (context: unknown) => RevenueLoaders) {}

  private async sums(row: PortfolioFigures, context: unknown): Promise<PortfolioRevenue> {
    const sums = await this.loadersFor(context).portfolio.load(row.id);
    if (!sums) throw new Error(`no portfolio row ${JSON.stringify(row.id)}`);
    return sums;
  }

  @Financial()
  @FieldResolver(() => Money)
  async recognizedRevenue(@Root() row: PortfolioFigures, @Ctx() context: unknown): Promise<Money> {
    return (await this.sums(row, context)).recognizedRevenue;
  }

  @Financial()
  @FieldResolver(() => Money)
  async margin(@Root() row: PortfolioFigures, @Ctx() context: unknown): Promise<Money> {
    return (await this.sums(row, context)).margin;
  }

  @Financial()
  @FieldResolver(() => DecimalScalar, { nullable: true, description: 'From the row\'s sums, 2 decimals; null when recognizedRevenue is 0.' })
  async marginPercent(@Root() row: PortfolioFigures, @Ctx() context: unknown): Promise<string | null> {
    return (await this.sums(row, context)).marginPercent;
  }
}
