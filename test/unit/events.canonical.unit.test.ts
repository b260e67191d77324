import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalJson, contentHash } from '../../events/canonical';

describe('canonicalJson', () => {
  it('should sort keys at every level and drop whitespace', () => {
    const value = JSON.parse('{ "b": 1, "a": { "z": [ { "y": true, "x": null } ], "c": "é" } }');
    assert.equal(canonicalJson(value), '{"a":{"c":"é","z":[{"x":null,"y":true}]},"b":1}');
  });

  it('should keep array order', () => {
    assert.equal(canonicalJson([3, 1, 2]), '[3,1,2]');
  });

  it('should write one JSON number one way', () => {
    assert.equal(canonicalJson(JSON.parse('[7.50, 75e-1, 1E2, -0]')), '[7.5,7.5,100,0]');
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
