import Big from 'big.js';
import type { Money } from './money';

/**
 * Amounts as the API writes them (docs/figures.md): money with exactly 2
 * fraction digits, hours and other decimals without trailing zeros, all
 * exact (big.js on the numeric's text, never floating point).
 */

/** Money text with exactly 2 fraction digits ("12.50") from a numeric's text. */
export function moneyText(amount: string | Big): string {
  return new Big(amount).toFixed(2);
}

/** A decimal's canonical text: plain notation, no trailing zeros ("7.5", "0"). */
export function decimalText(amount: string | Big): string {
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
