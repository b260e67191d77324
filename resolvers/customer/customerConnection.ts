import { ObjectType } from 'type-graphql';
import { connectionOf } from '../shared/connection';
import { Customer } from './customer';

@ObjectType({ simpleResolvers: true, description: 'Customers (survivors of merges only), ordered by id.' })
export class CustomerConnection extends connectionOf(Customer, 'Customer') {}
