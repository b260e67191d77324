import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { DecimalScalar } from '../shared/decimal.scalar';
import { Money } from '../shared/money';
import { Financial } from '../shared/requiresScopes';

/**
 * One row of the executive portfolio: the projects of one currency (and
 * optionally one legal entity). An entity keyed by `id` (`EUR`, `EUR|LE-DE`),
 * so billing and revenue add their sums to the same row.
 */
@Directive('@key(fields: "id")')
@ObjectType({ simpleResolvers: true, description: 'Executive totals over the projects of one currency (optionally of one legal entity).' })
export class PortfolioFigures {
  @Field(() => ID, { description: 'The currency, or currency|legalEntityId ("EUR", "EUR|LE-DE").' })
  id!: string;

  @Field()
  currency!: string;

  @Field(() => String, { nullable: true, description: 'Null: all legal entities.' })
  legalEntityId!: string | null;

  @Field(() => Int, { description: 'Projects of every status.' })
  projectCount!: number;

  @Field(() => DecimalScalar)
  approvedHours!: string;

  @Financial()
  @Field(() => Money)
  laborCost!: Money;

  @Financial()
  @Field(() => Money)
  expenseCost!: Money;
}
