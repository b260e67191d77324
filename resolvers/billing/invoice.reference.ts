import type { ReferenceResolver } from '../shared/federation';
import type { BillingLoaders } from './loaders';

/** `Invoice` by key, for the gateway: one `WHERE id = ANY($1)` per `_entities` batch. */
export function resolveInvoiceReference(loadersFor: (context: unknown) => BillingLoaders): ReferenceResolver {
  return (reference, context) => loadersFor(context).invoice.load(reference.id);
}
