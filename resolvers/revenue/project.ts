import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Key stub of the project subgraph's `Project`, to which revenue adds revenue, margin and backlog. */
@Directive('@key(fields: "id")')
@ObjectType('Project', { simpleResolvers: true })
export class Project {
  @Field(() => ID)
  id!: string;
}
