import { ObjectType } from 'type-graphql';
import { connectionOf } from '../shared/connection';
import { Invoice } from './invoice';

@ObjectType({ simpleResolvers: true, description: 'Invoices in time order (drafted, then id).' })
export class InvoiceConnection extends connectionOf(Invoice, 'Invoice') {}
