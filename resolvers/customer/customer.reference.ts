import type { ReferenceResolver } from '../shared/federation';
import type { CustomerLoaders } from './loaders';

/** `Customer` by key, for the gateway: one `WHERE id = ANY($1)` per `_entities` batch. */
export function resolveCustomerReference(loadersFor: (context: unknown) => CustomerLoaders): ReferenceResolver {
  return (reference, context) => loadersFor(context).customer.load(reference.id);
}
