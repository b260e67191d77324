import { Field, ID, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../shared/dateTime.scalar';

/** An invoice exception raised by the billing platform and not (yet) resolved. */
@ObjectType({ simpleResolvers: true, description: 'A billing exception raised on an invoice and not resolved.' })
export class InvoiceException {
  @Field(() => ID, { description: 'The exception id the billing platform gave it.' })
  id!: string;

  @Field({ description: 'eligibility | pricing | tax | posting | delivery.' })
  stage!: string;

  @Field()
  code!: string;

  @Field(() => String, { nullable: true })
  message!: string | null;

  @Field(() => DateTimeScalar, { description: 'When it was raised (event time).' })
  raisedAt!: Date;

  /** The invoice it was raised on. */
  invoiceId!: string;
}
