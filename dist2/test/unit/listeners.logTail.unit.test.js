"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const logTail_1 = require("../../hub/logTail");
const envelopes = (from, count) => Array.from({ length: count }, (_, i) => `{"n":${from + i}}`);
const positions = (rows) => rows?.map((row) => Number(row.position));
(0, node_test_1.describe)('the log tail ingest hands over', () => {
    (0, node_test_1.it)('answers the events right after a position, across consecutive batches, up to the limit', () => {
        const tail = new logTail_1.LogTail();
        tail.add({ firstPosition: '11', envelopes: envelopes(11, 3) });
        tail.add({ firstPosition: '14', envelopes: envelopes(14, 2) });
        const rows = tail.after('10', 100);
        strict_1.default.deepEqual(positions(rows), [11, 12, 13, 14, 15]);
        strict_1.default.deepEqual(rows.map((row) => row.envelope), envelopes(11, 5));
        strict_1.default.deepEqual(positions(tail.after('12', 2)), [13, 14]);
        strict_1.default.equal(tail.served, 7);
    });
    (0, node_test_1.it)('answers nothing when it does not hold the next position: the log is read instead', () => {
        const tail = new logTail_1.LogTail();
        tail.add({ firstPosition: '21', envelopes: envelopes(21, 5) });
        // Position 20 was written by someone else (another process, a group with duplicates).
        strict_1.default.equal(tail.after('19', 100), undefined);
        strict_1.default.equal(tail.after('25', 100), undefined);
        strict_1.default.equal(tail.missed, 2);
    });
    (0, node_test_1.it)('stops at a gap between batches, so what it answers has no hole', () => {
        const tail = new logTail_1.LogTail();
        tail.add({ firstPosition: '1', envelopes: envelopes(1, 3) });
        tail.add({ firstPosition: '6', envelopes: envelopes(6, 3) });
        strict_1.default.deepEqual(positions(tail.after('0', 100)), [1, 2, 3]);
        strict_1.default.equal(tail.after('3', 100), undefined, 'positions 4 and 5 are not held');
        strict_1.default.deepEqual(positions(tail.after('5', 100)), [6, 7, 8]);
    });
    (0, node_test_1.it)('forgets the batches the listeners have passed', () => {
        const tail = new logTail_1.LogTail();
        tail.add({ firstPosition: '1', envelopes: envelopes(1, 3) });
        tail.add({ firstPosition: '4', envelopes: envelopes(4, 3) });
        strict_1.default.equal(tail.size, 6);
        tail.after('3', 1);
        strict_1.default.equal(tail.size, 3);
        strict_1.default.equal(tail.after('2', 100), undefined, 'a batch passed is gone');
    });
    (0, node_test_1.it)('holds at most its bound, dropping the oldest batches', () => {
        const tail = new logTail_1.LogTail(5);
        tail.add({ firstPosition: '1', envelopes: envelopes(1, 3) });
        tail.add({ firstPosition: '4', envelopes: envelopes(4, 3) });
        strict_1.default.equal(tail.size, 3);
        strict_1.default.equal(tail.after('0', 100), undefined, 'read from the log');
        strict_1.default.deepEqual(positions(tail.after('3', 100)), [4, 5, 6]);
    });
    (0, node_test_1.it)('wakes whoever waits when a batch arrives, and ignores a batch it cannot place', () => {
        const tail = new logTail_1.LogTail();
        let woken = 0;
        tail.onAdded(() => woken++);
        tail.add({ firstPosition: '1', envelopes: envelopes(1, 1) });
        tail.add({ firstPosition: 'x', envelopes: envelopes(2, 1) });
        tail.add({ firstPosition: '2', envelopes: [] });
        strict_1.default.equal(woken, 1);
        strict_1.default.equal(tail.size, 1);
    });
});
//# sourceMappingURL=listeners.logTail.unit.test.js.map