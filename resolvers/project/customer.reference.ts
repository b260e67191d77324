import type { ReferenceResolver } from '../shared/federation';
import type { ProjectLoaders } from './loaders';

/**
 * `Customer` by key: the key is all this subgraph keeps of a customer; its
 * `projects` are loaded by their own field. (An unknown id has no projects;
 * a customer out of the request's scope is null.)
 */
export function resolveCustomerReference(loadersFor: (context: unknown) => ProjectLoaders): ReferenceResolver {
  return (reference, context) => loadersFor(context).customer.load(reference.id);
}
