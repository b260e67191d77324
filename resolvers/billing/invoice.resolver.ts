import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { ConnectionArgs } from '../shared/connectionArgs';
import { InvoiceStatus, PaymentState } from '../shared/enums';
import { pageRequest, toConnection } from '../shared/pagination';
import { rowScopeOf } from '../shared/rowScope';
import type { Queryable } from '../shared/sql';
import { Customer } from './customer';
import { Invoice } from './invoice';
import { InvoiceConnection } from './invoiceConnection';
import { InvoiceException } from './invoiceException';
import { countInvoices, invoiceCursor, invoiceKeys, invoicesPage } from './invoices';
import type { BillingLoaders } from './loaders';
import { Project } from './project';

@ArgsType()
class InvoicesArgs extends ConnectionArgs {
  @Field(() => InvoiceStatus, { nullable: true })
  status?: InvoiceStatus | null;

  @Field(() => PaymentState, { nullable: true })
  paymentState?: PaymentState | null;

  @Field(() => ID, { nullable: true })
  projectId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Invoices counting under this customer (its own and those of accounts merged into it).' })
  customerId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'true: only invoices with an open exception; false: only those without.' })
  hasOpenException?: boolean | null;
}

export interface InvoiceResolverDeps {
  readonly db: Queryable;
  readonly loadersFor: (context: unknown) => BillingLoaders;
}

@Resolver(() => Invoice)
export class InvoiceResolver {
  constructor(private readonly deps: InvoiceResolverDeps) {}

  @Query(() => Invoice, { nullable: true })
  invoice(@Arg('id', () => ID) id: string, @Ctx() context: unknown): Promise<Invoice | null> {
    return this.deps.loadersFor(context).invoice.load(id);
  }

  @Query(() => InvoiceConnection, { description: 'Invoices in time order (drafted, then id), filtered. first: default 50, at most 500.' })
  async invoices(@Args() args: InvoicesArgs, @Ctx() context: unknown): Promise<InvoiceConnection> {
    const request = pageRequest(args.first, args.after, invoiceCursor);
    const filter = {
      status: args.status, paymentState: args.paymentState, projectId: args.projectId,
      customerId: args.customerId, hasOpenException: args.hasOpenException,
    };
    const scope = rowScopeOf(context);
    const rows = await invoicesPage(this.deps.db, filter, scope, request);
    return toConnection(InvoiceConnection, rows, request, { node: (i) => i, keys: invoiceKeys, cursor: invoiceCursor }, () =>
      countInvoices(this.deps.db, filter, scope),
    );
  }

  @FieldResolver(() => Customer, {
    nullable: true,
    description: 'The customer the invoice counts under: the survivor when its account was merged; null when it is in a legal entity the token does not see.',
  })
  customer(@Root() invoice: Invoice, @Ctx() context: unknown): Promise<Customer | null> {
    return this.deps.loadersFor(context).customer.load(invoice.customerId);
  }

  @FieldResolver(() => Project, { nullable: true })
  project(@Root() invoice: Invoice): Project {
    return { id: invoice.projectId };
  }

  @FieldResolver(() => [InvoiceException], { description: 'Exceptions raised and not resolved, in the order raised.' })
  openExceptions(@Root() invoice: Invoice, @Ctx() context: unknown): Promise<InvoiceException[]> {
    return this.deps.loadersFor(context).openExceptions.load(invoice.id);
  }
}
