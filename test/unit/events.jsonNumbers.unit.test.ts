import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalJson } from '../../events/canonical';
import { hasInexactNumbers, isKeptByDouble, parseExact, writtenOut, writtenOutSize } from '../../events/jsonNumbers';

describe('exact JSON numbers', () => {
  it('tells the numbers a double keeps from those it changes', () => {
    for (const literal of ['0', '-0', '7.5', '7.50', '-12', '1e2', '1.0E2', '1e21', '1e-7', '9007199254740992', '1.7976931348623157e308', '5e-324', '0.1']) {
      assert.equal(isKeptByDouble(literal), true, literal);
    }
    for (const literal of ['123456789012345678901234567890', '9007199254740993', '1e400', '-1e-400', '0.1000000000000000055511151231257827', '2e-324', '12345678901234567']) {
      assert.equal(isKeptByDouble(literal), false, literal);
    }
  });

  it('keeps a double for every number JavaScript writes', () => {
    let seed = 7;
    const next = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let i = 0; i < 2000; i++) {
      const value = (next() - 0.5) * 10 ** Math.floor(next() * 60 - 30);
      assert.equal(isKeptByDouble(String(value)), true, String(value));
    }
  });

  it('writes a number out in full, measured before it is written', () => {
    assert.equal(writtenOut('1.0E2'), '100');
    assert.equal(writtenOut('-1.2500e-3'), '-0.00125');
    assert.equal(writtenOut('-0.0'), '0');
    assert.equal(writtenOut('1e400'), `1${'0'.repeat(400)}`);
    assert.deepEqual(writtenOutSize('-1.2500e-3'), { length: 8, fractionDigits: 5 });
    assert.deepEqual(writtenOutSize('1e999999999'), { length: 1_000_000_000, fractionDigits: 0 });
  });

  it('finds inexact numbers outside strings only', () => {
    assert.equal(hasInexactNumbers('[{"a":1,"b":7.50,"c":-3e2,"d":"1e400"}]'), false);
    assert.equal(hasInexactNumbers('{"a":"x\\"1e400","b":"\\\\","c":1}'), false);
    assert.equal(hasInexactNumbers('{"a":"\\\\","b":1e400}'), true);
    assert.equal(hasInexactNumbers('{"a":"x\\"","b":[ 9007199254740993 ]}'), true);
  });

  it('parses exactly, a repeated key keeping its last value as JSON.parse does', () => {
    const exact = parseExact('{"a":1,"a":123456789012345678901234567890,"b":[7.50,1e400],"__proto__":2}');
    assert.equal(canonicalJson(exact), `{"__proto__":2,"a":123456789012345678901234567890,"b":[7.5,1${'0'.repeat(400)}]}`);
    assert.equal(Object.getPrototypeOf(exact), Object.prototype);
  });
});
