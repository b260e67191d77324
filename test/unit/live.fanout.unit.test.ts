import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildSchema, parse, subscribe, type ExecutionArgs } from 'graphql';
import type { ChangeFeed } from '../../live/changeFeed';
import { entityIdVariable, entityResponseKey } from '../../live/federatedSelection';
import { MAX_BATCH } from '../../live/payloadResolver';
import { createSubscriptionSchema } from '../../live/subscriptionSchema';
import { eventually } from '../support/eventually';

/** An API schema as the gateway serves it: queries of the subgraphs, the Subscription root the live extension composed in. */
const API_SCHEMA = buildSchema(`
  scalar DateTime
  type Invoice { id: ID!  number: String }
  type Project { id: ID!  name: String }
  type Query { invoice(id: ID!): Invoice  project(id: ID!): Project }
  type InvoiceChange { invoice: Invoice!  eventType: String!  eventId: ID!  at: DateTime! }
  type ProjectChange { project: Project!  eventType: String!  eventId: ID!  at: DateTime! }
  type Subscription {
    invoiceStatusChanged(customerId: ID, projectId: ID): InvoiceChange!
    projectFinancialsChanged(projectId: ID, customerId: ID): ProjectChange!
  }
`);

/** The batch sizes of a selection's documents: powers of two up to MAX_BATCH (64). */
const BATCH_SIZES = [1, 2, 4, 8, 16, 32, 64];

/** A feed that never delivers: these tests are about what happens before the first change. */
const silentFeed = { subscribe: () => () => undefined } as unknown as ChangeFeed;

/** One turn of the event loop: every promise reaction already due has run (planning runs chain on promises only). */
const drained = () => new Promise((resolve) => setImmediate(resolve));

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
    await eventually('a run per batch size', () => runs.length >= BATCH_SIZES.length, { timeoutMs: 10_000, describe: () => `${runs.length} runs` });
    await drained();
    assert.equal(MAX_BATCH, BATCH_SIZES.at(-1));
    assert.deepEqual(runs.map((run) => Object.keys(run.variables).filter((name) => name.startsWith(entityIdVariable(0).slice(0, -1))).length), BATCH_SIZES,
      'the size the subscription was resolved with, then every other size, each once');
    for (const run of runs) {
      assert.ok(Object.values(run.variables).every((id) => id === ''), 'planning runs name no entity');
      assert.match(run.query, /invoice\(id: \$__entityId0\) \{\s*id\s+number\s*\}/);
    }

    // The same operation again (another subscriber) plans nothing more.
    const second = await subscribeWith({});
    await drained();
    assert.equal(runs.length, BATCH_SIZES.length);
    await first.return?.();
    await second.return?.();
  });
});
