import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { ConnectionArgs } from '../shared/connectionArgs';
import { pageRequest, toConnection } from '../shared/pagination';
import { rowScopeOf } from '../shared/rowScope';
import type { Queryable } from '../shared/sql';
import { countSurvivors, customerCursor, survivorsPage } from './accounts';
import { Customer } from './customer';
import { CustomerConnection } from './customerConnection';
import type { CustomerLoaders } from './loaders';

export interface CustomerResolverDeps {
  readonly db: Queryable;
  readonly loadersFor: (context: unknown) => CustomerLoaders;
}

@Resolver(() => Customer)
export class CustomerResolver {
  constructor(private readonly deps: CustomerResolverDeps) {}

  @Query(() => Customer, { nullable: true, description: 'A customer by id; a merged account answers too (status "merged", mergedInto).' })
  customer(@Arg('id', () => ID) id: string, @Ctx() context: unknown): Promise<Customer | null> {
    return this.deps.loadersFor(context).customer.load(id);
  }

  @Query(() => CustomerConnection, { description: 'Customers that are not merged into another, by id. first: default 50, at most 500.' })
  async customers(@Args() { first, after }: ConnectionArgs, @Ctx() context: unknown): Promise<CustomerConnection> {
    const request = pageRequest(first, after, customerCursor);
    const scope = rowScopeOf(context);
    const rows = await survivorsPage(this.deps.db, request, scope);
    return toConnection(CustomerConnection, rows, request, { node: (c) => c, keys: (c) => [c.id], cursor: customerCursor }, () =>
      countSurvivors(this.deps.db, scope),
    );
  }

  @FieldResolver(() => Customer, { nullable: true, description: 'The survivor this account counts under, at the end of the merge chain; null unless merged.' })
  mergedInto(@Root() customer: Customer, @Ctx() context: unknown): Promise<Customer | null> | null {
    return customer.mergedIntoId === null ? null : this.deps.loadersFor(context).customer.load(customer.mergedIntoId);
  }
}
