"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DateScalar = void 0;
exports.isCalendarDate = isCalendarDate;
const graphql_1 = require("graphql");
const errors_1 = require("./errors");
const DATE_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/;
/** True for a real calendar date written YYYY-MM-DD (2025-02-30 is not). */
function isCalendarDate(text) {
    const m = DATE_TEXT.exec(text);
    if (!m)
        return false;
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const date = new Date(Date.UTC(year, month - 1, day));
    return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
function checked(value, what) {
    if (typeof value === 'string' && isCalendarDate(value))
        return value;
    throw new graphql_1.GraphQLError(`Date ${what}: expected a calendar date YYYY-MM-DD, got ${(0, errors_1.shown)(value)}`);
}
/**
 * `Date`: a calendar date, `YYYY-MM-DD`, without time zone. The read model's
 * `date` columns are read as that text (db/dataSource.ts), never as a JS Date
 * (which would shift a day west of UTC).
 */
exports.DateScalar = new graphql_1.GraphQLScalarType({
    name: 'Date',
    description: 'A calendar date, YYYY-MM-DD.',
    serialize(value) {
        if (value instanceof Date && !Number.isNaN(value.getTime()))
            return value.toISOString().slice(0, 10);
        return checked(value, 'cannot represent the value');
    },
    parseValue: (value) => checked(value, 'input'),
    parseLiteral(ast) {
        if (ast.kind !== graphql_1.Kind.STRING)
            throw new graphql_1.GraphQLError(`Date input: expected a string YYYY-MM-DD, got a ${ast.kind} literal`);
        return checked(ast.value, 'input');
    },
});
//# sourceMappingURL=date.scalar.js.map