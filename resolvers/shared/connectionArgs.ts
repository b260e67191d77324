import { ArgsType, Field, Int } from 'type-graphql';

/** `first` and `after` of every connection field (checked by `pageRequest`). */
@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, description: 'How many items, from 0 to 500; default 50.' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'A cursor from a previous page: items after it.' })
  after?: string | null;
}
