import type { ReferenceResolver } from '../shared/federation';
import type { RevenueLoaders } from './loaders';

/** `Project` by key: null for an unknown project; its figures come with the same batched row read. */
export function resolveProjectReference(loadersFor: (context: unknown) => RevenueLoaders): ReferenceResolver {
  return async (reference, context) => ((await loadersFor(context).projectRevenue.load(reference.id)) ? { id: reference.id } : null);
}
