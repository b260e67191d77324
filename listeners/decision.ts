import type { Key } from './keys';
import type { RowByTable, TableName } from './rows';

/** A new version of one row (insert or replace). */
export type Write = { [T in TableName]: { table: T; row: RowByTable[T] } }[TableName];

export type ExceptionCode = 'ILLEGAL_TRANSITION' | 'CURRENCY_MISMATCH';

/** What a listener decided about one event. */
export type Decision =
  | { kind: 'apply'; writes: Write[] }
  /** The event needs an aggregate that has not arrived; it waits on `waitingFor`. */
  | { kind: 'park'; waitingFor: Key; reason: string }
  /** The event breaks a rule: nothing changes, operators see the reason. */
  | { kind: 'exception'; code: ExceptionCode; message: string };

export function write<T extends TableName>(table: T, row: RowByTable[T]): Write {
  return { table, row } as Write;
}

export function apply(...writes: Write[]): Decision {
  return { kind: 'apply', writes };
}

export function park(waitingFor: Key, reason: string): Decision {
  return { kind: 'park', waitingFor, reason };
}

export function illegal(message: string): Decision {
  return { kind: 'exception', code: 'ILLEGAL_TRANSITION', message };
}

export function currencyMismatch(message: string): Decision {
  return { kind: 'exception', code: 'CURRENCY_MISMATCH', message };
}
