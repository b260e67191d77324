import 'reflect-metadata';
import { CustomerResolver } from '../../resolvers/customer/customer.resolver';
import { resolveCustomerReference } from '../../resolvers/customer/customer.reference';
import { IngestStatusResolver } from '../../resolvers/customer/ingestStatus.resolver';
import { customerLoaders } from '../../resolvers/customer/loaders';
import { buildFederatedSchema } from '../../resolvers/shared/federation';
import type { Subgraph, SubgraphDeps } from '../subgraph';

/** The customer subgraph: owns `Customer`, `Query.customer`, `Query.customers` and `Query.ingestStatus`. */
export async function createSubgraph(deps: SubgraphDeps): Promise<Subgraph> {
  const loadersFor = customerLoaders(deps.pool);
  const { schema, sdl } = await buildFederatedSchema({
    resolvers: [new CustomerResolver({ db: deps.pool, loadersFor }), new IngestStatusResolver(deps.pool)],
    references: { Customer: resolveCustomerReference(loadersFor) },
  });
  return { name: 'customer', schema, sdl };
}
