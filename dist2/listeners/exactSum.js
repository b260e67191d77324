"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.ExactSum = void 0;
/**
 * An exact running sum of decimal texts for the running totals.
 *
 * Money has 2 fraction digits and hours a few, so a sum is almost always a
 * whole number of 10^-scale units small enough for a plain JS number, where
 * integer addition is exact. The sum stays there while every operand and
 * result is a safe integer and switches to big.js the moment one is not: the
 * text it gives is the same as big.js's sum to the last digit either way
 * (canonical: plain notation, no trailing fraction zeros), only without a
 * big.js object per operation in the common case.
 */
const big_js_1 = __importDefault(require("big.js"));
const decimal_1 = require("../events/decimal");
/** A decimal text a plain number holds exactly once scaled (at most 15 digits). */
const PLAIN_DECIMAL = /^-?\d+(?:\.\d+)?$/;
const MAX_DIGITS = 15;
const POWERS_OF_TEN = Array.from({ length: MAX_DIGITS + 1 }, (_, i) => 10 ** i);
class ExactSum {
    constructor() {
        /** The sum in units of 10^-scale, while exact as a number. */
        this.units = 0;
        this.scale = 0;
    }
    /** Adds (`sign` 1) or subtracts (`sign` -1) a decimal text. */
    add(text, sign = 1) {
        if (this.big === undefined && this.addScaled(text, sign))
            return this;
        this.big ??= new big_js_1.default(this.toText());
        this.big = sign === 1 ? this.big.plus(text) : this.big.minus(text);
        return this;
    }
    /** Adds another sum, times `sign`. */
    addSum(other, sign = 1) {
        return this.add(other.toText(), sign);
    }
    isZero() {
        return this.big === undefined ? this.units === 0 : this.big.eq(0);
    }
    /** Canonical decimal text of the sum (as `decimalText` gives it). */
    toText() {
        if (this.big !== undefined)
            return (0, decimal_1.decimalText)(this.big);
        return unitsText(this.units, this.scale);
    }
    addScaled(text, sign) {
        if (text.length > MAX_DIGITS + 2 || !PLAIN_DECIMAL.test(text))
            return false;
        const point = text.indexOf('.');
        const scale = point < 0 ? 0 : text.length - point - 1;
        let units = Number(point < 0 ? text : text.slice(0, point) + text.slice(point + 1)) * sign;
        let mine = this.units;
        if (scale > this.scale)
            mine *= POWERS_OF_TEN[scale - this.scale];
        else if (scale < this.scale)
            units *= POWERS_OF_TEN[this.scale - scale];
        const sum = mine + units;
        // A product or sum beyond 2^53 rounds to a number that is not a safe integer, so this catches every inexact step.
        if (!Number.isSafeInteger(mine) || !Number.isSafeInteger(units) || !Number.isSafeInteger(sum))
            return false;
        this.units = sum;
        this.scale = Math.max(scale, this.scale);
        return true;
    }
}
exports.ExactSum = ExactSum;
/** `units` × 10^-scale as canonical decimal text. */
function unitsText(units, scale) {
    if (units === 0)
        return '0';
    if (scale === 0)
        return String(units);
    const digits = String(Math.abs(units)).padStart(scale + 1, '0');
    const integer = digits.slice(0, digits.length - scale);
    let end = digits.length;
    while (end > integer.length && digits.charCodeAt(end - 1) === 48 /* '0' */)
        end--;
    const fraction = digits.slice(integer.length, end);
    return `${units < 0 ? '-' : ''}${integer}${fraction ? `.${fraction}` : ''}`;
}
//# sourceMappingURL=exactSum.js.map