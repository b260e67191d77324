"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.BAD_USER_INPUT = void 0;
exports.badUserInput = badUserInput;
exports.shown = shown;
const graphql_1 = require("graphql");
/** The `extensions.code` of an argument the client got wrong (Apollo's convention). */
exports.BAD_USER_INPUT = 'BAD_USER_INPUT';
/**
 * A GraphQL error for a client mistake. The message says what was expected
 * and what arrived: `first: expected an integer from 0 to 500, got 501`.
 */
function badUserInput(message, extensions = {}) {
    return new graphql_1.GraphQLError(message, { extensions: { code: exports.BAD_USER_INPUT, ...extensions } });
}
/** A short, quoted rendering of what arrived, for error messages. */
function shown(value) {
    const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
//# sourceMappingURL=errors.js.map