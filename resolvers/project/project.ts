import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { DateScalar } from '../shared/date.scalar';
import { DateTimeScalar } from '../shared/dateTime.scalar';
import { DecimalScalar } from '../shared/decimal.scalar';
import { BillingModel, ProjectStatus } from '../shared/enums';
import { Money } from '../shared/money';
import { Financial } from '../shared/requiresScopes';

/**
 * A project (PSA), owned by the project subgraph: its attributes and the
 * figures kept on its row (hours and costs). Billing and revenue add theirs.
 * Every amount is in the project's currency.
 */
@Directive('@key(fields: "id")')
@ObjectType({ simpleResolvers: true, description: 'A project; every amount is in the project currency.' })
export class Project {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => BillingModel)
  billingModel!: BillingModel;

  @Field(() => ProjectStatus)
  status!: ProjectStatus;

  @Field({ description: 'ISO 4217; every amount of the project is in it.' })
  currency!: string;

  @Field()
  legalEntityId!: string;

  @Field(() => DecimalScalar, { description: 'Hours of time entries approved (or billed).' })
  approvedHours!: string;

  @Field(() => DecimalScalar, { description: 'The same, billable only.' })
  billableApprovedHours!: string;

  @Financial()
  @Field(() => Money, { description: 'Σ cost of approved (or billed) time entries.' })
  laborCost!: Money;

  @Financial()
  @Field(() => Money, { description: 'Σ amount of approved expenses, billable or not.' })
  expenseCost!: Money;

  @Financial()
  @Field(() => Money, { nullable: true })
  contractValue!: Money | null;

  @Field(() => DecimalScalar, { nullable: true })
  budgetHours!: string | null;

  @Field(() => DateScalar, { nullable: true })
  plannedStart!: string | null;

  @Field(() => DateScalar, { nullable: true })
  plannedEnd!: string | null;

  @Field(() => DateTimeScalar, { description: 'When the project was created in the PSA (event time).' })
  createdAt!: Date;

  /** The survivor of the project's account (root of its merge chain); `customer` resolves it. */
  customerId!: string;
}
