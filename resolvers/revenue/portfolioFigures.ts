import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Key stub of the project subgraph's `PortfolioFigures` row (`EUR`, `EUR|LE-DE`), to which revenue adds its sums. */
@Directive('@key(fields: "id")')
@ObjectType('PortfolioFigures', { simpleResolvers: true })
export class PortfolioFigures {
  @Field(() => ID)
  id!: string;
}
