import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { buildSchema, parse } from 'graphql';
import { createGatewayContext, InProcessDataSource } from '../../gateway/dataSources';

const schema = buildSchema(`type Query { project(id: ID!): Project  slow: String }  type Project { id: ID!  name: String }`);
let resolved = 0;
schema.getQueryType()!.getFields().project!.resolve = (_root, args: { id: string }) => {
  resolved++;
  return { id: args.id, name: `project ${args.id}` };
};
schema.getQueryType()!.getFields().slow!.resolve = () => new Promise((resolve) => setTimeout(() => resolve('late'), 2_000));

/** What the gateway hands a data source for one fetch of a plan: the fetch's text and, as the planner keeps it, its parsed document. */
function fetchOf(query: string, variables: Record<string, unknown> = {}, context: object = {}) {
  return { request: { query, variables }, document: parse(query), context, kind: 'incoming operation' } as unknown as GraphQLDataSourceProcessOptions<Record<string, unknown>>;
}

describe('a subgraph called in process', () => {
  it('validates an operation text once, whatever the number of plans (document objects) that send it', async () => {
    const source = new InProcessDataSource('project', schema);
    const text = 'query($id: ID!) { project(id: $id) { id name } }';
    const first = await source.process(fetchOf(text, { id: 'P1' }));
    const second = await source.process(fetchOf(text, { id: 'P2' }));
    // graphql-js answers with null-prototype objects: compared as plain JSON.
    assert.deepEqual(JSON.parse(JSON.stringify(first)), { data: { project: { id: 'P1', name: 'project P1' } } });
    assert.deepEqual(JSON.parse(JSON.stringify(second)), { data: { project: { id: 'P2', name: 'project P2' } } });
    assert.equal(source.validations, 1);
    await source.process(fetchOf('query($id: ID!) { project(id: $id) { id } }', { id: 'P3' }));
    assert.equal(source.validations, 2, 'another text is validated');
  });

  it('answers an invalid operation with its validation errors every time, never executing it', async () => {
    const source = new InProcessDataSource('project', schema);
    for (let i = 0; i < 2; i++) {
      const answer = await source.process(fetchOf('{ project(id: "P1") { budget } }'));
      assert.equal(answer.data, undefined);
      assert.match(answer.errors![0]!.message, /Cannot query field "budget" on type "Project"/);
    }
    assert.equal(source.validations, 2);
  });

  it('asks nothing once the request\'s execution deadline has passed, and stops waiting for a fetch at the deadline', async () => {
    const source = new InProcessDataSource('project', schema);
    const context = createGatewayContext(undefined, undefined, 50);
    const slow = await source.process(fetchOf('{ slow }', {}, context));
    assert.equal(slow.errors?.[0]?.extensions?.code, 'EXECUTION_TIMEOUT', 'the slow fetch was given up at the deadline');
    const before = resolved;
    const after = await source.process(fetchOf('query($id: ID!) { project(id: $id) { id } }', { id: 'P9' }, context));
    assert.equal(after.data, undefined);
    assert.equal(after.errors?.[0]?.extensions?.code, 'EXECUTION_TIMEOUT');
    assert.equal(resolved, before, 'no resolver ran for a fetch after the deadline');
    const fresh = await source.process(fetchOf('query($id: ID!) { project(id: $id) { id } }', { id: 'P9' }, createGatewayContext(undefined, undefined, 60_000)));
    assert.deepEqual(JSON.parse(JSON.stringify(fresh)), { data: { project: { id: 'P9' } } }, 'a request with time left is answered');
  });
});
