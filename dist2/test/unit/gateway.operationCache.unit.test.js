"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const federation_internals_1 = require("@apollo/federation-internals");
const graphql_1 = require("graphql");
const operationCache_1 = require("../../gateway/operationCache");
const SDL = 'type Query { customer(id: ID!): Customer }  type Customer { id: ID!  name: String! }';
const DOCUMENT = (0, graphql_1.parse)('query One($id: ID!) { customer(id: $id) { ...Names } }  fragment Names on Customer { id name }');
/** The document as @apollo/gateway's executeQueryPlan builds it at every request: a new object around the same nodes. */
const asExecuted = (document) => ({
    kind: graphql_1.Kind.DOCUMENT,
    definitions: [document.definitions.find((d) => d.kind === graphql_1.Kind.OPERATION_DEFINITION), ...document.definitions.filter((d) => d.kind === graphql_1.Kind.FRAGMENT_DEFINITION)],
});
(0, node_test_1.describe)('the operation cache', () => {
    (0, node_test_1.it)('installs once, and answers the executor’s call for the same parsed operation with the same operation', () => {
        strict_1.default.equal((0, operationCache_1.installOperationCache)(), true);
        strict_1.default.equal((0, operationCache_1.installOperationCache)(), true);
        const schema = (0, federation_internals_1.buildSchema)(SDL);
        const first = (0, federation_internals_1.operationFromDocument)(schema, asExecuted(DOCUMENT), { validate: false });
        const again = (0, federation_internals_1.operationFromDocument)(schema, asExecuted(DOCUMENT), { validate: false });
        strict_1.default.equal(again, first);
        strict_1.default.equal(first.toString(), (0, federation_internals_1.operationFromDocument)(schema, DOCUMENT).toString());
    });
    (0, node_test_1.it)('builds anew for another schema, another parse of the same text, and every other kind of call', () => {
        (0, operationCache_1.installOperationCache)();
        const schema = (0, federation_internals_1.buildSchema)(SDL);
        const cached = (0, federation_internals_1.operationFromDocument)(schema, asExecuted(DOCUMENT), { validate: false });
        strict_1.default.notEqual((0, federation_internals_1.operationFromDocument)((0, federation_internals_1.buildSchema)(SDL), asExecuted(DOCUMENT), { validate: false }), cached);
        strict_1.default.notEqual((0, federation_internals_1.operationFromDocument)(schema, asExecuted((0, graphql_1.parse)('query One($id: ID!) { customer(id: $id) { ...Names } }  fragment Names on Customer { id name }')), { validate: false }), cached);
        // The query planner's call (validated, with the whole document) is never served from the cache.
        strict_1.default.notEqual((0, federation_internals_1.operationFromDocument)(schema, DOCUMENT), (0, federation_internals_1.operationFromDocument)(schema, DOCUMENT));
        strict_1.default.notEqual((0, federation_internals_1.operationFromDocument)(schema, DOCUMENT, { operationName: 'One', validate: false }), (0, federation_internals_1.operationFromDocument)(schema, DOCUMENT, { operationName: 'One', validate: false }));
    });
});
//# sourceMappingURL=gateway.operationCache.unit.test.js.map