"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const graphql_1 = require("graphql");
const compose_1 = require("../../gateway/compose");
const boundaryNullability_1 = require("../../gateway/boundaryNullability");
const graphql_2 = require("graphql");
const stubSubgraphs_1 = require("../support/stubSubgraphs");
const definitions = () => (0, stubSubgraphs_1.stubSubgraphs)().map((s) => ({ name: s.name, url: `http://127.0.0.1/${s.name}`, sdl: s.sdl }));
/** The API schema of a supergraph: the supergraph SDL minus its join/link machinery is not needed; graphql can read it. */
function fieldType(supergraphSdl, type, field) {
    const schema = (0, graphql_1.buildSchema)(supergraphSdl, { assumeValidSDL: true });
    return schema.getType(type).getFields()[field].type;
}
(0, node_test_1.describe)('composing the supergraph', () => {
    (0, node_test_1.it)('composes the subgraphs into one supergraph naming each of them', () => {
        const { supergraphSdl } = (0, compose_1.composeSupergraph)(definitions());
        for (const name of ['CUSTOMER', 'PROJECT', 'BILLING', 'REVENUE'])
            strict_1.default.match(supergraphSdl, new RegExp(`${name} @join__graph\\(name: "${name.toLowerCase()}"`));
    });
    (0, node_test_1.it)('finds the owner of each entity from the root field that returns it', () => {
        const owners = (0, boundaryNullability_1.entityOwners)((0, stubSubgraphs_1.stubSubgraphs)().map((s) => ({ name: s.name, typeDefs: (0, graphql_2.parse)(s.sdl) })));
        strict_1.default.deepEqual(Object.fromEntries(owners), { Customer: 'customer', Project: 'project', Invoice: 'billing' });
    });
    (0, node_test_1.it)('makes nullable exactly the fields that another fetch than their parent’s may fill, and says which', () => {
        const { supergraphSdl, relaxed } = (0, compose_1.composeSupergraph)(definitions());
        strict_1.default.deepEqual(relaxed.map((f) => `${f.subgraph}: ${f.type}.${f.field} (${f.reason})`), [
            'billing: Customer.outstandingBalance (added to a foreign entity)',
            'billing: Invoice.customer (reference to a foreign entity)',
            'billing: Project.billedAmount (added to a foreign entity)',
            'billing: Query.invoices (root field)',
            'customer: Query.customers (root field)',
            'project: Customer.projects (added to a foreign entity)',
            'project: Project.customer (reference to a foreign entity)',
            'project: Query.projects (root field)',
            'revenue: Project.margin (added to a foreign entity)',
            'revenue: Query.revenueTotal (root field)',
        ]);
        // The owner's own fields, key fields and value types keep their `!`.
        for (const [type, field] of [['Customer', 'name'], ['Customer', 'id'], ['Project', 'name'], ['Invoice', 'netTotal'], ['Money', 'amount']]) {
            strict_1.default.ok((0, graphql_1.isNonNullType)(fieldType(supergraphSdl, type, field)), `${type}.${field} stays non-null`);
        }
        // Only the outer `!` goes: a list keeps its non-null items.
        const balance = fieldType(supergraphSdl, 'Customer', 'outstandingBalance');
        strict_1.default.ok(!(0, graphql_1.isNonNullType)(balance));
        strict_1.default.equal(String(balance), '[Money!]');
        strict_1.default.equal((0, graphql_1.getNamedType)((0, graphql_1.getNullableType)(balance))?.name, 'Money');
    });
    (0, node_test_1.it)('keeps the subgraphs’ types as they are in contract mode', () => {
        const { supergraphSdl, relaxed } = (0, compose_1.composeSupergraph)(definitions(), { nullability: 'contract' });
        strict_1.default.deepEqual(relaxed, []);
        strict_1.default.equal(String(fieldType(supergraphSdl, 'Invoice', 'customer')), 'Customer!');
    });
    (0, node_test_1.it)('stops with the composer’s own messages when the subgraphs do not compose', () => {
        const subgraphs = definitions();
        // revenue now says Money.amount is an Int: the shared value type disagrees.
        subgraphs[3] = { ...subgraphs[3], sdl: subgraphs[3].sdl.replace('amount: String!', 'amount: Int!') };
        strict_1.default.throws(() => (0, compose_1.composeSupergraph)(subgraphs), (error) => {
            strict_1.default.ok(error instanceof compose_1.CompositionError);
            strict_1.default.equal(error.code, 'COMPOSITION_FAILED');
            strict_1.default.ok(error.messages.some((m) => /FIELD_TYPE_MISMATCH: .*"Money\.amount"/.test(m)), error.messages.join('\n'));
            strict_1.default.match(error.message, /do not compose/);
            return true;
        });
    });
    (0, node_test_1.it)('names the subgraph whose SDL does not parse, and a subgraph given twice', () => {
        const subgraphs = definitions();
        strict_1.default.throws(() => (0, compose_1.composeSupergraph)([...subgraphs.slice(0, 3), { ...subgraphs[3], sdl: 'type Query {' }]), (error) => error instanceof compose_1.CompositionError && /\[revenue\] its SDL does not parse: Syntax Error/.test(error.messages[0]));
        strict_1.default.throws(() => (0, compose_1.composeSupergraph)([...subgraphs, subgraphs[0]]), (error) => error instanceof compose_1.CompositionError && error.messages.includes('[customer] the subgraph is given twice'));
        strict_1.default.throws(() => (0, compose_1.composeSupergraph)([]), compose_1.CompositionError);
    });
});
//# sourceMappingURL=gateway.compose.unit.test.js.map