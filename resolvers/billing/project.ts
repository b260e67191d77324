import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Key stub of the project subgraph's `Project`, to which billing adds its figures and `invoices`. */
@Directive('@key(fields: "id")')
@ObjectType('Project', { simpleResolvers: true })
export class Project {
  @Field(() => ID)
  id!: string;
}
