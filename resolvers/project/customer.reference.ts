import type { ReferenceResolver } from '../shared/federation';

/**
 * `Customer` by key: the key is all this subgraph keeps of a customer; its
 * `projects` are loaded by their own field. (An unknown id has no projects.)
 */
export function resolveCustomerReference(): ReferenceResolver {
  return (reference) => ({ id: reference.id });
}
