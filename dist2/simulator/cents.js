"use strict";
/**
 * The simulator's own arithmetic: money in integer cents and hours in
 * hundredths of an hour. Integers are exact far beyond any amount the firm
 * produces, fast for million-event runs, and independent of the Big-based
 * arithmetic of the oracle, so the two cross-check each other.
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.centsText = centsText;
exports.hoursText = hoursText;
exports.hoursTimesRate = hoursTimesRate;
exports.percentOf = percentOf;
exports.scaleCents = scaleCents;
/** Money text with 2 fraction digits from integer cents: 123456 → "1234.56". */
function centsText(cents) {
    const sign = cents < 0 ? '-' : '';
    const abs = Math.abs(cents);
    const units = Math.floor(abs / 100);
    const rest = abs % 100;
    return `${sign}${units}.${rest < 10 ? '0' : ''}${rest}`;
}
/** Hours text without trailing zeros from hundredths: 733 → "7.33", 750 → "7.5", 800 → "8". */
function hoursText(hundredths) {
    const units = Math.floor(hundredths / 100);
    const rest = hundredths % 100;
    if (rest === 0)
        return String(units);
    if (rest % 10 === 0)
        return `${units}.${rest / 10}`;
    return `${units}.${rest < 10 ? '0' : ''}${rest}`;
}
/** Rounds a non-negative quotient half away from zero (half up, as all firm amounts are ≥ 0). */
function roundHalfUp(numerator, denominator) {
    const q = Math.floor(numerator / denominator);
    return 2 * (numerator - q * denominator) >= denominator ? q + 1 : q;
}
/** round(hours × rate) in cents: hundredths of an hour × cents per hour / 100. */
function hoursTimesRate(hoursHundredths, rateCents) {
    return roundHalfUp(hoursHundredths * rateCents, 100);
}
/** round(cents × basisPoints / 10000): a percentage of an amount, e.g. tax at 1900 bp = 19 %. */
function percentOf(cents, basisPoints) {
    return roundHalfUp(cents * basisPoints, 10_000);
}
/** round(cents × numerator / denominator), all non-negative integers. */
function scaleCents(cents, numerator, denominator) {
    if (denominator === 0)
        return 0;
    // BigInt: the product of two amounts in cents can pass 2^53.
    const n = BigInt(cents) * BigInt(numerator);
    const d = BigInt(denominator);
    const q = n / d;
    return Number(2n * (n - q * d) >= d ? q + 1n : q);
}
//# sourceMappingURL=cents.js.map