import { LosslessNumber, parse, splitNumber } from 'lossless-json';

/**
 * JSON numbers kept exactly as the sender wrote them (docs/events.md, "Kept as
 * received").
 *
 * `JSON.parse` reads every number into a double: `123456789012345678901234567890`
 * becomes `1.2345678901234568e+29`, `1e400` becomes Infinity (and null when
 * written again). Postgres `jsonb` keeps numbers exactly (as `numeric`), so the
 * loss would be all Node's. Ingest still parses with `JSON.parse`, which is
 * several times faster than any parser written in JavaScript, and looks over
 * the body's text for a number a double would change ({@link hasInexactNumbers}):
 * only a body that has one is parsed again with lossless-json, which keeps such
 * a number as an {@link ExactNumber} (its text) and every other number a double.
 *
 * In the canonical JSON of an event (events/canonical.ts: what is hashed,
 * measured against the event size limit and sent to the log), a number a
 * double keeps is written as JavaScript writes it (`String(n)`: the content
 * hash of an event without exact numbers is what it always was), and an exact number is written out in full, as Postgres writes
 * a `numeric` back: no exponent, no leading zeros, no trailing fraction zeros
 * (`1e400` → a 1 and 400 zeros). So an exact number counts against the size
 * limit with every digit the log will serve back, and a few bytes of
 * exponent cannot make megabytes of digits.
 */

/** A number a double would change, kept as the text it arrived as. */
export type ExactNumber = LosslessNumber;

export function isExactNumber(value: unknown): value is ExactNumber {
  return value instanceof LosslessNumber;
}

/** The longest a double is when written out in full (5e-324: "0." and 323 digits): past it no number is one a double keeps. */
const MAX_DOUBLE_WRITTEN_OUT = 330;

/** Digits after the decimal point Postgres `numeric` (and so `jsonb`) holds at most; "value overflows numeric format" past it. */
export const MAX_STORED_FRACTION_DIGITS = 16383;

interface WrittenOut {
  /** Characters of the number written out in full (sign included). */
  readonly length: number;
  /** Digits after the decimal point written out in full. */
  readonly fractionDigits: number;
}

/**
 * How long a JSON number literal is when written out in full, computed from
 * its digits and exponent: `1e999999999` is not written out to be measured.
 */
export function writtenOutSize(literal: string): WrittenOut {
  const { sign, digits, exponent } = splitNumber(literal);
  const k = digits.length;
  const signLength = sign.length;
  if (digits === '0') return { length: 1, fractionDigits: 0 };
  if (exponent >= k - 1) return { length: signLength + exponent + 1, fractionDigits: 0 };
  if (exponent >= 0) return { length: signLength + k + 1, fractionDigits: k - 1 - exponent };
  return { length: signLength + 1 + -exponent + k, fractionDigits: -exponent - 1 + k };
}

/**
 * A JSON number literal written out in full: no exponent, no leading zeros, no
 * trailing fraction zeros, no sign on zero. The caller bounds its size first
 * ({@link writtenOutSize}): the text may be as long as the exponent says.
 */
export function writtenOut(literal: string): string {
  const { sign, digits, exponent } = splitNumber(literal);
  if (digits === '0') return '0';
  const k = digits.length;
  if (exponent >= k - 1) return sign + digits + '0'.repeat(exponent - (k - 1));
  if (exponent >= 0) return `${sign}${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`;
  return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
}

/** A double written out in full: `String(n)` with its exponent (from 1e21 up, below 1e-6) written out. */
function doubleWrittenOut(value: number): string {
  const text = String(value);
  return text.includes('e') ? writtenOut(text) : text;
}

/** Plain digits of at most 15 characters, with an optional leading minus: an integer every double holds. */
const SHORT_INTEGER = /^-?\d{1,15}$/;
/** A decimal without exponent; at most 15 digits when short enough. */
const SHORT_DECIMAL = /^-?\d+\.\d+$/;

/**
 * Whether `JSON.parse` reads the literal into a double of the same value, so
 * that nothing is lost. Most numbers are short integers or short decimals
 * (hours), decided without splitting the literal.
 */
export function isKeptByDouble(literal: string): boolean {
  if (literal.length <= 16 && SHORT_INTEGER.test(literal)) return true;
  const value = Number(literal);
  if (!Number.isFinite(value)) return false;
  if (literal.length <= 17 && SHORT_DECIMAL.test(literal)) {
    let end = literal.length;
    while (literal.charCodeAt(end - 1) === 48) end--;
    if (literal.charCodeAt(end - 1) === 46) end--;
    if (literal.slice(0, end) === String(value)) return true;
  }
  return writtenOutSize(literal).length <= MAX_DOUBLE_WRITTEN_OUT && writtenOut(literal) === doubleWrittenOut(value);
}

/**
 * Whether the JSON text has a number a double changes ({@link isKeptByDouble}).
 * When it has none, what JSON.parse made of it is exact. The
 * text is valid JSON (JSON.parse read it first): strings are skipped from
 * quote to unescaped quote, and every number starts with `-` or a digit
 * outside them.
 */
export function hasInexactNumbers(text: string): boolean {
  const length = text.length;
  let i = 0;
  while (i < length) {
    const code = text.charCodeAt(i);
    if (code === 34) {
      i = endOfString(text, i) + 1;
    } else if (code === 45 || (code >= 48 && code <= 57)) {
      let end = i + 1;
      while (end < length && isNumberCharacter(text.charCodeAt(end))) end++;
      if (!isKeptByDouble(text.slice(i, end))) return true;
      i = end;
    } else {
      i++;
    }
  }
  return false;
}

/** The index of the quote that closes the string opened at `start`. */
function endOfString(text: string, start: number): number {
  let quote = text.indexOf('"', start + 1);
  for (;;) {
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === 92) backslashes++;
    if (backslashes % 2 === 0) return quote;
    quote = text.indexOf('"', quote + 1);
  }
}

/** Digits, `.`, `e`, `E`, `+`, `-`: what a JSON number is written with. */
function isNumberCharacter(code: number): boolean {
  return (code >= 48 && code <= 57) || code === 46 || code === 101 || code === 69 || code === 43 || code === 45;
}

/**
 * The JSON text parsed with every number a double keeps as a double and every
 * other one as an {@link ExactNumber}; a repeated key keeps its last value, as
 * JSON.parse does. Throws SyntaxError on text that is not JSON.
 */
export function parseExact(text: string): unknown {
  return parse(text, null, {
    parseNumber: (literal) => (isKeptByDouble(literal) ? Number(literal) : new LosslessNumber(literal)),
    onDuplicateKey: ({ newValue }) => newValue,
  });
}

/** The JSON number text of an exact number, written out in full; the caller bounds its size first. */
export function exactNumberText(value: ExactNumber): string {
  return writtenOut(value.value);
}
