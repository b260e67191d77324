import type { ReferenceResolver } from '../shared/federation';
import type { ProjectLoaders } from './loaders';

/** `PortfolioFigures` by key (`EUR`, `EUR|LE-DE`): one grouped statement per `_entities` batch. */
export function resolvePortfolioFiguresReference(loadersFor: (context: unknown) => ProjectLoaders): ReferenceResolver {
  return (reference, context) => loadersFor(context).portfolio.load(reference.id);
}
