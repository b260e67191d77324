"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const freshReads_1 = require("../../gateway/freshReads");
const responseCache_1 = require("../../gateway/responseCache");
const canonical_1 = require("../../events/canonical");
const responseCacheKey_1 = require("../../gateway/responseCacheKey");
/** A read whose runs the test ends one by one. */
function controlledRead() {
    const runs = [];
    return {
        runs,
        read: () => new Promise((resolve) => runs.push(resolve)),
    };
}
const tick = () => new Promise((resolve) => setImmediate(resolve));
(0, node_test_1.describe)('freshReads', () => {
    (0, node_test_1.it)('gives a caller arriving during a run the next run, shared by everyone who arrived meanwhile', async () => {
        const { runs, read } = controlledRead();
        const fresh = (0, freshReads_1.freshReads)(read);
        const first = fresh();
        const second = fresh();
        const third = fresh();
        strict_1.default.equal(runs.length, 1, 'one run at a time');
        runs[0]('A');
        strict_1.default.deepEqual(await first, { value: 'A', sequence: 1 });
        await tick();
        strict_1.default.equal(runs.length, 2, 'the next run starts when the first ends');
        runs[1]('B');
        strict_1.default.deepEqual(await second, { value: 'B', sequence: 2 });
        strict_1.default.deepEqual(await third, { value: 'B', sequence: 2 });
    });
    (0, node_test_1.it)('starts the next run even when the one in flight fails', async () => {
        let calls = 0;
        const fresh = (0, freshReads_1.freshReads)(async () => {
            calls++;
            if (calls === 1)
                throw new Error('connection lost');
            return 'ok';
        });
        const failing = fresh();
        const next = fresh();
        await strict_1.default.rejects(failing, /connection lost/);
        strict_1.default.deepEqual(await next, { value: 'ok', sequence: 2 });
    });
});
(0, node_test_1.describe)('responseCacheKey', () => {
    (0, node_test_1.it)('is the same for variables in another key order and for GET and POST', () => {
        const post = (0, responseCacheKey_1.responseCacheKey)('POST', '', { query: '{ a }', variables: { b: { y: 1, x: [2, { q: 1, p: 2 }] }, a: 1 } }, 'application/json');
        const reordered = (0, responseCacheKey_1.responseCacheKey)('POST', '', { variables: { a: 1, b: { x: [2, { p: 2, q: 1 }], y: 1 } }, query: '{ a }' }, 'application/json');
        const get = (0, responseCacheKey_1.responseCacheKey)('GET', `?${new URLSearchParams({ query: '{ a }', variables: JSON.stringify({ a: 1, b: { y: 1, x: [2, { q: 1, p: 2 }] } }) })}`, undefined, 'application/json');
        strict_1.default.equal(reordered?.key, post?.key);
        strict_1.default.equal(get?.key, post?.key);
        strict_1.default.notEqual((0, responseCacheKey_1.responseCacheKey)('POST', '', { query: '{ a }', variables: { a: 2 } }, 'application/json')?.key, post?.key);
        strict_1.default.notEqual((0, responseCacheKey_1.responseCacheKey)('POST', '', { query: '{ a }', variables: { a: 1, b: { y: 1, x: [{ q: 1, p: 2 }, 2] } } }, 'application/json')?.key, post?.key, 'array order counts');
    });
    (0, node_test_1.it)('tells apart operation names and Accept headers, and leaves batches and bad variables to Apollo Server', () => {
        const base = (0, responseCacheKey_1.responseCacheKey)('POST', '', { query: 'query A { a } query B { a }', operationName: 'A' }, undefined)?.key;
        strict_1.default.notEqual((0, responseCacheKey_1.responseCacheKey)('POST', '', { query: 'query A { a } query B { a }', operationName: 'B' }, undefined)?.key, base);
        strict_1.default.notEqual((0, responseCacheKey_1.responseCacheKey)('POST', '', { query: 'query A { a } query B { a }', operationName: 'A' }, 'application/graphql-response+json')?.key, base);
        strict_1.default.equal((0, responseCacheKey_1.responseCacheKey)('POST', '', [{ query: '{ a }' }], undefined), undefined);
        strict_1.default.equal((0, responseCacheKey_1.responseCacheKey)('GET', '?query=%7Ba%7D&variables=%7Bnope', undefined, undefined), undefined);
        strict_1.default.equal((0, responseCacheKey_1.responseCacheKey)('PUT', '', { query: '{ a }' }, undefined), undefined);
    });
    (0, node_test_1.it)('writes canonical JSON', () => {
        strict_1.default.equal((0, canonical_1.canonicalJson)({ b: 1, a: [1, { d: null, c: 'x' }], u: undefined }), '{"a":[1,{"c":"x","d":null}],"b":1}');
    });
});
(0, node_test_1.describe)('ResponseCache', () => {
    const response = (text) => ({ headers: { 'content-type': 'application/json' }, body: Buffer.from(text) });
    (0, node_test_1.it)('answers at the position it stored at, and drops everything when a fresher read sees another position', async () => {
        let position = '10';
        const cache = new responseCache_1.ResponseCache({ position: async () => position });
        const miss = await cache.lookup('k');
        strict_1.default.equal(miss.response, undefined);
        strict_1.default.ok(cache.store('k', miss.position, response('{"data":1}')));
        strict_1.default.equal((await cache.lookup('k')).response?.body.toString(), '{"data":1}');
        position = '11';
        const moved = await cache.lookup('k');
        strict_1.default.equal(moved.response, undefined);
        strict_1.default.equal(cache.entryCount, 0);
        strict_1.default.equal(cache.stats.invalidated, 1);
    });
    (0, node_test_1.it)('does not store an answer computed at a position the read model has left', async () => {
        let position = '10';
        const cache = new responseCache_1.ResponseCache({ position: async () => position });
        const old = await cache.lookup('k');
        position = '11';
        await cache.lookup('other');
        strict_1.default.equal(cache.store('k', old.position, response('{"data":"old"}')), false);
        strict_1.default.equal((await cache.lookup('k')).response, undefined);
    });
    (0, node_test_1.it)('keeps its bytes within maxBytes, dropping the least recently used', async () => {
        const cache = new responseCache_1.ResponseCache({ position: async () => '1', maxBytes: 2000 });
        const body = 'x'.repeat(400);
        for (const key of ['a', 'b', 'c'])
            cache.store(key, (await cache.lookup(key)).position, response(body));
        await cache.lookup('a'); // a is now the most recent
        cache.store('d', (await cache.lookup('d')).position, response(body));
        strict_1.default.ok(cache.size <= 2000, String(cache.size));
        strict_1.default.notEqual((await cache.lookup('a')).response, undefined);
        strict_1.default.equal((await cache.lookup('b')).response, undefined, 'b was the least recently used');
        strict_1.default.equal(cache.store('huge', (await cache.lookup('huge')).position, response('y'.repeat(5000))), false);
    });
});
//# sourceMappingURL=gateway.responseCache.unit.test.js.map