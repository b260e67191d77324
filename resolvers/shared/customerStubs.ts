import DataLoader from 'dataloader';
import type { Account } from '../../entities';
import type { ColumnRow } from '../../entities/columns';
import { inScope, type RowScope } from './rowScope';
import { keyCondition, Params, type Queryable } from './sql';

/** A key stub of the customer subgraph's `Customer`, in a subgraph that adds fields to it. */
export interface CustomerStub {
  readonly id: string;
}

/**
 * The `Customer` key stubs a subgraph resolves references to (billing,
 * project): every key when the request sees every legal entity (no read: an
 * unknown id simply has no invoices or projects), otherwise only the
 * customers in its scope, read in one statement per batch, so fields added to
 * a customer of another legal entity cannot be reached by its key.
 */
export function customerStubLoader(db: Queryable, scope: RowScope): DataLoader<string, CustomerStub | null> {
  return new DataLoader(async (ids) => {
    if (scope === null) return ids.map((id) => ({ id }));
    const params = new Params();
    const { rows } = await db.query<Pick<ColumnRow<Account>, 'id'>>(
      `SELECT a.id FROM customer.account a WHERE ${keyCondition('a.id', ids, params)} AND ${inScope('customer', 'a', scope, params)}`,
      params.values,
    );
    const seen = new Set(rows.map((row) => row.id));
    return ids.map((id) => (seen.has(id) ? { id } : null));
  });
}
