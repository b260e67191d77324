import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ParkedKeys } from '../../listeners/parkedKeys';

describe('the keys parked events wait on', () => {
  it('counts events per key, so a key stays while any event still waits on it', () => {
    const keys = new ParkedKeys();
    keys.add('project:p1');
    keys.add('project:p1');
    keys.add('invoice:i1');
    keys.remove('project:p1');
    assert.equal(keys.has('project:p1'), true);
    keys.remove('project:p1');
    keys.remove('invoice:i1');
    assert.deepEqual([keys.has('project:p1'), keys.has('invoice:i1')], [false, false]);
  });
});
