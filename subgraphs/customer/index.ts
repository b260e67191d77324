import 'reflect-metadata';
import { CustomerResolver } from '../../resolvers/customer/customer.resolver';
import { resolveCustomerReference } from '../../resolvers/customer/customer.reference';
import { IngestStatusResolver } from '../../resolvers/customer/ingestStatus.resolver';
import { OperationsResolver } from '../../resolvers/operations/operations.resolver';
import { customerLoaders } from '../../resolvers/customer/loaders';
import { buildFederatedSchema } from '../../resolvers/shared/federation';
import { withPreparedStatements } from '../../resolvers/shared/preparedStatements';
import type { Subgraph, SubgraphDeps } from '../subgraph';

/**
 * The customer subgraph: owns `Customer`, `Query.customer`, `Query.customers`,
 * and the hub's own state: `Query.ingestStatus` and the operator's desk
 * (`hubExceptions`, `parkedEvents`, `Mutation.dismissHubException`).
 */
export async function createSubgraph(deps: SubgraphDeps): Promise<Subgraph> {
  // Every read of the read model as a named statement (prepared once per connection).
  const db = withPreparedStatements(deps.pool);
  const loadersFor = customerLoaders(db);
  const { schema, sdl } = await buildFederatedSchema({
    resolvers: [new CustomerResolver({ db, loadersFor }), new IngestStatusResolver(deps.pool), new OperationsResolver({ db, pool: deps.pool })],
    references: { Customer: resolveCustomerReference(loadersFor) },
  });
  return { name: 'customer', schema, sdl };
}
