import 'reflect-metadata';
import { createSubgraph as createBillingSubgraph } from './billing';
import { createSubgraph as createCustomerSubgraph } from './customer';
import { createSubgraph as createProjectSubgraph } from './project';
import { createSubgraph as createRevenueSubgraph } from './revenue';
import { SUBGRAPH_NAMES, type Subgraph, type SubgraphDeps, type SubgraphName } from './subgraph';

export { isSubgraphName, SUBGRAPH_NAMES, type Subgraph, type SubgraphDeps, type SubgraphName } from './subgraph';
export { serveSubgraph, type ServedSubgraph, type ServeSubgraphOptions } from './serve';
export { VOLATILE_FIELDS } from './volatileFields';

const FACTORIES: Record<SubgraphName, (deps: SubgraphDeps) => Promise<Subgraph>> = {
  customer: createCustomerSubgraph,
  project: createProjectSubgraph,
  billing: createBillingSubgraph,
  revenue: createRevenueSubgraph,
};

/** Builds one domain subgraph on the read model of `deps.pool`. */
export async function createSubgraphByName(name: SubgraphName, deps: SubgraphDeps): Promise<Subgraph> {
  const create = FACTORIES[name];
  if (!create) throw new Error(`unknown subgraph ${JSON.stringify(name)}: expected one of ${SUBGRAPH_NAMES.join(', ')}`);
  return create(deps);
}

/** Builds the four domain subgraphs, in {@link SUBGRAPH_NAMES} order. */
export async function createSubgraphs(deps: SubgraphDeps): Promise<Subgraph[]> {
  const subgraphs: Subgraph[] = [];
  for (const name of SUBGRAPH_NAMES) subgraphs.push(await createSubgraphByName(name, deps));
  return subgraphs;
}
