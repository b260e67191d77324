import Big from 'big.js';
import type { Money } from './money';

/**
 * Amounts as the API writes them (docs/figures.md): money with exactly 2
 * fraction digits, hours and other decimals without trailing zeros, all
 * exact (big.js on the numeric's text, never floating point).
 */

/** Numeric text already as the API writes money: no leading zeros, exactly 2 fraction digits. */
const MONEY_TEXT = /^-?(0|[1-9]\d*)\.\d\d$/;
/** Numeric text in plain notation without leading zeros (what Postgres prints for `numeric`). */
const PLAIN_TEXT = /^-?(0|[1-9]\d*)(\.\d+)?$/;

/**
 * Money text with exactly 2 fraction digits ("12.50") from a numeric's text.
 * The money columns print that way already: such text is returned as it is
 * (a portfolio page formats thousands of amounts; big.js costs about 1 µs each).
 */
export function moneyText(amount: string | Big): string {
  if (typeof amount === 'string' && MONEY_TEXT.test(amount) && amount !== '-0.00') return amount;
  return new Big(amount).toFixed(2);
}

/** A decimal's canonical text: plain notation, no trailing zeros ("7.5", "0"); the same as big.js's toFixed(), without parsing. */
export function decimalText(amount: string | Big): string {
  if (typeof amount === 'string' && PLAIN_TEXT.test(amount)) {
    const trimmed = amount.includes('.') ? amount.replace(/\.?0+$/, '') : amount;
    return trimmed === '-0' ? '0' : trimmed;
  }
  return new Big(amount).toFixed();
}

/** A Money of a numeric column's text (2 fraction digits). */
export function money(amount: string | Big, currency: string): Money {
  return { amount: moneyText(amount), currency };
}

/** {@link money}, or null for a null column. */
export function moneyOrNull(amount: string | Big | null | undefined, currency: string): Money | null {
  return amount === null || amount === undefined ? null : money(amount, currency);
}

/**
 * `margin ÷ revenue × 100` with 2 decimals, rounded half away from zero,
 * computed exactly on the cents (no intermediate rounding); null when revenue
 * is 0 (docs/figures.md). Used for sums, e.g. the portfolio's marginPercent.
 */
export function percentOf(margin: Big, revenue: Big): string | null {
  if (revenue.eq(0)) return null;
  const m = BigInt(margin.times(100).toFixed(0));
  const r = BigInt(revenue.times(100).toFixed(0));
  const numerator = m * 10_000n; // hundredths of a per cent
  const negative = numerator < 0n !== r < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = r < 0n ? -r : r;
  let q = n / d;
  if (2n * (n - q * d) >= d) q += 1n;
  const hundredths = new Big(q.toString()).div(100);
  return (negative && q !== 0n ? hundredths.times(-1) : hundredths).toFixed(2);
}
