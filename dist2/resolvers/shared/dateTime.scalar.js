"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DateTimeScalar = void 0;
const graphql_1 = require("graphql");
const date_scalar_1 = require("./date.scalar");
const errors_1 = require("./errors");
const RFC3339 = /^(\d{4}-\d{2}-\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
function parse(value, what) {
    if (typeof value === 'string') {
        const m = RFC3339.exec(value);
        if (m && (0, date_scalar_1.isCalendarDate)(m[1]) && Number(m[2]) < 24 && Number(m[3]) < 60 && Number(m[4]) < 61) {
            const date = new Date(value);
            if (!Number.isNaN(date.getTime()))
                return date;
        }
    }
    throw new graphql_1.GraphQLError(`DateTime ${what}: expected an RFC 3339 timestamp like "2026-03-02T09:00:00Z", got ${(0, errors_1.shown)(value)}`);
}
/**
 * `DateTime`: an instant, RFC 3339. Output is always UTC with milliseconds
 * (`2026-03-02T09:00:00.000Z`), the precision of a JS Date.
 */
exports.DateTimeScalar = new graphql_1.GraphQLScalarType({
    name: 'DateTime',
    description: 'An instant, RFC 3339 (output in UTC: 2026-03-02T09:00:00.000Z).',
    serialize(value) {
        if (value instanceof Date && !Number.isNaN(value.getTime()))
            return value.toISOString();
        return parse(value, 'cannot represent the value').toISOString();
    },
    parseValue: (value) => parse(value, 'input'),
    parseLiteral(ast) {
        if (ast.kind !== graphql_1.Kind.STRING)
            throw new graphql_1.GraphQLError(`DateTime input: expected an RFC 3339 string, got a ${ast.kind} literal`);
        return parse(ast.value, 'input');
    },
});
//# sourceMappingURL=dateTime.scalar.js.map