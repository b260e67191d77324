import type { ReferenceResolver } from '../shared/federation';
import type { BillingLoaders } from './loaders';

/** `PortfolioFigures` by key: billing's sums of that row, one grouped statement per `_entities` batch. */
export function resolvePortfolioFiguresReference(loadersFor: (context: unknown) => BillingLoaders): ReferenceResolver {
  return async (reference, context) => ((await loadersFor(context).portfolio.load(reference.id)) ? { id: reference.id } : null);
}
