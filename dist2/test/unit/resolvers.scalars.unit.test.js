"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const big_js_1 = __importDefault(require("big.js"));
const graphql_1 = require("graphql");
const date_scalar_1 = require("../../resolvers/shared/date.scalar");
const dateTime_scalar_1 = require("../../resolvers/shared/dateTime.scalar");
const decimal_scalar_1 = require("../../resolvers/shared/decimal.scalar");
const amounts_1 = require("../../resolvers/shared/amounts");
const literal = (kind, value) => (kind === graphql_1.Kind.BOOLEAN ? { kind, value: value === 'true' } : { kind, value });
(0, node_test_1.describe)('Decimal', () => {
    (0, node_test_1.it)('serializes decimal strings as they are, never through floating point', () => {
        strict_1.default.equal(decimal_scalar_1.DecimalScalar.serialize('12.50'), '12.50');
        strict_1.default.equal(decimal_scalar_1.DecimalScalar.serialize('-0.01'), '-0.01');
        strict_1.default.equal(decimal_scalar_1.DecimalScalar.serialize('12345678901234567890.12'), '12345678901234567890.12');
        strict_1.default.equal(decimal_scalar_1.DecimalScalar.serialize(new big_js_1.default('7.330')), '7.33');
        strict_1.default.equal(decimal_scalar_1.DecimalScalar.serialize(3), '3');
    });
    (0, node_test_1.it)('refuses what is not a decimal, saying what arrived', () => {
        strict_1.default.throws(() => decimal_scalar_1.DecimalScalar.serialize('1e3'), /expected a decimal string like "1234.50", got "1e3"/);
        strict_1.default.throws(() => decimal_scalar_1.DecimalScalar.serialize(0.1), /Decimal cannot represent 0.1/);
        strict_1.default.throws(() => decimal_scalar_1.DecimalScalar.parseValue(true), /Decimal input: expected a decimal string like "1234.50", got true/);
    });
    (0, node_test_1.it)('accepts string input and number literals by their exact text', () => {
        strict_1.default.equal(decimal_scalar_1.DecimalScalar.parseValue('1234.50'), '1234.50');
        strict_1.default.equal(decimal_scalar_1.DecimalScalar.parseLiteral(literal(graphql_1.Kind.STRING, '0.10')), '0.10');
        strict_1.default.equal(decimal_scalar_1.DecimalScalar.parseLiteral(literal(graphql_1.Kind.FLOAT, '0.1')), '0.1');
        strict_1.default.equal(decimal_scalar_1.DecimalScalar.parseLiteral(literal(graphql_1.Kind.FLOAT, '1e3')), '1000');
        strict_1.default.equal(decimal_scalar_1.DecimalScalar.parseLiteral(literal(graphql_1.Kind.INT, '123456789012345678901234567890')), '123456789012345678901234567890');
        strict_1.default.throws(() => decimal_scalar_1.DecimalScalar.parseLiteral(literal(graphql_1.Kind.BOOLEAN, 'true')), /got a BooleanValue literal/);
    });
});
(0, node_test_1.describe)('Date', () => {
    (0, node_test_1.it)('is a calendar date YYYY-MM-DD', () => {
        strict_1.default.equal(date_scalar_1.DateScalar.serialize('2025-02-28'), '2025-02-28');
        strict_1.default.equal(date_scalar_1.DateScalar.parseValue('2024-02-29'), '2024-02-29');
        strict_1.default.throws(() => date_scalar_1.DateScalar.parseValue('2025-02-29'), /expected a calendar date YYYY-MM-DD, got "2025-02-29"/);
        strict_1.default.throws(() => date_scalar_1.DateScalar.parseLiteral(literal(graphql_1.Kind.STRING, '2025-1-1')), /got "2025-1-1"/);
    });
});
(0, node_test_1.describe)('DateTime', () => {
    (0, node_test_1.it)('serializes instants as RFC 3339 in UTC', () => {
        strict_1.default.equal(dateTime_scalar_1.DateTimeScalar.serialize(new Date('2026-03-02T10:00:00+01:00')), '2026-03-02T09:00:00.000Z');
        strict_1.default.equal(dateTime_scalar_1.DateTimeScalar.serialize('2026-03-02T09:00:00Z'), '2026-03-02T09:00:00.000Z');
    });
    (0, node_test_1.it)('parses RFC 3339 only', () => {
        strict_1.default.equal(dateTime_scalar_1.DateTimeScalar.parseValue('2026-03-02T09:00:00.5+02:00').toISOString(), '2026-03-02T07:00:00.500Z');
        strict_1.default.throws(() => dateTime_scalar_1.DateTimeScalar.parseValue('2026-03-02 09:00'), /expected an RFC 3339 timestamp/);
        strict_1.default.throws(() => dateTime_scalar_1.DateTimeScalar.parseValue('2026-02-30T09:00:00Z'), /got "2026-02-30T09:00:00Z"/);
    });
});
(0, node_test_1.describe)('money and decimals', () => {
    (0, node_test_1.it)('formats numeric text exactly as big.js does, with or without its fast path', () => {
        const texts = ['0', '-0', '0.00', '-0.00', '-0.50', '7.50', '8.00', '100', '100.10', '12.345', '12.355', '-12.355', '0.001', '-0.001',
            '1234567890123456789.99', '5.000', '-5.000', '10', '-10.0', '0.5', '3.14159'];
        for (let i = 0; i < 2000; i++) {
            const cents = Math.floor(Math.sin(i) * 10 ** (i % 12));
            texts.push((cents / 100).toFixed(i % 5), String(cents));
        }
        for (const text of texts) {
            strict_1.default.equal((0, amounts_1.moneyText)(text), new big_js_1.default(text).toFixed(2), `moneyText(${text})`);
            strict_1.default.equal((0, amounts_1.decimalText)(text), new big_js_1.default(text).toFixed(), `decimalText(${text})`);
        }
    });
    (0, node_test_1.it)('write money with 2 fraction digits and hours without trailing zeros', () => {
        strict_1.default.equal((0, amounts_1.moneyText)('12.5'), '12.50');
        strict_1.default.equal((0, amounts_1.moneyText)('0'), '0.00');
        strict_1.default.equal((0, amounts_1.decimalText)('7.500'), '7.5');
        strict_1.default.equal((0, amounts_1.decimalText)('0.00'), '0');
        strict_1.default.deepEqual((0, amounts_1.money)('-3', 'EUR'), { amount: '-3.00', currency: 'EUR' });
    });
    (0, node_test_1.it)('compute a percentage from sums exactly, half away from zero, null on zero revenue', () => {
        strict_1.default.equal((0, amounts_1.percentOf)(new big_js_1.default('1'), new big_js_1.default('3')), '33.33');
        strict_1.default.equal((0, amounts_1.percentOf)(new big_js_1.default('2'), new big_js_1.default('3')), '66.67');
        strict_1.default.equal((0, amounts_1.percentOf)(new big_js_1.default('-1.13'), new big_js_1.default('20')), '-5.65');
        strict_1.default.equal((0, amounts_1.percentOf)(new big_js_1.default('0.01'), new big_js_1.default('200')), '0.01'); // 0.005 % rounds away from zero
        strict_1.default.equal((0, amounts_1.percentOf)(new big_js_1.default('-0.01'), new big_js_1.default('200')), '-0.01');
        strict_1.default.equal((0, amounts_1.percentOf)(new big_js_1.default('-0.01'), new big_js_1.default('300')), '0.00');
        strict_1.default.equal((0, amounts_1.percentOf)(new big_js_1.default('5'), new big_js_1.default('0')), null);
    });
});
//# sourceMappingURL=resolvers.scalars.unit.test.js.map