"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const graphql_1 = require("graphql");
const federatedSelection_1 = require("../../live/federatedSelection");
const schema = (0, graphql_1.buildSchema)(`
  type Customer { id: ID! name: String! }
  type Invoice { id: ID! number: String customer: Customer! status: String! }
  type InvoiceChange { invoice: Invoice! eventType: String! }
  type Query { change(customerId: ID, first: Int): InvoiceChange }
`);
/** The query `entityQuery` builds for the `invoice` field of an operation. */
function queryFor(operation, variables = {}) {
    let captured;
    const invoiceField = schema.getType('InvoiceChange').getFields().invoice;
    invoiceField.resolve = (_source, _args, _ctx, info) => {
        captured = (0, federatedSelection_1.entityQuery)(info, 'invoice');
        return null;
    };
    (0, graphql_1.execute)({ schema, document: (0, graphql_1.parse)(operation), variableValues: variables, rootValue: { change: {} } });
    strict_1.default.ok(captured, 'the invoice field was resolved');
    return captured;
}
(0, node_test_1.describe)('the federated query of a subscription payload', () => {
    (0, node_test_1.it)('selects the entity by id with the client selection and aliases', () => {
        const built = queryFor(`{ change { invoice { id state: status customer { name } } eventType } }`);
        strict_1.default.equal(built.textFor(1).replace(/\s+/g, ' '), 'query ($__entityId0: ID!) { e0: invoice(id: $__entityId0) { id state: status customer { name } } }');
    });
    (0, node_test_1.it)('asks for a batch of entities with one selection each, under their own aliases', () => {
        const built = queryFor(`{ change { invoice { id } } }`);
        strict_1.default.equal(built.textFor(2).replace(/\s+/g, ' '), 'query ($__entityId0: ID!, $__entityId1: ID!) { e0: invoice(id: $__entityId0) { id } e1: invoice(id: $__entityId1) { id } }');
    });
    (0, node_test_1.it)('carries the fragments it uses and only the variables it uses', () => {
        const built = queryFor(`query Q($customerId: ID, $n: String) { change(customerId: $customerId) { invoice { ...F } } }
      fragment F on Invoice { id ...G } fragment G on Invoice { number } fragment Unused on Invoice { status }`, { customerId: 'C1', n: 'x' });
        const text = built.textFor(1);
        strict_1.default.match(text, /fragment F on Invoice/);
        strict_1.default.match(text, /fragment G on Invoice/);
        strict_1.default.doesNotMatch(text, /Unused/);
        strict_1.default.doesNotMatch(text, /\$customerId/);
        strict_1.default.deepEqual(built.variables, {});
    });
    (0, node_test_1.it)('gives equal keys to equal selections and values', () => {
        const a = queryFor(`{ change { invoice { id status } } }`);
        const b = queryFor(`{ change { invoice { id status } } }`);
        const c = queryFor(`{ change { invoice { id } } }`);
        strict_1.default.equal(a.key, b.key);
        strict_1.default.notEqual(a.key, c.key);
    });
});
//# sourceMappingURL=live.federatedSelection.unit.test.js.map