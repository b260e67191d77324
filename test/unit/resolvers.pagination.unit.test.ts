import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GraphQLError } from 'graphql';
import { anyId, cursorCodec, timestampKey } from '../../resolvers/shared/cursor';
import { pageRequest } from '../../resolvers/shared/pagination';
import { parsePortfolioId, portfolioId } from '../../resolvers/shared/portfolioKey';

const invoiceCursor = cursorCodec('invoice:drafted', [timestampKey, anyId]);
const projectCursor = cursorCodec('project:id', [anyId]);

function badUserInput(pattern: RegExp) {
  return (error: unknown) => {
    assert.ok(error instanceof GraphQLError);
    assert.equal(error.extensions.code, 'BAD_USER_INPUT');
    assert.match(error.message, pattern);
    return true;
  };
}

describe('cursors', () => {
  it('are opaque base64url and decode to the keys they were made of', () => {
    const cursor = invoiceCursor.encode(['2025-02-03T07:00:01.838123Z', 'INV-000001']);
    assert.match(cursor, /^[A-Za-z0-9_-]+$/);
    assert.deepEqual(invoiceCursor.decode(cursor), ['2025-02-03T07:00:01.838123Z', 'INV-000001']);
  });
  it('of another ordering, or tampered with, are BAD_USER_INPUT', () => {
    const projects = projectCursor.encode(['PRJ-1']);
    assert.throws(() => invoiceCursor.decode(projects), badUserInput(/after: expected a cursor returned by this connection/));
    assert.throws(() => invoiceCursor.decode('not a cursor!'), badUserInput(/got "not a cursor!"/));
    const bent = Buffer.from(JSON.stringify(['invoice:drafted', '2025-13-45 99:99', 'INV-1'])).toString('base64url');
    assert.throws(() => invoiceCursor.decode(bent), badUserInput(/expected a cursor/));
    assert.throws(() => projectCursor.decode(Buffer.from('{"a":1}').toString('base64url')), badUserInput(/expected a cursor/));
  });
});

describe('page requests', () => {
  it('default first to 50 and accept 0 to 500', () => {
    assert.deepEqual(pageRequest(undefined, undefined, projectCursor), { first: 50, after: null });
    assert.deepEqual(pageRequest(0, null, projectCursor), { first: 0, after: null });
    assert.equal(pageRequest(500, null, projectCursor).first, 500);
  });
  it('refuse first above 500 or below 0, saying what was expected and what arrived', () => {
    assert.throws(() => pageRequest(501, null, projectCursor), badUserInput(/^first: expected an integer from 0 to 500 \(default 50\), got 501$/));
    assert.throws(() => pageRequest(100000, null, projectCursor), badUserInput(/got 100000/));
    assert.throws(() => pageRequest(-1, null, projectCursor), badUserInput(/got -1/));
  });
});

describe('portfolio ids', () => {
  it('name a currency, or a currency and a legal entity', () => {
    assert.equal(portfolioId({ currency: 'EUR', legalEntityId: null }), 'EUR');
    assert.equal(portfolioId({ currency: 'EUR', legalEntityId: 'LE-DE' }), 'EUR|LE-DE');
    assert.deepEqual(parsePortfolioId('EUR|LE|X'), { currency: 'EUR', legalEntityId: 'LE|X' });
    assert.deepEqual(parsePortfolioId('USD'), { currency: 'USD', legalEntityId: null });
    assert.equal(parsePortfolioId('euro'), null);
    assert.equal(parsePortfolioId('EUR|'), null);
  });
});
