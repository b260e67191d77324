import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** A customer account (CRM/ERP), owned by the customer subgraph. */
@Directive('@key(fields: "id")')
@ObjectType({ simpleResolvers: true, description: 'A customer account. After a merge the merged account still answers, with status "merged" and mergedInto.' })
export class Customer {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field()
  legalEntityId!: string;

  @Field({ description: 'ISO 4217 currency the customer is billed in.' })
  billingCurrency!: string;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2, when the source system sent one.' })
  country!: string | null;

  @Field({ description: 'active | inactive | merged.' })
  status!: string;

  /** The survivor at the end of the merge chain, when merged; `mergedInto` resolves it. */
  mergedIntoId!: string | null;
}
