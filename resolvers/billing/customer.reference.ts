import type { ReferenceResolver } from '../shared/federation';

/**
 * `Customer` by key: the key is all billing keeps of a customer; `invoices`
 * and `outstandingBalance` are loaded by their own fields.
 */
export function resolveCustomerReference(): ReferenceResolver {
  return (reference) => ({ id: reference.id });
}
