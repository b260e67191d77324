import type { Account } from '../../entities';
import type { ColumnRow } from '../../entities/columns';
import { afterCondition, keyCondition, orderBy, Params, type Queryable, type SortColumn } from '../shared/sql';
import { anyId, cursorCodec } from '../shared/cursor';
import type { PageRequest } from '../shared/pagination';
import { inScope, type RowScope } from '../shared/rowScope';
import type { Customer } from './customer';

/** The reads of `customer.account`. */

type AccountRow = Pick<ColumnRow<Account>, 'id' | 'name' | 'legal_entity_id' | 'billing_currency' | 'country' | 'status' | 'merged_into' | 'root_id'>;

const COLUMNS = 'id, name, legal_entity_id, billing_currency, country, status, merged_into, root_id';

/** Customers are listed by id. */
export const CUSTOMER_ORDER: readonly SortColumn[] = [{ sql: 'id' }];
export const customerCursor = cursorCodec('customer:id', [anyId]);

export function toCustomer(row: AccountRow): Customer {
  const merged = row.merged_into !== null;
  return {
    id: row.id,
    name: row.name,
    legalEntityId: row.legal_entity_id,
    billingCurrency: row.billing_currency,
    country: row.country,
    status: merged ? 'merged' : row.status,
    // root_id is the end of the merge chain (the listener moves it on every merge).
    mergedIntoId: merged ? row.root_id : null,
  };
}

/** Customers by id; one outside `scope` is not found. */
export async function customersById(db: Queryable, ids: readonly string[], scope: RowScope): Promise<Customer[]> {
  const params = new Params();
  const { rows } = await db.query<AccountRow>(
    `SELECT ${COLUMNS} FROM customer.account a WHERE ${keyCondition('id', ids, params)} AND ${inScope('customer', 'a', scope, params)}`,
    params.values,
  );
  return rows.map(toCustomer);
}

/** A page of survivors (accounts not merged) in `scope`, `first + 1` rows. */
export async function survivorsPage(db: Queryable, request: PageRequest, scope: RowScope): Promise<Customer[]> {
  const params = new Params();
  const after = afterCondition(CUSTOMER_ORDER, request, params);
  const { rows } = await db.query<AccountRow>(
    `SELECT ${COLUMNS} FROM customer.account a WHERE merged_into IS NULL AND ${inScope('customer', 'a', scope, params)} AND ${after}
     ORDER BY ${orderBy(CUSTOMER_ORDER)} LIMIT ${params.add(request.first + 1)}`,
    params.values,
  );
  return rows.map(toCustomer);
}

export async function countSurvivors(db: Queryable, scope: RowScope): Promise<number> {
  const params = new Params();
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM customer.account a WHERE merged_into IS NULL AND ${inScope('customer', 'a', scope, params)}`,
    params.values,
  );
  return rows[0]!.n;
}
