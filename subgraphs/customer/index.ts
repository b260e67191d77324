import 'reflect-metadata';
import { CustomerResolver } from '../../resolvers/customer/customer.resolver';
import { resolveCustomerReference } from '../../resolvers/customer/customer.reference';
import { IngestStatusResolver } from '../../resolvers/customer/ingestStatus.resolver';
import { customerLoaders } from '../../resolvers/customer/loaders';
import { buildFederatedSchema } from '../../resolvers/shared/federation';
import { withPreparedStatements } from '../../resolvers/shared/preparedStatements';
import type { Subgraph, SubgraphDeps } from '../subgraph';

/** The customer subgraph: owns `Customer`, `Query.customer`, `Query.customers` and `Query.ingestStatus`. */
export async function createSubgraph(deps: SubgraphDeps): Promise<Subgraph> {
  // Every read of the read model as a named statement (prepared once per connection).
  const db = withPreparedStatements(deps.pool);
  const loadersFor = customerLoaders(db);
  const { schema, sdl } = await buildFederatedSchema({
    resolvers: [new CustomerResolver({ db, loadersFor }), new IngestStatusResolver(deps.pool)],
    references: { Customer: resolveCustomerReference(loadersFor) },
  });
  return { name: 'customer', schema, sdl };
}
