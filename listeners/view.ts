import type { Key } from './keys';
import type { AccountRow, RowByTable, TableName } from './rows';

/**
 * What a listener may read while deciding an event: the current read model
 * (as of the events already applied in this batch). Reading a row that has not
 * been loaded yet throws {@link NeedsLoad}; the runtime loads it and asks
 * again, so `evolve` stays pure and synchronous.
 */
export interface ReadView {
  /** The row, or undefined when it does not exist. */
  get<T extends TableName>(table: T, ...idParts: string[]): RowByTable[T] | undefined;
  /** Lines of an invoice (empty when the invoice has none). */
  invoiceLines(invoiceId: string): RowByTable['invoice_line'][];
  /** Accounts whose merge root is `rootId` (the root itself included). */
  accountsWithRoot(rootId: string): AccountRow[];
  /** Declares rows about to be read, so all missing ones load in one round trip. */
  prefetch(keys: readonly Key[]): void;
}

/** Thrown by a {@link ReadView} for rows it has not loaded yet. */
export class NeedsLoad extends Error {
  constructor(readonly keys: readonly Key[]) {
    super(`needs ${keys.join(', ')}`);
  }
}
