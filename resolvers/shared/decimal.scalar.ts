import Big from 'big.js';
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { shown } from './errors';

/** Plain decimal notation: an optional minus, digits, optionally a fraction. No exponent. */
const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;

function fromText(text: string, what: string): string {
  if (DECIMAL_TEXT.test(text)) return text;
  throw new GraphQLError(`Decimal ${what}: expected a decimal string like "1234.50", got ${shown(text)}`);
}

/**
 * `Decimal`: an exact decimal number, always serialized as a string. Money and
 * hours are Postgres `numeric` read as text and never pass through floating
 * point; resolvers format them (money with 2 fraction digits, hours without
 * trailing zeros) and this scalar only checks the notation.
 *
 * Input: a decimal string, or an Int/Float literal (taken from its exact text).
 */
export const DecimalScalar = new GraphQLScalarType<string, string>({
  name: 'Decimal',
  description: 'An exact decimal number, serialized as a string ("1234.50", "7.33"). Input: a decimal string, or a number literal.',
  serialize(value) {
    if (typeof value === 'string') return fromText(value, 'cannot represent the value');
    if (value instanceof Big) return value.toFixed();
    if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
    throw new GraphQLError(`Decimal cannot represent ${shown(value)}: expected a decimal string`);
  },
  parseValue(value) {
    if (typeof value === 'string') return fromText(value, 'input');
    if (typeof value === 'number' && Number.isFinite(value)) return new Big(value).toFixed();
    throw new GraphQLError(`Decimal input: expected a decimal string like "1234.50", got ${shown(value)}`);
  },
  parseLiteral(ast) {
    if (ast.kind === Kind.STRING) return fromText(ast.value, 'input');
    // The literal's own text: exact, whatever its size (1e3 and 0.1 included).
    if (ast.kind === Kind.INT || ast.kind === Kind.FLOAT) return new Big(ast.value).toFixed();
    throw new GraphQLError(`Decimal input: expected a decimal string like "1234.50", got a ${ast.kind} literal`);
  },
});
