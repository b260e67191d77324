import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { ConnectionArgs } from '../shared/connectionArgs';
import { pageRequest, toConnection } from '../shared/pagination';
import { Customer } from './customer';
import type { ProjectLoaders } from './loaders';
import { ProjectConnection } from './projectConnection';
import { projectCursor } from './projects';

/** Adds `projects` to the customer subgraph's `Customer`. */
@Resolver(() => Customer)
export class CustomerProjectsResolver {
  constructor(private readonly loadersFor: (context: unknown) => ProjectLoaders) {}

  @FieldResolver(() => ProjectConnection, {
    description: 'Projects of the customer and of every account merged into it, by id; [] for a merged account. first: default 50, at most 500.',
  })
  async projects(@Root() customer: Customer, @Args() { first, after }: ConnectionArgs, @Ctx() context: unknown): Promise<ProjectConnection> {
    const request = pageRequest(first, after, projectCursor);
    const loaders = this.loadersFor(context);
    const rows = await loaders.projectPagesOfCustomer.get(request).load(customer.id);
    return toConnection(ProjectConnection, rows, request, { node: (p) => p, keys: (p) => [p.id], cursor: projectCursor }, () =>
      loaders.projectCountOfCustomer.load(customer.id),
    );
  }
}
