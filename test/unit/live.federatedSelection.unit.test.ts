import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildSchema, execute, parse, type GraphQLResolveInfo } from 'graphql';
import { entityQuery } from '../../live/federatedSelection';

const schema = buildSchema(`
  type Customer { id: ID! name: String! }
  type Invoice { id: ID! number: String customer: Customer! status: String! }
  type InvoiceChange { invoice: Invoice! eventType: String! }
  type Query { change(customerId: ID, first: Int): InvoiceChange }
`);

/** The query `entityQuery` builds for the `invoice` field of an operation. */
function queryFor(operation: string, variables: Record<string, unknown> = {}) {
  let captured: ReturnType<typeof entityQuery> | undefined;
  const invoiceField = (schema.getType('InvoiceChange') as import('graphql').GraphQLObjectType).getFields().invoice!;
  invoiceField.resolve = (_source: unknown, _args: unknown, _ctx: unknown, info: GraphQLResolveInfo) => {
    captured = entityQuery(info, 'invoice');
    return null;
  };
  execute({ schema, document: parse(operation), variableValues: variables, rootValue: { change: {} } });
  assert.ok(captured, 'the invoice field was resolved');
  return captured;
}

describe('the federated query of a subscription payload', () => {
  it('selects the entity by id with the client selection and aliases', () => {
    const built = queryFor(`{ change { invoice { id state: status customer { name } } eventType } }`);
    assert.equal(built.textFor(1).replace(/\s+/g, ' '),
      'query ($__entityId0: ID!) { e0: invoice(id: $__entityId0) { id state: status customer { name } } }');
  });
  it('asks for a batch of entities with one selection each, under their own aliases', () => {
    const built = queryFor(`{ change { invoice { id } } }`);
    assert.equal(built.textFor(2).replace(/\s+/g, ' '),
      'query ($__entityId0: ID!, $__entityId1: ID!) { e0: invoice(id: $__entityId0) { id } e1: invoice(id: $__entityId1) { id } }');
  });
  it('carries the fragments it uses and only the variables it uses', () => {
    const built = queryFor(`query Q($customerId: ID, $n: String) { change(customerId: $customerId) { invoice { ...F } } }
      fragment F on Invoice { id ...G } fragment G on Invoice { number } fragment Unused on Invoice { status }`, { customerId: 'C1', n: 'x' });
    const text = built.textFor(1);
    assert.match(text, /fragment F on Invoice/);
    assert.match(text, /fragment G on Invoice/);
    assert.doesNotMatch(text, /Unused/);
    assert.doesNotMatch(text, /\$customerId/);
    assert.deepEqual(built.variables, {});
  });
  it('gives equal keys to equal selections and values', () => {
    const a = queryFor(`{ change { invoice { id status } } }`);
    const b = queryFor(`{ change { invoice { id status } } }`);
    const c = queryFor(`{ change { invoice { id } } }`);
    assert.equal(a.key, b.key);
    assert.notEqual(a.key, c.key);
  });
});
