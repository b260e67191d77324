import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sequenceStep, type SequenceStep } from '../../listeners/sequenceStep';

const cases: { what: string; steps: [string, string, SequenceStep][] }[] = [
  { what: 'tells stale, next and ahead for plain numbers', steps: [
    ['1', '0', 'next'], ['3', '3', 'stale'], ['2', '3', 'stale'], ['5', '3', 'ahead'], ['1000000000', '999999999', 'next'],
  ] },
  // As numbers both sides of the first pairs would round to the same value.
  { what: 'is exact beyond the digits a plain number holds', steps: [
    ['9007199254740993', '9007199254740992', 'next'], ['9007199254740993', '9007199254740993', 'stale'],
    ['9223372036854775807', '9223372036854775805', 'ahead'], ['10000000000000000', '999999999999999', 'ahead'],
    ['1000000000000000', '999999999999999', 'next'],
  ] },
];

describe('where a sequence stands against the last applied', () => {
  for (const { what, steps } of cases) {
    it(what, () => {
      for (const [sequence, last, step] of steps) assert.equal(sequenceStep(sequence, last), step, `${sequence} after ${last}`);
    });
  }
});
