import type { DecimalString, Money } from './types';
import { dec, decimalText, moneyText } from './decimal';
import { fail, INVALID, object, pattern, type Schema } from './schema';

/**
 * The value conventions of docs/events.md#envelope as schemas: ids, money,
 * decimals, dates, periods, timestamps, currency and country codes.
 */

/**
 * Longest id in UTF-8 bytes. Ids end up in btree keys (the event log's
 * (source, event_id), the read model's primary keys, two ids per composite
 * key), and Postgres refuses a btree entry over ~2700 bytes: an id that would
 * fail there must be rejected here, not break a later transaction.
 */
export const MAX_ID_BYTES = 1000;

/** A non-empty id of at most MAX_ID_BYTES bytes. */
export const id: Schema<string> = (value, path, errors) => {
  if (typeof value !== 'string' || value.length === 0) return fail(errors, path, 'a non-empty string', value);
  // A UTF-16 code unit is at most 3 UTF-8 bytes: only long strings need counting.
  if (value.length > MAX_ID_BYTES / 3) {
    const bytes = Buffer.byteLength(value, 'utf8');
    if (bytes > MAX_ID_BYTES) {
      errors.push({ path, message: `expected a non-empty string of at most ${MAX_ID_BYTES} bytes, got a string of ${bytes} bytes` });
      return INVALID;
    }
  }
  return value;
};

/** ISO 4217 shape: three capital letters. */
export const currencyCode = pattern('an ISO 4217 currency code (3 capital letters, e.g. "EUR")', /^[A-Z]{3}$/);

/** ISO 3166-1 alpha-2 shape: two capital letters. */
export const countryCode = pattern('an ISO 3166-1 alpha-2 country code (2 capital letters, e.g. "DE")', /^[A-Z]{2}$/);

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Year 0001–9999 (Postgres has no year 0), month 01–12, a day that month has. */
function isCalendarDate(year: number, month: number, day: number): boolean {
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * Dates and timestamps are read character by character rather than with a
 * regular expression and Number() of its groups: they are in every event, and
 * every event is validated on ingest and again by the listeners. Each reader
 * accepts exactly what its expression in the comment above it does.
 */

/** The number written by the two ASCII digits at `at`, or -1 when either is not a digit. */
function twoDigits(text: string, at: number): number {
  const tens = text.charCodeAt(at) - 48;
  const ones = text.charCodeAt(at + 1) - 48;
  return tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9 ? tens * 10 + ones : -1;
}

/** Year, month and day of `YYYY-MM-DD` at the start of `text`, or undefined when it is not written so. */
function datePart(text: string): { year: number; month: number; day: number } | undefined {
  const century = twoDigits(text, 0);
  const yearOfCentury = twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  if (century < 0 || yearOfCentury < 0 || month < 0 || day < 0 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return undefined;
  return { year: century * 100 + yearOfCentury, month, day };
}

/** `YYYY-MM-DD`, a date the calendar has: /^(\d{4})-(\d{2})-(\d{2})$/ and a real date. */
export const date: Schema<string> = (value, path, errors) => {
  const parts = typeof value === 'string' && value.length === 10 ? datePart(value) : undefined;
  if (parts === undefined) return fail(errors, path, 'a date YYYY-MM-DD', value);
  if (!isCalendarDate(parts.year, parts.month, parts.day)) return fail(errors, path, 'a real calendar date YYYY-MM-DD', value);
  return value as string;
};

/** `YYYY-MM`, e.g. a revenue period. */
export const period = pattern('a period YYYY-MM (month 01–12)', /^\d{4}-(0[1-9]|1[0-2])$/, (text) => !text.startsWith('0000'));

/**
 * RFC 3339 with a `Z` or numeric offset. Stricter than RFC 3339 in two places,
 * both because the value must load into Postgres `timestamptz` and JS `Date`:
 * no leap second (`:60`), and offsets within ±15:59. Written as an expression:
 * /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(?:[Zz]|[+-](\d{2}):(\d{2}))$/
 * with a real date, hours ≤ 23, minutes and seconds ≤ 59, offset hours ≤ 15.
 */
export const timestamp: Schema<string> = (value, path, errors) =>
  typeof value === 'string' && isTimestamp(value)
    ? value
    : fail(errors, path, 'an RFC 3339 timestamp with Z or an offset, e.g. "2025-03-01T09:30:00Z"', value);

function isTimestamp(text: string): boolean {
  const parts = datePart(text);
  const separator = text.charCodeAt(10);
  if (parts === undefined || (separator !== 84 && separator !== 116) || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return false;
  const hours = twoDigits(text, 11);
  const minutes = twoDigits(text, 14);
  const seconds = twoDigits(text, 17);
  let at = 19;
  if (text.charCodeAt(at) === 46) {
    const fractionStart = at + 1;
    at = fractionStart;
    while (at < text.length && isDigit(text.charCodeAt(at))) at++;
    if (at === fractionStart || at - fractionStart > 9) return false;
  }
  const zone = text.charCodeAt(at);
  let offsetHours = 0;
  let offsetMinutes = 0;
  if (zone === 90 || zone === 122) {
    if (at + 1 !== text.length) return false;
  } else if (zone === 43 || zone === 45) {
    if (at + 6 !== text.length || text.charCodeAt(at + 3) !== 58) return false;
    offsetHours = twoDigits(text, at + 1);
    offsetMinutes = twoDigits(text, at + 4);
  } else {
    return false;
  }
  return (
    hours >= 0 && hours <= 23 && minutes >= 0 && minutes <= 59 && seconds >= 0 && seconds <= 59 &&
    offsetHours >= 0 && offsetHours <= 15 && offsetMinutes >= 0 && offsetMinutes <= 59 &&
    isCalendarDate(parts.year, parts.month, parts.day)
  );
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

// ── decimals ────────────────────────────────────────────────────────────────

const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;
/** Bounds that keep every decimal loadable into Postgres numeric and cheap to compute with. */
const MAX_INTEGER_DIGITS = 20;
const MAX_FRACTION_DIGITS = 20;

/**
 * Decimal text that is already canonical (no leading zeros, no trailing
 * fraction zeros, within the digit bounds): the common case, taken as it is
 * without going through Big. "-0" is not canonical (Big writes "0").
 */
const CANONICAL_DECIMAL = /^-?(?:0|[1-9]\d{0,19})(?:\.\d{0,19}[1-9])?$/;

/** The canonical text of a JSON number or decimal string, or undefined when it is neither. */
function parseDecimal(value: unknown): string | undefined {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    // String(n) is the shortest text that reads back as n: the literal the sender
    // wrote for any number of up to 15 significant digits. Big takes it exactly.
    text = String(value);
  } else if (typeof value === 'string' && value.length <= 2 * (MAX_INTEGER_DIGITS + MAX_FRACTION_DIGITS) && DECIMAL_TEXT.test(value)) {
    text = value;
  } else {
    return undefined;
  }
  if (CANONICAL_DECIMAL.test(text) && text !== '-0') return text;
  const canonical = decimalText(dec(text));
  const [integer, fraction = ''] = canonical.replace('-', '').split('.');
  return integer!.length > MAX_INTEGER_DIGITS || fraction.length > MAX_FRACTION_DIGITS ? undefined : canonical;
}

export interface DecimalRange {
  /** Lower bound; `minExclusive` makes it "greater than". */
  readonly min?: string;
  readonly minExclusive?: boolean;
  readonly max?: string;
  /** What the message says is expected, e.g. "hours greater than 0 and at most 24". */
  readonly expected: string;
}

const DECIMAL_EXPECTED = `a decimal (a JSON number or a decimal string such as "7.5", at most ${MAX_INTEGER_DIGITS} integer and ${MAX_FRACTION_DIGITS} fraction digits)`;

/**
 * Hours and other decimals: a JSON number or a decimal string, normalized to
 * canonical decimal text (plain notation, no trailing zeros: 7.50 → "7.5").
 */
export function decimal(range?: DecimalRange): Schema<DecimalString> {
  // The bounds are read once, not for every value.
  const min = range?.min === undefined ? undefined : dec(range.min);
  const max = range?.max === undefined ? undefined : dec(range.max);
  return (value, path, errors) => {
    const canonical = parseDecimal(value);
    if (canonical === undefined) return fail(errors, path, DECIMAL_EXPECTED, value);
    if (range !== undefined) {
      const v = dec(canonical);
      const belowMin = min !== undefined && (range.minExclusive ? v.lte(min) : v.lt(min));
      const aboveMax = max !== undefined && v.gt(max);
      if (belowMin || aboveMax) return fail(errors, path, range.expected, value);
    }
    return canonical;
  };
}

const MONEY_AMOUNT = /^-?\d{1,20}(\.\d{1,2})?$/;
/** An amount already written as moneyText writes it (the common case): taken as it is. "-0.00" is not (Big writes "0.00"). */
const CANONICAL_MONEY_AMOUNT = /^-?(?:0|[1-9]\d{0,19})\.\d\d$/;

/**
 * A money amount: a decimal string (never a JSON number) with at most 2
 * fraction digits, normalized to exactly 2 ("12.5" → "12.50").
 */
export const moneyAmount: Schema<DecimalString> = (value, path, errors) =>
  typeof value === 'string' && MONEY_AMOUNT.test(value)
    ? CANONICAL_MONEY_AMOUNT.test(value) && value !== '-0.00' ? value : moneyText(dec(value))
    : fail(errors, path, 'a decimal string with at most 2 fraction digits', value);

/** `{"amount": "1234.50", "currency": "EUR"}`. */
export const money: Schema<Money> = object<Money>(
  { amount: moneyAmount, currency: currencyCode },
  {},
  'Money {"amount": "<decimal string>", "currency": "<ISO 4217>"}',
);
