import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalJson, contentHash } from '../../events/canonical';

describe('canonicalJson', () => {
  it('should sort keys at every level and drop whitespace', () => {
    const value = JSON.parse('{ "b": 1, "a": { "z": [ { "y": true, "x": null } ], "c": "é" } }');
    assert.equal(canonicalJson(value), '{"a":{"c":"é","z":[{"x":null,"y":true}]},"b":1}');
  });

  it('should write strings as JSON.stringify does, escapes included', () => {
    const strings = ['', 'plain', 'é ü ß', '\u{1F600}', 'quote " and backslash \\', 'tab\tnewline\n', '\u0001\u001f\u007f', '\u2028\u2029', 'lone \uD800', 'lone \uDC00 end'];
    for (const text of strings) assert.equal(canonicalJson(text), JSON.stringify(text), JSON.stringify(text));
  });

  it('should keep array order', () => {
    assert.equal(canonicalJson([3, 1, 2]), '[3,1,2]');
  });

  it('should write one JSON number one way', () => {
    assert.equal(canonicalJson(JSON.parse('[7.50, 75e-1, 1E2, -0]')), '[7.5,7.5,100,0]');
  });
});

describe('canonicalJson of objects that share field names in other orders', () => {
  it('should sort each object by its own fields, whichever order was seen before', () => {
    const texts = ['{"a":1,"b":2}', '{"a":1,"b":2,"c":3}', '{"b":2,"a":1}', '{"c":3,"b":2,"a":1}', '{"a":1}', '{}', '{"b":{"b":1,"a":2},"a":[{"a":1,"b":2},{"b":1}]}'];
    for (let round = 0; round < 2; round++) {
      assert.deepEqual(texts.map((text) => canonicalJson(JSON.parse(text))), [
        '{"a":1,"b":2}', '{"a":1,"b":2,"c":3}', '{"a":1,"b":2}', '{"a":1,"b":2,"c":3}', '{"a":1}', '{}', '{"a":[{"a":1,"b":2},{"b":1}],"b":{"a":2,"b":1}}',
      ]);
    }
  });

  it('should be JSON of the same value, field names that need escaping and integer-like names included', () => {
    const value = JSON.parse('{"10":1,"9":2,"__proto__":{"x":"\\u2028"},"a\\"b":[null,true,-0.5e-3,"\\n"],"":{}}');
    const text = canonicalJson(value);
    assert.equal(text, '{"":{},"10":1,"9":2,"__proto__":{"x":"\u2028"},"a\\"b":[null,true,-0.0005,"\\n"]}');
    assert.deepEqual(JSON.parse(text), value);
  });
});

describe('contentHash', () => {
  const event = { specversion: '1.0', id: 'e1', source: '/psa/x', data: { hours: 7.5, billable: true } };

  it('should be a sha256 hex digest', () => {
    assert.match(contentHash(event), /^[0-9a-f]{64}$/);
  });

  it('should not depend on key order or formatting', () => {
    const reordered = JSON.parse('{"data":{"billable":true,"hours":7.50},"source":"/psa/x","id":"e1","specversion":"1.0"}');
    assert.equal(contentHash(reordered), contentHash(event));
  });

  it('should change with any value, an added extension or a number sent as a string', () => {
    const base = contentHash(event);
    assert.notEqual(contentHash({ ...event, data: { ...event.data, hours: 8 } }), base);
    assert.notEqual(contentHash({ ...event, traceparent: '00-1' }), base);
    assert.notEqual(contentHash({ ...event, data: { ...event.data, hours: '7.5' } }), base);
  });
});
