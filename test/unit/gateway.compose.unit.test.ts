import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildSchema, getNamedType, getNullableType, isNonNullType, type GraphQLObjectType } from 'graphql';
import { composeSupergraph, CompositionError } from '../../gateway/compose';
import { entityOwners } from '../../gateway/boundaryNullability';
import { parse } from 'graphql';
import { stubSubgraphs } from '../support/stubSubgraphs';

const definitions = () => stubSubgraphs().map((s) => ({ name: s.name, url: `http://127.0.0.1/${s.name}`, sdl: s.sdl }));

/** The API schema of a supergraph: the supergraph SDL minus its join/link machinery is not needed; graphql can read it. */
function fieldType(supergraphSdl: string, type: string, field: string) {
  const schema = buildSchema(supergraphSdl, { assumeValidSDL: true });
  return (schema.getType(type) as GraphQLObjectType).getFields()[field].type;
}

describe('composing the supergraph', () => {
  it('composes the subgraphs into one supergraph naming each of them', () => {
    const { supergraphSdl } = composeSupergraph(definitions());
    for (const name of ['CUSTOMER', 'PROJECT', 'BILLING', 'REVENUE']) assert.match(supergraphSdl, new RegExp(`${name} @join__graph\\(name: "${name.toLowerCase()}"`));
  });

  it('finds the owner of each entity from the root field that returns it', () => {
    const owners = entityOwners(stubSubgraphs().map((s) => ({ name: s.name, typeDefs: parse(s.sdl) })));
    assert.deepEqual(Object.fromEntries(owners), { Customer: 'customer', Project: 'project', Invoice: 'billing' });
  });

  it('makes nullable exactly the fields that another fetch than their parent’s may fill, and says which', () => {
    const { supergraphSdl, relaxed } = composeSupergraph(definitions());
    assert.deepEqual(relaxed.map((f) => `${f.subgraph}: ${f.type}.${f.field} (${f.reason})`), [
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
      assert.ok(isNonNullType(fieldType(supergraphSdl, type, field)), `${type}.${field} stays non-null`);
    }
    // Only the outer `!` goes: a list keeps its non-null items.
    const balance = fieldType(supergraphSdl, 'Customer', 'outstandingBalance');
    assert.ok(!isNonNullType(balance));
    assert.equal(String(balance), '[Money!]');
    assert.equal(getNamedType(getNullableType(balance))?.name, 'Money');
  });

  it('keeps the subgraphs’ types as they are in contract mode', () => {
    const { supergraphSdl, relaxed } = composeSupergraph(definitions(), { nullability: 'contract' });
    assert.deepEqual(relaxed, []);
    assert.equal(String(fieldType(supergraphSdl, 'Invoice', 'customer')), 'Customer!');
  });

  it('stops with the composer’s own messages when the subgraphs do not compose', () => {
    const subgraphs = definitions();
    // revenue now says Money.amount is an Int: the shared value type disagrees.
    subgraphs[3] = { ...subgraphs[3], sdl: subgraphs[3].sdl.replace('amount: String!', 'amount: Int!') };
    assert.throws(() => composeSupergraph(subgraphs), (error: unknown) => {
      assert.ok(error instanceof CompositionError);
      assert.equal(error.code, 'COMPOSITION_FAILED');
      assert.ok(error.messages.some((m) => /FIELD_TYPE_MISMATCH: .*"Money\.amount"/.test(m)), error.messages.join('\n'));
      assert.match(error.message, /do not compose/);
      return true;
    });
  });

  it('names the subgraph whose SDL does not parse, and a subgraph given twice', () => {
    const subgraphs = definitions();
    assert.throws(() => composeSupergraph([...subgraphs.slice(0, 3), { ...subgraphs[3], sdl: 'type Query {' }]),
      (error: unknown) => error instanceof CompositionError && /\[revenue\] its SDL does not parse: Syntax Error/.test(error.messages[0]));
    assert.throws(() => composeSupergraph([...subgraphs, subgraphs[0]]),
      (error: unknown) => error instanceof CompositionError && error.messages.includes('[customer] the subgraph is given twice'));
    assert.throws(() => composeSupergraph([]), CompositionError);
  });
});
