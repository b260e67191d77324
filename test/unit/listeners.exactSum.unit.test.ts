import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Big from 'big.js';
import { decimalText } from '../../events/decimal';
import { ExactSum } from '../../listeners/exactSum';

/** A deterministic stream of pseudo-random numbers in [0, 1). */
function random(seed: number): () => number {
  let state = seed;
  return () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

function decimal(next: () => number): string {
  const digits = 1 + Math.floor(next() * 18);
  let text = '';
  for (let i = 0; i < digits; i++) text += Math.floor(next() * 10);
  const scale = Math.floor(next() * Math.min(digits, 6));
  if (scale > 0) text = `${text.slice(0, digits - scale) || '0'}.${text.slice(digits - scale)}`;
  return next() < 0.4 ? `-${text}` : text;
}

describe('the exact running sum', () => {
  it('gives the text big.js gives, to the last digit, through and beyond the safe-integer range', () => {
    const next = random(7);
    for (let run = 0; run < 300; run++) {
      const sum = new ExactSum();
      let big = new Big(0);
      for (let step = 0; step < 40; step++) {
        const value = decimal(next);
        const sign = next() < 0.5 ? 1 : -1;
        sum.add(value, sign);
        big = sign === 1 ? big.plus(value) : big.minus(value);
        assert.equal(sum.toText(), decimalText(big), `after ${step + 1} steps of run ${run}`);
        assert.equal(sum.isZero(), big.eq(0));
      }
    }
  });
  it('writes canonical decimal text: no trailing fraction zeros, no negative zero', () => {
    assert.equal(new ExactSum().add('12.50').toText(), '12.5');
    assert.equal(new ExactSum().add('0.10').add('0.90').toText(), '1');
    assert.equal(new ExactSum().add('5').add('5', -1).toText(), '0');
    assert.equal(new ExactSum().add('-0.05').toText(), '-0.05');
    assert.equal(new ExactSum().add('7.33').addSum(new ExactSum().add('904.89'), -1).toText(), '-897.56');
  });
  it('adds decimals past 2^53 units exactly', () => {
    const sum = new ExactSum().add('9007199254740.99').add('0.02');
    assert.equal(sum.toText(), '9007199254741.01');
    assert.equal(sum.add('1e3').toText(), '9007199255741.01');
  });
});
