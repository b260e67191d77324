import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { daysOf } from '../../resolvers/billing/aging';

describe('DSO days', () => {
  it('are Σ amount due ÷ Σ gross posted × 90, exactly, to 1 decimal', () => {
    assert.equal(daysOf('100.00', '900.00'), '10.0');
    assert.equal(daysOf('1', '3'), '30.0');
    assert.equal(daysOf('0', '500.00'), '0.0');
    assert.equal(daysOf('2000.00', '1000.00'), '180.0');
    // 90 × 1 ÷ 7 = 12.857…
    assert.equal(daysOf('1.00', '7.00'), '12.9');
  });

  it('round half away from zero, on the exact quotient', () => {
    // 90 × 0.49 ÷ 3.60 = 12.25 exactly
    assert.equal(daysOf('0.49', '3.60'), '12.3');
    assert.equal(daysOf('-0.49', '3.60'), '-12.3');
    // 90 × 0.01 ÷ 0.72 = 1.25 exactly; just below and above the half
    assert.equal(daysOf('0.01', '0.72'), '1.3');
    assert.equal(daysOf('0.01', '0.73'), '1.2');
  });

  it('are null when nothing was posted in the window (a zero gross)', () => {
    assert.equal(daysOf('100.00', '0'), null);
  });
});
