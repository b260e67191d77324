import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildSchema, parse, subscribe, type ExecutionArgs } from 'graphql';
import type { ChangeFeed } from '../../live/changeFeed';
import { entityIdVariable, entityResponseKey } from '../../live/federatedSelection';
import { MAX_BATCH } from '../../live/payloadResolver';
import { createSubscriptionSchema } from '../../live/subscriptionSchema';

const API_SCHEMA = buildSchema(`
  scalar DateTime
  type Invoice { id: ID!  number: String }
  type Project { id: ID!  name: String }
  type Query { invoice(id: ID!): Invoice  project(id: ID!): Project }
`);

/** A feed that never delivers: these tests are about what happens before the first change. */
const silentFeed = { subscribe: () => () => undefined } as unknown as ChangeFeed;

const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('Fanout: planning a new subscription ahead of its first change', () => {
  it('resolves a new operation once for no entity when subscribed, so every batch document is planned before a change arrives', async () => {
    const runs: { query: string; variables: Record<string, unknown> }[] = [];
    const execute = async (query: string, variables: Record<string, unknown>) => {
      runs.push({ query, variables });
      return { data: Object.fromEntries(Object.keys(variables).map((_, i) => [entityResponseKey(i), null])) };
    };
    const { schema } = createSubscriptionSchema(API_SCHEMA, silentFeed, execute);
    // The transports share one parsed document per query text; so does this test.
    const document = parse('subscription { invoiceStatusChanged { eventId invoice { id number } } }');
    const subscribeWith = async (variableValues: Record<string, unknown>) => {
      const request: ExecutionArgs = { schema, document, variableValues };
      const result = await subscribe({ ...request, contextValue: { request } });
      assert.ok(Symbol.asyncIterator in result, `subscribed: ${JSON.stringify(result)}`);
      return result;
    };

    const first = await subscribeWith({});
    await settle();
    const sizes: number[] = [];
    for (let size = 1; size <= MAX_BATCH; size *= 2) sizes.push(size);
    assert.equal(runs.length, sizes.length, `one run per batch size: ${runs.map((r) => Object.keys(r.variables).length).join(', ')}`);
    assert.deepEqual(runs.map((run) => Object.keys(run.variables).filter((name) => name.startsWith(entityIdVariable(0).slice(0, -1))).length), sizes);
    for (const run of runs) {
      assert.ok(Object.values(run.variables).every((id) => id === ''), 'planning runs name no entity');
      assert.match(run.query, /invoice\(id: \$__entityId0\) \{\s*id\s+number\s*\}/);
    }

    // The same operation again (another subscriber) plans nothing more.
    const second = await subscribeWith({});
    await settle();
    assert.equal(runs.length, sizes.length);
    await first.return?.();
    await second.return?.();
  });
});
