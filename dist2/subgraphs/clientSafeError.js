"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.clientSafeError = clientSafeError;
/**
 * What a client may see of an error raised while a subgraph resolves: a
 * GraphQLError the resolvers made on purpose (a client mistake, with its
 * code) goes out as it is; anything else — Postgres's own error text, a bug's
 * message — never does:
 *
 * - Postgres refusing a value the client sent (a data exception, SQLSTATE
 *   class 22: a NUL byte in a text, a number out of range) is the client's
 *   mistake: BAD_USER_INPUT, saying what kind of value was refused;
 * - Postgres not answering in time (statement_timeout, 57014) or not at all
 *   (connection failures, class 08) is SERVICE_UNAVAILABLE: try again;
 * - anything else is INTERNAL_SERVER_ERROR with an error id, logged with the
 *   whole error under that id so an operator can find it from the client's
 *   report.
 */
const node_crypto_1 = require("node:crypto");
const graphql_1 = require("graphql");
const defaultLog = (message) => console.error(message);
/** Postgres's SQLSTATE of an error, when it is one of its errors. */
function sqlState(error) {
    const code = error?.code;
    return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && 'severity' in error ? code : undefined;
}
const REFUSED_VALUES = {
    '22021': 'a text argument holds a character that cannot be stored (a NUL byte, \\u0000)',
    '22P05': 'a text argument holds a character that cannot be stored',
    '22003': 'a number argument is out of range',
    '22P02': 'an argument is not of the form its type expects',
    '22007': 'a date or time argument is not a valid date or time',
    '22008': 'a date or time argument is out of range',
    '22001': 'a text argument is too long',
};
/** The error as a client may see it (the formatted GraphQL error). */
function clientSafeError(error, log = defaultLog) {
    const original = error.originalError;
    // Made on purpose by the resolvers or by graphql-js itself (validation, coercion): safe as it is.
    if (original === undefined || original === null || original instanceof graphql_1.GraphQLError)
        return error.toJSON();
    const state = sqlState(original);
    const where = { ...(error.locations ? { locations: error.locations } : {}), ...(error.path ? { path: error.path } : {}) };
    if (state?.startsWith('22')) {
        const what = REFUSED_VALUES[state] ?? 'an argument holds a value that cannot be used';
        return { message: `expected arguments the read model can look up: ${what}`, ...where, extensions: { code: 'BAD_USER_INPUT' } };
    }
    if (state === '57014' || state?.startsWith('08') || state === '57P01' || state === '53300') {
        const id = (0, node_crypto_1.randomUUID)();
        log(`error ${id}: the read model did not answer: ${original.message}`);
        return {
            message: `the read model did not answer in time; try again (error id ${id})`, ...where,
            extensions: { code: 'SERVICE_UNAVAILABLE', errorId: id },
        };
    }
    const id = (0, node_crypto_1.randomUUID)();
    log(`error ${id}: ${original.stack ?? original.message}`);
    return {
        message: `internal error while resolving this field (error id ${id})`, ...where,
        extensions: { code: 'INTERNAL_SERVER_ERROR', errorId: id },
    };
}
//# sourceMappingURL=clientSafeError.js.map