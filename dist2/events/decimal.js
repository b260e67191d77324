"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.ZERO = void 0;
exports.dec = dec;
exports.roundMoney = roundMoney;
exports.decimalText = decimalText;
exports.moneyText = moneyText;
const big_js_1 = __importDefault(require("big.js"));
/** Big.roundHalfUp rounds ties away from zero, as the contract asks. */
const HALF_AWAY_FROM_ZERO = 1;
function dec(value) {
    return new big_js_1.default(value);
}
/** Rounds to 2 decimals, half away from zero. */
function roundMoney(value) {
    return value.round(2, HALF_AWAY_FROM_ZERO);
}
/** Canonical text of a decimal: plain notation, no exponent, no trailing zeros. */
function decimalText(value) {
    return value.toFixed();
}
/** Money text with exactly 2 fraction digits ("12.50"). */
function moneyText(value) {
    return value.toFixed(2);
}
exports.ZERO = new big_js_1.default(0);
//# sourceMappingURL=decimal.js.map