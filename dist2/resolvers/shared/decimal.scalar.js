"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.DecimalScalar = void 0;
const big_js_1 = __importDefault(require("big.js"));
const graphql_1 = require("graphql");
const errors_1 = require("./errors");
/** Plain decimal notation: an optional minus, digits, optionally a fraction. No exponent. */
const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;
function fromText(text, what) {
    if (DECIMAL_TEXT.test(text))
        return text;
    throw new graphql_1.GraphQLError(`Decimal ${what}: expected a decimal string like "1234.50", got ${(0, errors_1.shown)(text)}`);
}
/**
 * `Decimal`: an exact decimal number, always serialized as a string. Money and
 * hours are Postgres `numeric` read as text and never pass through floating
 * point; resolvers format them (money with 2 fraction digits, hours without
 * trailing zeros) and this scalar only checks the notation.
 *
 * Input: a decimal string, or an Int/Float literal (taken from its exact text).
 */
exports.DecimalScalar = new graphql_1.GraphQLScalarType({
    name: 'Decimal',
    description: 'An exact decimal number, serialized as a string ("1234.50", "7.33"). Input: a decimal string, or a number literal.',
    serialize(value) {
        if (typeof value === 'string')
            return fromText(value, 'cannot represent the value');
        if (value instanceof big_js_1.default)
            return value.toFixed();
        if (typeof value === 'number' && Number.isSafeInteger(value))
            return String(value);
        throw new graphql_1.GraphQLError(`Decimal cannot represent ${(0, errors_1.shown)(value)}: expected a decimal string`);
    },
    parseValue(value) {
        if (typeof value === 'string')
            return fromText(value, 'input');
        if (typeof value === 'number' && Number.isFinite(value))
            return new big_js_1.default(value).toFixed();
        throw new graphql_1.GraphQLError(`Decimal input: expected a decimal string like "1234.50", got ${(0, errors_1.shown)(value)}`);
    },
    parseLiteral(ast) {
        if (ast.kind === graphql_1.Kind.STRING)
            return fromText(ast.value, 'input');
        // The literal's own text: exact, whatever its size (1e3 and 0.1 included).
        if (ast.kind === graphql_1.Kind.INT || ast.kind === graphql_1.Kind.FLOAT)
            return new big_js_1.default(ast.value).toFixed();
        throw new graphql_1.GraphQLError(`Decimal input: expected a decimal string like "1234.50", got a ${ast.kind} literal`);
    },
});
//# sourceMappingURL=decimal.scalar.js.map