import { Field, ID, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../shared/dateTime.scalar';

/** An accepted event waiting for an aggregate or a predecessor. */
@ObjectType({ simpleResolvers: true, description: 'An accepted event waiting for an aggregate or a predecessor; it applies as soon as that arrives.' })
export class ParkedEvent {
  /** The log position (the cursor key). */
  position!: string;

  @Field(() => ID, { description: 'The event\'s CloudEvents id.' })
  eventId!: string;

  @Field()
  source!: string;

  @Field()
  type!: string;

  @Field()
  subject!: string;

  @Field({ description: 'What it waits for, e.g. time_entry:TE-1 or sequence:/psa/x:TE-1:4.' })
  waitingFor!: string;

  @Field({ description: 'Why, in words.' })
  reason!: string;

  @Field(() => DateTimeScalar)
  parkedAt!: Date;
}
