import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { freshReads } from '../../gateway/freshReads';
import { ResponseCache } from '../../gateway/responseCache';
import { canonicalJson } from '../../events/canonical';
import { responseCacheKey } from '../../gateway/responseCacheKey';

/** A read whose runs the test ends one by one. */
function controlledRead() {
  const runs: Array<(value: string) => void> = [];
  return {
    runs,
    read: () => new Promise<string>((resolve) => runs.push(resolve)),
  };
}
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('freshReads', () => {
  it('gives a caller arriving during a run the next run, shared by everyone who arrived meanwhile', async () => {
    const { runs, read } = controlledRead();
    const fresh = freshReads(read);
    const first = fresh();
    const second = fresh();
    const third = fresh();
    assert.equal(runs.length, 1, 'one run at a time');
    runs[0]!('A');
    assert.deepEqual(await first, { value: 'A', sequence: 1 });
    await tick();
    assert.equal(runs.length, 2, 'the next run starts when the first ends');
    runs[1]!('B');
    assert.deepEqual(await second, { value: 'B', sequence: 2 });
    assert.deepEqual(await third, { value: 'B', sequence: 2 });
  });

  it('starts the next run even when the one in flight fails', async () => {
    let calls = 0;
    const fresh = freshReads(async () => {
      calls++;
      if (calls === 1) throw new Error('connection lost');
      return 'ok';
    });
    const failing = fresh();
    const next = fresh();
    await assert.rejects(failing, /connection lost/);
    assert.deepEqual(await next, { value: 'ok', sequence: 2 });
  });
});

describe('responseCacheKey', () => {
  it('is the same for variables in another key order and for GET and POST', () => {
    const post = responseCacheKey('POST', '', { query: '{ a }', variables: { b: { y: 1, x: [2, { q: 1, p: 2 }] }, a: 1 } }, 'application/json');
    const reordered = responseCacheKey('POST', '', { variables: { a: 1, b: { x: [2, { p: 2, q: 1 }], y: 1 } }, query: '{ a }' }, 'application/json');
    const get = responseCacheKey('GET', `?${new URLSearchParams({ query: '{ a }', variables: JSON.stringify({ a: 1, b: { y: 1, x: [2, { q: 1, p: 2 }] } }) })}`, undefined, 'application/json');
    assert.equal(reordered?.key, post?.key);
    assert.equal(get?.key, post?.key);
    assert.notEqual(responseCacheKey('POST', '', { query: '{ a }', variables: { a: 2 } }, 'application/json')?.key, post?.key);
    assert.notEqual(responseCacheKey('POST', '', { query: '{ a }', variables: { a: 1, b: { y: 1, x: [{ q: 1, p: 2 }, 2] } } }, 'application/json')?.key, post?.key, 'array order counts');
  });

  it('tells apart operation names and Accept headers, and leaves batches and bad variables to Apollo Server', () => {
    const base = responseCacheKey('POST', '', { query: 'query A { a } query B { a }', operationName: 'A' }, undefined)?.key;
    assert.notEqual(responseCacheKey('POST', '', { query: 'query A { a } query B { a }', operationName: 'B' }, undefined)?.key, base);
    assert.notEqual(responseCacheKey('POST', '', { query: 'query A { a } query B { a }', operationName: 'A' }, 'application/graphql-response+json')?.key, base);
    assert.equal(responseCacheKey('POST', '', [{ query: '{ a }' }], undefined), undefined);
    assert.equal(responseCacheKey('GET', '?query=%7Ba%7D&variables=%7Bnope', undefined, undefined), undefined);
    assert.equal(responseCacheKey('PUT', '', { query: '{ a }' }, undefined), undefined);
  });

  it('writes canonical JSON', () => {
    assert.equal(canonicalJson({ b: 1, a: [1, { d: null, c: 'x' }], u: undefined }), '{"a":[1,{"c":"x","d":null}],"b":1}');
  });
});

describe('ResponseCache', () => {
  const response = (text: string) => ({ headers: { 'content-type': 'application/json' }, body: Buffer.from(text) });

  it('answers at the position it stored at, and drops everything when a fresher read sees another position', async () => {
    let position = '10';
    const cache = new ResponseCache({ position: async () => position });
    const miss = await cache.lookup('k');
    assert.equal(miss.response, undefined);
    assert.ok(cache.store('k', miss.position, response('{"data":1}')));
    assert.equal((await cache.lookup('k')).response?.body.toString(), '{"data":1}');
    position = '11';
    const moved = await cache.lookup('k');
    assert.equal(moved.response, undefined);
    assert.equal(cache.entryCount, 0);
    assert.equal(cache.stats.invalidated, 1);
  });

  it('does not store an answer computed at a position the read model has left', async () => {
    let position = '10';
    const cache = new ResponseCache({ position: async () => position });
    const old = await cache.lookup('k');
    position = '11';
    await cache.lookup('other');
    assert.equal(cache.store('k', old.position, response('{"data":"old"}')), false);
    assert.equal((await cache.lookup('k')).response, undefined);
  });

  it('keeps its bytes within maxBytes, dropping the least recently used', async () => {
    const cache = new ResponseCache({ position: async () => '1', maxBytes: 2000 });
    const body = 'x'.repeat(400);
    for (const key of ['a', 'b', 'c']) cache.store(key, (await cache.lookup(key)).position, response(body));
    await cache.lookup('a'); // a is now the most recent
    cache.store('d', (await cache.lookup('d')).position, response(body));
    assert.ok(cache.size <= 2000, String(cache.size));
    assert.notEqual((await cache.lookup('a')).response, undefined);
    assert.equal((await cache.lookup('b')).response, undefined, 'b was the least recently used');
    assert.equal(cache.store('huge', (await cache.lookup('huge')).position, response('y'.repeat(5000))), false);
  });
});
