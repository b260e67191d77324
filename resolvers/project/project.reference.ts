import type { ReferenceResolver } from '../shared/federation';
import type { ProjectLoaders } from './loaders';

/** `Project` by key, for the gateway: one `WHERE id = ANY($1)` per `_entities` batch. */
export function resolveProjectReference(loadersFor: (context: unknown) => ProjectLoaders): ReferenceResolver {
  return (reference, context) => loadersFor(context).project.load(reference.id);
}
