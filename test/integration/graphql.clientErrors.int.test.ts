/**
 * A client's mistake is a 4xx with a code that says what was wrong, never a
 * 500 and never Postgres's own text: a mutation over POST (the API has none),
 * a NUL character in an id (Postgres cannot store one, and its error said so
 * in its own words). A subgraph in its own process, asked directly, keeps
 * Postgres's text to itself too. Normal queries are answered all along.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startGateway, type RunningGateway } from '../../gateway/gateway';
import { createSubgraphByName, createSubgraphs, serveSubgraph, type ServedSubgraph } from '../../subgraphs';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';

const POSTGRES_TEXT = /invalid byte sequence|0x00|UTF8|syntax error|relation|postgres/i;

describe('client mistakes on the GraphQL side', () => {
  let db: TestDatabase;
  let gateway: RunningGateway;
  let customer: ServedSubgraph;

  async function post(url: string, body: unknown): Promise<{ status: number; body: any }> {
    const response = await fetch(url, {
      method: 'POST', headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'yes' }, body: JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    return { status: response.status, body: await response.json() };
  }

  before(async () => {
    db = await createTestDatabase();
    gateway = await startGateway({ subgraphs: await createSubgraphs({ pool: db.pool }), host: '127.0.0.1', port: 0 });
    customer = await serveSubgraph(await createSubgraphByName('customer', { pool: db.pool }), { host: '127.0.0.1', port: 0 });
  });
  after(async () => {
    await gateway?.close();
    await customer?.close();
    await db?.drop();
  });

  it('answers a mutation it has not, or a subscription over POST, with 400, not 500', async () => {
    const mutation = await post(gateway.url, { query: 'mutation { customers { totalCount } }' });
    assert.equal(mutation.status, 400, JSON.stringify(mutation.body));
    assert.equal(mutation.body.errors[0].extensions.code, 'GRAPHQL_VALIDATION_FAILED');
    assert.match(mutation.body.errors[0].message, /Cannot query field "customers" on type "Mutation"|this API has no mutations/);
    const subscription = await post(gateway.url, { query: 'subscription { customers { totalCount } }' });
    assert.equal(subscription.status, 400, JSON.stringify(subscription.body));
    assert.equal((await post(gateway.url, { query: '{ customers(first: 1) { totalCount } }' })).status, 200);
  });

  it('answers a NUL character in an id, as a literal or a variable, with 400 BAD_USER_INPUT and no Postgres text', async () => {
    for (const body of [
      { query: '{ customer(id: "ACC\\u0000-1") { name } }' },
      { query: 'query($id: ID!) { project(id: $id) { name } }', variables: { id: 'PRJ\u0000' } },
    ]) {
      const answer = await post(gateway.url, body);
      assert.equal(answer.status, 400, JSON.stringify(answer.body));
      assert.equal(answer.body.errors[0].extensions.code, 'BAD_USER_INPUT');
      assert.match(answer.body.errors[0].message, /expected text without NUL characters \(\\u0000\), got one in (argument id|variable \$id)/);
      assert.doesNotMatch(JSON.stringify(answer.body), POSTGRES_TEXT);
    }
    const normal = await post(gateway.url, { query: '{ customer(id: "ACC-1") { name } }' });
    assert.equal(normal.status, 200);
    assert.deepEqual(normal.body, { data: { customer: null } });
  });

  it('answers a Date, DateTime or Decimal the scalar refuses, as a literal or a variable, with 400 BAD_USER_INPUT', async () => {
    for (const [body, said] of [
      [{ query: '{ receivablesAging(asOf: "2026-02-30") { currency } }' }, /^argument asOf: Date input: expected a calendar date YYYY-MM-DD, got "2026-02-30"$/],
      [{ query: '{ dso(asOf: 20260201) { currency } }' }, /^argument asOf: Date input: expected a string YYYY-MM-DD, got a IntValue literal$/],
      [{ query: 'query($d: Date) { unbilledAging(asOf: $d) { currency } }', variables: { d: 'yesterday' } },
        /^Variable "\$d" got invalid value "yesterday"; Date input: expected a calendar date YYYY-MM-DD, got "yesterday"$/],
      [{ query: 'query($d: Date = "2026-13-01") { unbilledAging(asOf: $d) { currency } }' }, /^a default value: Date input: expected a calendar date/],
    ] as const) {
      const answer = await post(gateway.url, body);
      assert.equal(answer.status, 400, JSON.stringify(answer.body));
      assert.equal(answer.body.data, undefined, 'refused before any subgraph is called');
      assert.equal(answer.body.errors[0].extensions.code, 'BAD_USER_INPUT', JSON.stringify(answer.body));
      assert.match(answer.body.errors[0].message, said);
    }
    const good = await post(gateway.url, { query: 'query($d: Date) { unbilledAging(asOf: $d) { currency } }', variables: { d: '2026-02-28' } });
    assert.deepEqual([good.status, good.body.errors], [200, undefined], JSON.stringify(good.body));
  });

  it('keeps Postgres\'s text to a subgraph asked directly: BAD_USER_INPUT for the value it refused', async () => {
    const answer = await post(customer.url, { query: '{ customer(id: "ACC\\u0000-1") { name } }' });
    assert.equal(answer.body.errors[0].extensions.code, 'BAD_USER_INPUT', JSON.stringify(answer.body));
    assert.match(answer.body.errors[0].message, /a NUL byte/);
    assert.doesNotMatch(JSON.stringify(answer.body), POSTGRES_TEXT);
  });
});
