import { Directive, Field, ObjectType } from 'type-graphql';

/** Relay's PageInfo. `@shareable`: every subgraph with a connection resolves it. */
@Directive('@shareable')
@ObjectType({ simpleResolvers: true, description: 'Relay cursor connection page information.' })
export class PageInfo {
  @Field({ description: 'More items follow the last edge.' })
  hasNextPage!: boolean;

  @Field({ description: 'Items precede the first edge (true whenever `after` was given).' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first edge; null when there is none.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last edge, for `after`; null when there is none.' })
  endCursor!: string | null;
}
