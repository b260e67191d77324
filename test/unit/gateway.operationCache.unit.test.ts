import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildSchema, operationFromDocument } from '@apollo/federation-internals';
import { Kind, parse, type DocumentNode } from 'graphql';
import { installOperationCache } from '../../gateway/operationCache';

const SDL = 'type Query { customer(id: ID!): Customer }  type Customer { id: ID!  name: String! }';
const DOCUMENT = parse('query One($id: ID!) { customer(id: $id) { ...Names } }  fragment Names on Customer { id name }');

/** The document as @apollo/gateway's executeQueryPlan builds it at every request: a new object around the same nodes. */
const asExecuted = (document: DocumentNode): DocumentNode => ({
  kind: Kind.DOCUMENT,
  definitions: [document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION)!, ...document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION)],
});

describe('the operation cache', () => {
  it('installs once, and answers the executor’s call for the same parsed operation with the same operation', () => {
    assert.equal(installOperationCache(), true);
    assert.equal(installOperationCache(), true);
    const schema = buildSchema(SDL);
    const first = operationFromDocument(schema, asExecuted(DOCUMENT), { validate: false });
    const again = operationFromDocument(schema, asExecuted(DOCUMENT), { validate: false });
    assert.equal(again, first);
    assert.equal(first.toString(), operationFromDocument(schema, DOCUMENT).toString());
  });

  it('builds anew for another schema, another parse of the same text, and every other kind of call', () => {
    installOperationCache();
    const schema = buildSchema(SDL);
    const cached = operationFromDocument(schema, asExecuted(DOCUMENT), { validate: false });
    assert.notEqual(operationFromDocument(buildSchema(SDL), asExecuted(DOCUMENT), { validate: false }), cached);
    assert.notEqual(operationFromDocument(schema, asExecuted(parse('query One($id: ID!) { customer(id: $id) { ...Names } }  fragment Names on Customer { id name }')), { validate: false }), cached);
    // The query planner's call (validated, with the whole document) is never served from the cache.
    assert.notEqual(operationFromDocument(schema, DOCUMENT), operationFromDocument(schema, DOCUMENT));
    assert.notEqual(operationFromDocument(schema, DOCUMENT, { operationName: 'One', validate: false }), operationFromDocument(schema, DOCUMENT, { operationName: 'One', validate: false }));
  });
});
