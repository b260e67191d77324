"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const big_js_1 = __importDefault(require("big.js"));
const decimal_1 = require("../../events/decimal");
const exactSum_1 = require("../../listeners/exactSum");
/** A deterministic stream of pseudo-random numbers in [0, 1). */
function random(seed) {
    let state = seed;
    return () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}
function decimal(next) {
    const digits = 1 + Math.floor(next() * 18);
    let text = '';
    for (let i = 0; i < digits; i++)
        text += Math.floor(next() * 10);
    const scale = Math.floor(next() * Math.min(digits, 6));
    if (scale > 0)
        text = `${text.slice(0, digits - scale) || '0'}.${text.slice(digits - scale)}`;
    return next() < 0.4 ? `-${text}` : text;
}
(0, node_test_1.describe)('the exact running sum', () => {
    (0, node_test_1.it)('gives the text big.js gives, to the last digit, through and beyond the safe-integer range', () => {
        const next = random(7);
        for (let run = 0; run < 300; run++) {
            const sum = new exactSum_1.ExactSum();
            let big = new big_js_1.default(0);
            for (let step = 0; step < 40; step++) {
                const value = decimal(next);
                const sign = next() < 0.5 ? 1 : -1;
                sum.add(value, sign);
                big = sign === 1 ? big.plus(value) : big.minus(value);
                strict_1.default.equal(sum.toText(), (0, decimal_1.decimalText)(big), `after ${step + 1} steps of run ${run}`);
                strict_1.default.equal(sum.isZero(), big.eq(0));
            }
        }
    });
    (0, node_test_1.it)('writes canonical decimal text: no trailing fraction zeros, no negative zero', () => {
        strict_1.default.equal(new exactSum_1.ExactSum().add('12.50').toText(), '12.5');
        strict_1.default.equal(new exactSum_1.ExactSum().add('0.10').add('0.90').toText(), '1');
        strict_1.default.equal(new exactSum_1.ExactSum().add('5').add('5', -1).toText(), '0');
        strict_1.default.equal(new exactSum_1.ExactSum().add('-0.05').toText(), '-0.05');
        strict_1.default.equal(new exactSum_1.ExactSum().add('7.33').addSum(new exactSum_1.ExactSum().add('904.89'), -1).toText(), '-897.56');
    });
    (0, node_test_1.it)('adds decimals past 2^53 units exactly', () => {
        const sum = new exactSum_1.ExactSum().add('9007199254740.99').add('0.02');
        strict_1.default.equal(sum.toText(), '9007199254741.01');
        strict_1.default.equal(sum.add('1e3').toText(), '9007199255741.01');
    });
});
//# sourceMappingURL=listeners.exactSum.unit.test.js.map