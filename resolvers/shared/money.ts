import { Directive, Field, ObjectType } from 'type-graphql';
import { DecimalScalar } from './decimal.scalar';

/**
 * An amount in a currency. `@shareable`: every subgraph that reports money
 * resolves Money itself (the gateway may take it from any of them).
 */
@Directive('@shareable')
@ObjectType({ simpleResolvers: true, description: 'An exact amount of money in one currency.' })
export class Money {
  @Field(() => DecimalScalar, { description: 'Exact decimal with 2 fraction digits, e.g. "1234.50".' })
  amount!: string;

  @Field({ description: 'ISO 4217 currency code.' })
  currency!: string;
}
