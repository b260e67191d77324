"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const graphql_1 = require("graphql");
const clientSafeError_1 = require("../../subgraphs/clientSafeError");
/** An error as pg rejects a query with (a DatabaseError: SQLSTATE `code`, `severity`). */
function postgresError(code, message) {
    return Object.assign(new Error(message), { code, severity: 'ERROR' });
}
function resolverFailure(original) {
    return new graphql_1.GraphQLError(original.message, { originalError: original, path: ['customer'] });
}
(0, node_test_1.describe)('what a client sees of a resolver\'s error', () => {
    (0, node_test_1.it)('passes an error the resolvers made on purpose as it is', () => {
        const error = new graphql_1.GraphQLError('first: expected an integer from 0 to 500, got 501', { extensions: { code: 'BAD_USER_INPUT' } });
        strict_1.default.deepEqual((0, clientSafeError_1.clientSafeError)(error, () => strict_1.default.fail('nothing to log')), error.toJSON());
    });
    (0, node_test_1.it)('turns a value Postgres refused into BAD_USER_INPUT without its text', () => {
        const safe = (0, clientSafeError_1.clientSafeError)(resolverFailure(postgresError('22021', 'invalid byte sequence for encoding "UTF8": 0x00')), () => undefined);
        strict_1.default.equal(safe.extensions?.code, 'BAD_USER_INPUT');
        strict_1.default.deepEqual(safe.path, ['customer']);
        strict_1.default.doesNotMatch(safe.message, /UTF8|0x00/);
    });
    (0, node_test_1.it)('turns a statement timeout into SERVICE_UNAVAILABLE, logged under the id the client sees', () => {
        const logged = [];
        const safe = (0, clientSafeError_1.clientSafeError)(resolverFailure(postgresError('57014', 'canceling statement due to statement timeout')), (m) => logged.push(m));
        strict_1.default.equal(safe.extensions?.code, 'SERVICE_UNAVAILABLE');
        strict_1.default.doesNotMatch(safe.message, /canceling/);
        strict_1.default.match(logged[0], new RegExp(`error ${String(safe.extensions?.errorId)}: .*canceling statement`));
    });
    (0, node_test_1.it)('hides any other failure behind INTERNAL_SERVER_ERROR and an error id, logging the whole of it', () => {
        const logged = [];
        const safe = (0, clientSafeError_1.clientSafeError)(resolverFailure(new TypeError('Cannot read properties of undefined (reading \'rows\')')), (m) => logged.push(m));
        strict_1.default.equal(safe.extensions?.code, 'INTERNAL_SERVER_ERROR');
        strict_1.default.match(safe.message, /^internal error while resolving this field \(error id [0-9a-f-]{36}\)$/);
        strict_1.default.match(logged[0], /TypeError: Cannot read properties/);
    });
});
//# sourceMappingURL=subgraphs.clientSafeError.unit.test.js.map