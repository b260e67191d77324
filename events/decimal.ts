import Big from 'big.js';

/**
 * Exact decimal arithmetic for money and hours (docs/events.md#envelope):
 * never floating point; amounts the hub derives are rounded to 2 decimals,
 * half away from zero, per fact, then summed.
 */
export type Decimal = Big;

/** Big.roundHalfUp rounds ties away from zero, as the contract asks. */
const HALF_AWAY_FROM_ZERO = 1;

export function dec(value: string | number | Big): Big {
  return new Big(value);
}

/** Rounds to 2 decimals, half away from zero. */
export function roundMoney(value: Big): Big {
  return value.round(2, HALF_AWAY_FROM_ZERO);
}

/** Canonical text of a decimal: plain notation, no exponent, no trailing zeros. */
export function decimalText(value: Big): string {
  return value.toFixed();
}

/** Money text with exactly 2 fraction digits ("12.50"). */
export function moneyText(value: Big): string {
  return value.toFixed(2);
}

export const ZERO = new Big(0);
