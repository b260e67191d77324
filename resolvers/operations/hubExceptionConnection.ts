import { ObjectType } from 'type-graphql';
import { connectionOf } from '../shared/connection';
import { HubException } from './hubException';

@ObjectType({ simpleResolvers: true, description: 'Hub exceptions, oldest first.' })
export class HubExceptionConnection extends connectionOf(HubException, 'HubException') {}
