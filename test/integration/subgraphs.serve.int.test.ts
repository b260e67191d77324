import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createSubgraphByName, serveSubgraph, type ServedSubgraph } from '../../subgraphs';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';

describe('serveSubgraph runs one subgraph over HTTP', () => {
  let db: TestDatabase;
  let served: ServedSubgraph;

  before(async () => {
    db = await createTestDatabase();
    served = await serveSubgraph(await createSubgraphByName('customer', { pool: db.pool }), { host: '127.0.0.1', port: 0 });
  });
  after(async () => {
    await served?.close();
    await db?.drop();
  });

  const json = async (response: Response): Promise<any> => response.json();
  const post = (body: unknown, contentType = 'application/json') =>
    fetch(served.url, { method: 'POST', headers: { 'content-type': contentType }, body: typeof body === 'string' ? body : JSON.stringify(body) });

  it('listens on the port it was given (0: a free one) and names its GraphQL URL', () => {
    assert.ok(served.port > 0);
    assert.equal(served.url, `http://127.0.0.1:${served.port}/graphql`);
  });

  it('answers queries over POST', async () => {
    const response = await post({ query: '{ customers { totalCount } ingestStatus { received pending } }' });
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { data: { customers: { totalCount: 0 }, ingestStatus: { received: 0, pending: 0 } } });
  });

  it('answers GET with a preflight header (Apollo CSRF prevention) and refuses it without', async () => {
    const url = `${served.url}?query=${encodeURIComponent('{ customers(first: 1) { totalCount } }')}`;
    const ok = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
    assert.equal(ok.status, 200);
    assert.deepEqual(await ok.json(), { data: { customers: { totalCount: 0 } } });
    assert.equal((await fetch(url)).status, 400);
  });

  it('serves its federation SDL and _entities, as the gateway asks for them', async () => {
    const sdl = await json(await post({ query: '{ _service { sdl } }' }));
    assert.match(sdl.data._service.sdl, /type Customer\s+@key\(fields: "id"\)/);
    const found = await (await post({
      query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id name } } }',
      variables: { r: [{ __typename: 'Customer', id: 'ACC-404' }] },
    })).json();
    assert.deepEqual(found, { data: { _entities: [null] } });
  });

  it('gives errors with a code: invalid query 400, BAD_USER_INPUT for first above 500', async () => {
    const invalid = await post({ query: '{ customers { nope } }' });
    assert.equal(invalid.status, 400);
    assert.equal((await json(invalid)).errors[0].extensions.code, 'GRAPHQL_VALIDATION_FAILED');
    const tooMany = await json(await post({ query: '{ customers(first: 501) { totalCount } }' }));
    assert.equal(tooMany.errors[0].extensions.code, 'BAD_USER_INPUT');
    assert.match(tooMany.errors[0].message, /first: expected an integer from 0 to 500 \(default 50\), got 501/);
    assert.equal(tooMany.errors[0].extensions.stacktrace, undefined);
  });

  it('answers 400 for a body that is not JSON and 404 off its paths; /health says it serves', async () => {
    const notJson = await post('{ not json');
    assert.equal(notJson.status, 400);
    assert.match((await json(notJson)).errors[0].message, /request body is not JSON/);
    assert.equal((await fetch(served.url.replace('/graphql', '/other'))).status, 404);
    const health = await fetch(served.url.replace('/graphql', '/health'));
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), { status: 'ok', subgraph: 'customer' });
  });

  it('stops listening when closed', async () => {
    const other = await serveSubgraph(await createSubgraphByName('revenue', { pool: db.pool }), { host: '127.0.0.1', port: 0 });
    assert.equal((await fetch(other.url.replace('/graphql', '/health'))).status, 200);
    await other.close();
    await assert.rejects(fetch(other.url.replace('/graphql', '/health')));
  });
});
