import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildSchema, execute, parse } from 'graphql';
import { installSharedEmptyArguments } from '../../subgraphs/fieldArguments';

describe('shared empty arguments', () => {
  it('give every field without arguments one frozen empty object, and fields with arguments their own values', async () => {
    assert.equal(installSharedEmptyArguments(), true);
    assert.equal(installSharedEmptyArguments(), true);
    const schema = buildSchema('type Query { a: String  b: String  c(n: Int = 2): String  d(n: Int): String }');
    const seen: Record<string, unknown> = {};
    const rootValue = Object.fromEntries(['a', 'b', 'c', 'd'].map((name) => [name, (args: Record<string, unknown>) => {
      seen[name] = args;
      return JSON.stringify(args);
    }]));
    const result = await execute({ schema, rootValue, document: parse('query ($n: Int) { a b c d(n: $n) }'), variableValues: { n: 7 } });
    assert.deepEqual(JSON.parse(JSON.stringify(result.data)), { a: '{}', b: '{}', c: '{"n":2}', d: '{"n":7}' });
    assert.equal(seen.a, seen.b);
    assert.ok(Object.isFrozen(seen.a));
    assert.throws(() => { (seen.a as Record<string, unknown>).x = 1; }, TypeError);
    assert.notEqual(seen.c, seen.d);
  });
});
