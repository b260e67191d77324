"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.moneyText = moneyText;
exports.decimalText = decimalText;
exports.money = money;
exports.moneyOrNull = moneyOrNull;
exports.percentOf = percentOf;
const big_js_1 = __importDefault(require("big.js"));
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
function moneyText(amount) {
    if (typeof amount === 'string' && MONEY_TEXT.test(amount) && amount !== '-0.00')
        return amount;
    return new big_js_1.default(amount).toFixed(2);
}
/** A decimal's canonical text: plain notation, no trailing zeros ("7.5", "0"); the same as big.js's toFixed(), without parsing. */
function decimalText(amount) {
    if (typeof amount === 'string' && PLAIN_TEXT.test(amount)) {
        const trimmed = amount.includes('.') ? amount.replace(/\.?0+$/, '') : amount;
        return trimmed === '-0' ? '0' : trimmed;
    }
    return new big_js_1.default(amount).toFixed();
}
/** A Money of a numeric column's text (2 fraction digits). */
function money(amount, currency) {
    return { amount: moneyText(amount), currency };
}
/** {@link money}, or null for a null column. */
function moneyOrNull(amount, currency) {
    return amount === null || amount === undefined ? null : money(amount, currency);
}
/**
 * `margin ÷ revenue × 100` with 2 decimals, rounded half away from zero,
 * computed exactly on the cents (no intermediate rounding); null when revenue
 * is 0 (docs/figures.md). Used for sums, e.g. the portfolio's marginPercent.
 */
function percentOf(margin, revenue) {
    if (revenue.eq(0))
        return null;
    const m = BigInt(margin.times(100).toFixed(0));
    const r = BigInt(revenue.times(100).toFixed(0));
    const numerator = m * 10000n; // hundredths of a per cent
    const negative = numerator < 0n !== r < 0n;
    const n = numerator < 0n ? -numerator : numerator;
    const d = r < 0n ? -r : r;
    let q = n / d;
    if (2n * (n - q * d) >= d)
        q += 1n;
    const hundredths = new big_js_1.default(q.toString()).div(100);
    return (negative && q !== 0n ? hundredths.times(-1) : hundredths).toFixed(2);
}
//# sourceMappingURL=amounts.js.map