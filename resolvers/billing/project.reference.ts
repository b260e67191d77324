import type { ReferenceResolver } from '../shared/federation';
import type { BillingLoaders } from './loaders';

/** `Project` by key: null for an unknown project; its figures come with the same batched row read. */
export function resolveProjectReference(loadersFor: (context: unknown) => BillingLoaders): ReferenceResolver {
  return async (reference, context) => ((await loadersFor(context).projectBilling.load(reference.id)) ? { id: reference.id } : null);
}
