import { ObjectType } from 'type-graphql';
import { connectionOf } from '../shared/connection';
import { ParkedEvent } from './parkedEvent';

@ObjectType({ simpleResolvers: true, description: 'Parked events, longest waiting first.' })
export class ParkedEventConnection extends connectionOf(ParkedEvent, 'ParkedEvent') {}
