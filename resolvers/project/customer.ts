import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Key stub of the customer subgraph's `Customer`, to which this subgraph adds `projects`. */
@Directive('@key(fields: "id")')
@ObjectType('Customer', { simpleResolvers: true })
export class Customer {
  @Field(() => ID)
  id!: string;
}
