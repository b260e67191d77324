import { Field, ID, Int, ObjectType } from 'type-graphql';
import { connectionOf } from '../shared/connection';
import { DateScalar } from '../shared/date.scalar';
import { DecimalScalar } from '../shared/decimal.scalar';
import { Money } from '../shared/money';
import { Customer } from './customer';
import { Project } from './project';
import { Financial } from '../shared/requiresScopes';

/** Amounts by age as of a date, in one currency (docs/api.md, "Figures over time"). */
@ObjectType({ simpleResolvers: true, description: 'Amounts by age as of a date, in one currency.' })
export class AgingBuckets {
  @Field()
  currency!: string;

  @Field(() => String, { nullable: true, description: 'The legal entity asked for; null: every legal entity.' })
  legalEntityId!: string | null;

  @Field(() => DateScalar, { description: 'The day the ages are counted to.' })
  asOf!: string;

  @Financial()
  @Field(() => Money, { nullable: true, description: 'Receivables not past due (dueDate on or after asOf); null in the unbilled aging.' })
  current!: Money | null;

  @Financial()
  @Field(() => Money, { description: '1 to 30 days past due; unbilled: facts at most 30 days old (dated asOf or later included).' })
  days1to30!: Money;

  @Financial()
  @Field(() => Money, { description: '31 to 60 days.' })
  days31to60!: Money;

  @Financial()
  @Field(() => Money, { description: '61 to 90 days.' })
  days61to90!: Money;

  @Financial()
  @Field(() => Money, { description: 'More than 90 days.' })
  over90!: Money;

  @Financial()
  @Field(() => Money, { description: 'Every bucket together: the outstanding receivables, or the unbilled approved amount.' })
  total!: Money;
}

/** Days sales outstanding of one currency. */
@ObjectType({ simpleResolvers: true, description: 'Days sales outstanding of one currency.' })
export class Dso {
  @Field()
  currency!: string;

  @Field(() => String, { nullable: true, description: 'The legal entity asked for; null: every legal entity.' })
  legalEntityId!: string | null;

  @Financial()
  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Σ amountDue ÷ Σ grossTotal of the invoices with an invoiceDate in the 90 days up to the day (today included) × 90, 1 decimal; null when none was posted then.',
  })
  days!: string | null;
}

export type UnbilledFactKind = 'time' | 'expense' | 'milestone';

/** An approved billable fact no posted, not voided invoice names. */
@ObjectType({ simpleResolvers: true, description: 'An approved billable fact no posted, not voided invoice names (leakage).' })
export class UnbilledFact {
  @Field(() => ID, { description: 'The time entry’s, expense’s or milestone’s id.' })
  id!: string;

  @Field({ description: 'time | expense | milestone' })
  kind!: UnbilledFactKind;

  @Field(() => Project, { nullable: true })
  project!: Project | null;

  @Field(() => Customer, { nullable: true, description: 'The project’s customer (the survivor when its account was merged).' })
  customer!: Customer | null;

  @Financial()
  @Field(() => Money, { description: 'Its bill amount (a milestone’s amount), in the project’s currency.' })
  amount!: Money;

  @Field(() => DateScalar, { description: 'workDate, expenseDate, or the UTC day of the milestone’s approval.' })
  factDate!: string;

  @Field(() => Int, { description: 'Days from factDate to the day asked (today by default).' })
  ageDays!: number;
}

@ObjectType({ simpleResolvers: true, description: 'Unbilled facts, oldest first (factDate, kind, id).' })
export class UnbilledFactConnection extends connectionOf(UnbilledFact, 'UnbilledFact') {}
