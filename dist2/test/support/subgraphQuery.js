"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.execute = execute;
exports.query = query;
exports.entities = entities;
const strict_1 = __importDefault(require("node:assert/strict"));
const graphql_1 = require("graphql");
/**
 * Executes a query directly against a subgraph's schema, with a fresh context
 * object (as one request), and answers the result as plain JSON (GraphQL
 * results have null prototypes).
 */
async function execute(subgraph, source, variableValues) {
    const result = await (0, graphql_1.graphql)({ schema: subgraph.schema, source, variableValues, contextValue: {} });
    return JSON.parse(JSON.stringify(result));
}
/** {@link execute}, failing on any error; answers `data`. */
async function query(subgraph, source, variableValues) {
    const result = await execute(subgraph, source, variableValues);
    strict_1.default.equal(result.errors, undefined, `${subgraph.name}: ${JSON.stringify(result.errors)}`);
    return result.data;
}
/** `_entities` as the gateway sends it: representations of one type, with a selection of its fields. */
async function entities(subgraph, typename, ids, selection) {
    const data = await query(subgraph, `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on ${typename} { ${selection} } } }`, { representations: ids.map((id) => ({ __typename: typename, id })) });
    return data._entities;
}
//# sourceMappingURL=subgraphQuery.js.map