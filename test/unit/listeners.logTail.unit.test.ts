import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LogTail } from '../../hub/logTail';

const envelopes = (from: number, count: number) => Array.from({ length: count }, (_, i) => `{"n":${from + i}}`);
const positions = (rows: { position: string }[] | undefined) => rows?.map((row) => Number(row.position));

describe('the log tail ingest hands over', () => {
  it('answers the events right after a position, across consecutive batches, up to the limit', () => {
    const tail = new LogTail();
    tail.add({ firstPosition: '11', envelopes: envelopes(11, 3) });
    tail.add({ firstPosition: '14', envelopes: envelopes(14, 2) });
    const rows = tail.after('10', 100);
    assert.deepEqual(positions(rows), [11, 12, 13, 14, 15]);
    assert.deepEqual(rows!.map((row) => row.envelope), envelopes(11, 5));
    assert.deepEqual(positions(tail.after('12', 2)), [13, 14]);
    assert.equal(tail.served, 7);
  });

  it('answers nothing when it does not hold the next position: the log is read instead', () => {
    const tail = new LogTail();
    tail.add({ firstPosition: '21', envelopes: envelopes(21, 5) });
    // Position 20 was written by someone else (another process, a group with duplicates).
    assert.equal(tail.after('19', 100), undefined);
    assert.equal(tail.after('25', 100), undefined);
    assert.equal(tail.missed, 2);
  });

  it('stops at a gap between batches, so what it answers has no hole', () => {
    const tail = new LogTail();
    tail.add({ firstPosition: '1', envelopes: envelopes(1, 3) });
    tail.add({ firstPosition: '6', envelopes: envelopes(6, 3) });
    assert.deepEqual(positions(tail.after('0', 100)), [1, 2, 3]);
    assert.equal(tail.after('3', 100), undefined, 'positions 4 and 5 are not held');
    assert.deepEqual(positions(tail.after('5', 100)), [6, 7, 8]);
  });

  it('forgets the batches the listeners have passed', () => {
    const tail = new LogTail();
    tail.add({ firstPosition: '1', envelopes: envelopes(1, 3) });
    tail.add({ firstPosition: '4', envelopes: envelopes(4, 3) });
    assert.equal(tail.size, 6);
    tail.after('3', 1);
    assert.equal(tail.size, 3);
    assert.equal(tail.after('2', 100), undefined, 'a batch passed is gone');
  });

  it('holds at most its bound, dropping the oldest batches', () => {
    const tail = new LogTail(5);
    tail.add({ firstPosition: '1', envelopes: envelopes(1, 3) });
    tail.add({ firstPosition: '4', envelopes: envelopes(4, 3) });
    assert.equal(tail.size, 3);
    assert.equal(tail.after('0', 100), undefined, 'read from the log');
    assert.deepEqual(positions(tail.after('3', 100)), [4, 5, 6]);
  });

  it('wakes whoever waits when a batch arrives, and ignores a batch it cannot place', () => {
    const tail = new LogTail();
    let woken = 0;
    tail.onAdded(() => woken++);
    tail.add({ firstPosition: '1', envelopes: envelopes(1, 1) });
    tail.add({ firstPosition: 'x', envelopes: envelopes(2, 1) });
    tail.add({ firstPosition: '2', envelopes: [] });
    assert.equal(woken, 1);
    assert.equal(tail.size, 1);
  });
});
