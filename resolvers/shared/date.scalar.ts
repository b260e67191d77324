import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { shown } from './errors';

const DATE_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (2025-02-30 is not). */
export function isCalendarDate(text: string): boolean {
  const m = DATE_TEXT.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(2000, month - 1, day));
  // Set apart: Date.UTC reads a year 0..99 as 1900..1999, and ingest accepts every year from 0001.
  date.setUTCFullYear(year);
  return year >= 1 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function checked(value: unknown, what: string): string {
  if (typeof value === 'string' && isCalendarDate(value)) return value;
  throw new GraphQLError(`Date ${what}: expected a calendar date YYYY-MM-DD, got ${shown(value)}`);
}

/**
 * `Date`: a calendar date, `YYYY-MM-DD`, without time zone. The read model's
 * `date` columns are read as that text (db/dataSource.ts), never as a JS Date
 * (which would shift a day west of UTC).
 */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar date, YYYY-MM-DD.',
  serialize(value) {
    if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
    return checked(value, 'cannot represent the value');
  },
  parseValue: (value) => checked(value, 'input'),
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new GraphQLError(`Date input: expected a string YYYY-MM-DD, got a ${ast.kind} literal`);
    return checked(ast.value, 'input');
  },
});
