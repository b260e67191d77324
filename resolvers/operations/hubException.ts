import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../shared/dateTime.scalar';

export enum HubExceptionStatus {
  OPEN = 'OPEN',
  DISMISSED = 'DISMISSED',
}
registerEnumType(HubExceptionStatus, { name: 'HubExceptionStatus', description: 'OPEN until an operator dismisses it.' });

/** An accepted event that changed nothing (ILLEGAL_TRANSITION and the like), for operators. */
@ObjectType({ simpleResolvers: true, description: 'An accepted event the listeners could not apply (it changed nothing), with why; operators may dismiss it.' })
export class HubException {
  @Field(() => ID, { description: 'The log position of the event (stable; what dismissHubException takes).' })
  id!: string;

  @Field(() => ID, { description: 'The event\'s CloudEvents id.' })
  eventId!: string;

  @Field()
  source!: string;

  @Field()
  type!: string;

  @Field()
  subject!: string;

  @Field({ description: 'ILLEGAL_TRANSITION, CURRENCY_MISMATCH, INVALID_STORED_EVENT.' })
  code!: string;

  @Field(() => String, { nullable: true })
  message!: string | null;

  @Field(() => DateTimeScalar, { description: 'When the listeners raised it.' })
  raisedAt!: Date;

  @Field(() => HubExceptionStatus)
  status!: HubExceptionStatus;

  @Field(() => String, { nullable: true, description: 'The dismissing operator\'s token subject (null under AUTH=off, and while open).' })
  dismissedBy!: string | null;

  @Field(() => String, { nullable: true })
  dismissedReason!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was dismissed (the dismissal event\'s time).' })
  dismissedAt!: Date | null;
}
