import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { Money } from '../shared/money';
import type { PortfolioBilling } from './figures';
import type { BillingLoaders } from './loaders';
import { PortfolioFigures } from './portfolioFigures';
import { Financial } from '../shared/requiresScopes';

/** Adds billing's sums to the project subgraph's `PortfolioFigures` rows. */
@Resolver(() => PortfolioFigures)
export class PortfolioBillingResolver {
  constructor(private readonly loadersFor: (context: unknown) => BillingLoaders) {}

  private async sums(row: PortfolioFigures, context: unknown): Promise<PortfolioBilling> {
    const sums = await this.loadersFor(context).portfolio.load(row.id);
    if (!sums) throw new Error(`no portfolio row ${JSON.stringify(row.id)}`);
    return sums;
  }

  @Financial()
  @FieldResolver(() => Money)
  async billedAmount(@Root() row: PortfolioFigures, @Ctx() context: unknown): Promise<Money> {
    return (await this.sums(row, context)).billedAmount;
  }

  @Financial()
  @FieldResolver(() => Money)
  async unbilledApprovedAmount(@Root() row: PortfolioFigures, @Ctx() context: unknown): Promise<Money> {
    return (await this.sums(row, context)).unbilledApprovedAmount;
  }

  @Financial()
  @FieldResolver(() => Money, { description: 'Σ amountDue of posted, not voided invoices in the currency (of the legal entity\'s projects).' })
  async outstandingBalance(@Root() row: PortfolioFigures, @Ctx() context: unknown): Promise<Money> {
    return (await this.sums(row, context)).outstandingBalance;
  }

  @FieldResolver(() => Int, { description: 'Open exceptions of invoices in the currency (of the legal entity\'s projects).' })
  async openInvoiceExceptions(@Root() row: PortfolioFigures, @Ctx() context: unknown): Promise<number> {
    return (await this.sums(row, context)).openInvoiceExceptions;
  }
}
