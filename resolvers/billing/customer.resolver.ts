import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { ConnectionArgs } from '../shared/connectionArgs';
import { Money } from '../shared/money';
import { pageRequest, toConnection } from '../shared/pagination';
import { Customer } from './customer';
import { InvoiceConnection } from './invoiceConnection';
import { invoiceCursor, invoiceKeys } from './invoices';
import type { BillingLoaders } from './loaders';
import { Financial } from '../shared/requiresScopes';

/** Adds `invoices` and `outstandingBalance` to the customer subgraph's `Customer`. */
@Resolver(() => Customer)
export class CustomerBillingResolver {
  constructor(private readonly loadersFor: (context: unknown) => BillingLoaders) {}

  @FieldResolver(() => InvoiceConnection, {
    description: 'Invoices of the customer and of every account merged into it, in time order; none for a merged account. first: default 50, at most 500.',
  })
  async invoices(@Root() customer: Customer, @Args() { first, after }: ConnectionArgs, @Ctx() context: unknown): Promise<InvoiceConnection> {
    const request = pageRequest(first, after, invoiceCursor);
    const loaders = this.loadersFor(context);
    const rows = await loaders.invoicePages.customer.get(request).load(customer.id);
    return toConnection(InvoiceConnection, rows, request, { node: (i) => i, keys: invoiceKeys, cursor: invoiceCursor }, () =>
      loaders.invoiceCount.customer.load(customer.id),
    );
  }

  @Financial()
  @FieldResolver(() => [Money], {
    description: 'Σ amountDue of posted, not voided invoices, accounts merged into it included: one Money per currency, sorted; [] for a merged account.',
  })
  async outstandingBalance(@Root() customer: Customer, @Ctx() context: unknown): Promise<Money[]> {
    const balances = await this.loadersFor(context).outstandingBalance.load(customer.id);
    return balances.map(({ amount, currency }) => ({ amount, currency }));
  }
}
