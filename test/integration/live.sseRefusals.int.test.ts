/**
 * graphql-sse's own refusals (a stream token the hub does not hold, an
 * operation without a query) are answered as every other 4xx of the
 * gateway: GraphQL errors with `extensions.code` and a message saying what
 * was expected.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startAccessHub, trustedDocumentsAccess, type AccessHub } from '../support/accessHub';

describe('graphql-sse refusals', () => {
  let hub: AccessHub;
  before(async () => {
    hub = await startAccessHub(trustedDocumentsAccess('off'));
  });
  after(async () => {
    await hub.close();
  });

  const refusal = async (init: RequestInit & { path?: string }) => {
    const response = await fetch(`${hub.graphqlUrl}${init.path ?? ''}`, init);
    const body = await response.json() as { errors: Array<{ message: string; extensions?: { code?: string } }> };
    return { status: response.status, type: response.headers.get('content-type'), error: body.errors[0]! };
  };

  it('names the stream token it wanted, with STREAM_NOT_FOUND, whether none was sent or an unknown one', async () => {
    const none = await refusal({ method: 'DELETE' });
    assert.deepEqual([none.status, none.error.extensions?.code], [404, 'STREAM_NOT_FOUND']);
    assert.match(none.error.message, /^expected the token of a stream reserved with PUT .*, got none$/);
    const unknown = await refusal({
      method: 'POST', headers: { 'content-type': 'application/json', 'x-graphql-event-stream-token': 'never-reserved' },
      body: JSON.stringify({ query: '{ __typename }', extensions: { operationId: '1' } }),
    });
    assert.deepEqual([unknown.status, unknown.error.extensions?.code], [404, 'STREAM_NOT_FOUND']);
    assert.match(unknown.error.message, /got one this hub does not hold/);
    assert.match(unknown.type ?? '', /^application\/json/);
  });

  it('answers an operation without a query on a reserved stream with 400 BAD_REQUEST', async () => {
    const token = await (await fetch(hub.graphqlUrl, { method: 'PUT' })).text();
    const missing = await refusal({
      method: 'POST', headers: { 'content-type': 'application/json', 'x-graphql-event-stream-token': token },
      body: JSON.stringify({ extensions: { operationId: '1' } }),
    });
    assert.deepEqual([missing.status, missing.error.extensions?.code], [400, 'BAD_REQUEST'], missing.error.message);
  });
});
