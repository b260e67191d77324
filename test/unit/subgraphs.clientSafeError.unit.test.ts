import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GraphQLError } from 'graphql';
import { clientSafeError } from '../../subgraphs/clientSafeError';

/** An error as pg rejects a query with (a DatabaseError: SQLSTATE `code`, `severity`). */
function postgresError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code, severity: 'ERROR' });
}

function resolverFailure(original: Error): GraphQLError {
  return new GraphQLError(original.message, { originalError: original, path: ['customer'] });
}

describe('what a client sees of a resolver\'s error', () => {
  it('passes an error the resolvers made on purpose as it is', () => {
    const error = new GraphQLError('first: expected an integer from 0 to 500, got 501', { extensions: { code: 'BAD_USER_INPUT' } });
    assert.deepEqual(clientSafeError(error, () => assert.fail('nothing to log')), error.toJSON());
  });

  it('turns a value Postgres refused into BAD_USER_INPUT without its text', () => {
    const safe = clientSafeError(resolverFailure(postgresError('22021', 'invalid byte sequence for encoding "UTF8": 0x00')), () => undefined);
    assert.equal(safe.extensions?.code, 'BAD_USER_INPUT');
    assert.deepEqual(safe.path, ['customer']);
    assert.doesNotMatch(safe.message, /UTF8|0x00/);
  });

  it('turns a statement timeout into SERVICE_UNAVAILABLE, logged under the id the client sees', () => {
    const logged: string[] = [];
    const safe = clientSafeError(resolverFailure(postgresError('57014', 'canceling statement due to statement timeout')), (m) => logged.push(m));
    assert.equal(safe.extensions?.code, 'SERVICE_UNAVAILABLE');
    assert.doesNotMatch(safe.message, /canceling/);
    assert.match(logged[0]!, new RegExp(`error ${String(safe.extensions?.errorId)}: .*canceling statement`));
  });

  it('hides any other failure behind INTERNAL_SERVER_ERROR and an error id, logging the whole of it', () => {
    const logged: string[] = [];
    const safe = clientSafeError(resolverFailure(new TypeError('Cannot read properties of undefined (reading \'rows\')')), (m) => logged.push(m));
    assert.equal(safe.extensions?.code, 'INTERNAL_SERVER_ERROR');
    assert.match(safe.message, /^internal error while resolving this field \(error id [0-9a-f-]{36}\)$/);
    assert.match(logged[0]!, /TypeError: Cannot read properties/);
  });
});
