import type { ReferenceResolver } from '../shared/federation';
import type { BillingLoaders } from './loaders';

/**
 * `Customer` by key: the key is all billing keeps of a customer; `invoices`
 * and `outstandingBalance` are loaded by their own fields. A customer out of
 * the request's scope is null.
 */
export function resolveCustomerReference(loadersFor: (context: unknown) => BillingLoaders): ReferenceResolver {
  return (reference, context) => loadersFor(context).customer.load(reference.id);
}
