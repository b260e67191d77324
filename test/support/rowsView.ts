/**
 * A ReadView over a fixed set of rows: the "given" of a listener unit test.
 * The pure listeners read only through ReadView, so this is their whole input.
 */
import { keyOf, rowKey } from '../../listeners/keys';
import type { AccountRow, InvoiceLineRow, RowByTable, TableName } from '../../listeners/rows';
import type { ReadView } from '../../listeners/view';

export type GivenRows = { [T in TableName]?: RowByTable[T][] };

export function rowsView(given: GivenRows): ReadView {
  const rows = new Map<string, unknown>();
  for (const [table, list] of Object.entries(given) as [TableName, RowByTable[TableName][]][]) {
    for (const row of list) rows.set(rowKey(table, row as never), row);
  }
  return {
    get: (table, ...ids) => rows.get(keyOf(table, ...ids)) as never,
    invoiceLines: (invoiceId) => (given.invoice_line ?? []).filter((l: InvoiceLineRow) => l.invoiceId === invoiceId),
    accountsWithRoot: (rootId) => (given.account ?? []).filter((a: AccountRow) => a.rootId === rootId),
    prefetch: () => undefined,
  };
}
