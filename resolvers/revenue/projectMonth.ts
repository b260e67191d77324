import { Field, Int, ObjectType } from 'type-graphql';
import { DecimalScalar } from '../shared/decimal.scalar';
import { Money } from '../shared/money';
import { Financial } from '../shared/requiresScopes';

/** A project's figures of one calendar month, each by its date basis (docs/api.md, "Figures over time"). */
@ObjectType({ simpleResolvers: true, description: 'A project’s figures of one calendar month; the months of a project sum to its figures.' })
export class ProjectMonth {
  @Field({ description: 'YYYY-MM' })
  month!: string;

  @Field(() => DecimalScalar, { description: 'Hours of approved (or billed) time entries with a workDate in the month.' })
  approvedHours!: string;

  @Financial()
  @Field(() => Money, { description: 'Σ costAmount of those time entries.' })
  laborCost!: Money;

  @Financial()
  @Field(() => Money, { description: 'Σ amount of approved expenses with an expenseDate in the month.' })
  expenseCost!: Money;

  @Financial()
  @Field(() => Money, { description: 'Σ net totals of posted, not voided invoices with an invoiceDate in the month.' })
  billedAmount!: Money;

  @Financial()
  @Field(() => Money, { description: 'Σ revenue events of the month’s period, not reversed.' })
  recognizedRevenue!: Money;

  @Financial()
  @Field(() => Money, { description: 'recognizedRevenue − laborCost − expenseCost of the month.' })
  margin!: Money;
}

/** The portfolio's figures of one month in one currency: the sums over its projects' months. */
@ObjectType({ simpleResolvers: true, description: 'One month and currency of the portfolio: the sums of its projects’ months.' })
export class PortfolioMonth extends ProjectMonth {
  @Field()
  currency!: string;

  @Field(() => String, { nullable: true, description: 'The legal entity asked for; null: every legal entity.' })
  legalEntityId!: string | null;

  @Field(() => Int, { description: 'Projects with a fact dated in the month.' })
  projectCount!: number;
}
