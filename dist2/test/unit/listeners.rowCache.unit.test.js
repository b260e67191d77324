"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const rowCache_1 = require("../../listeners/rowCache");
const row = (id) => ({ id, projectId: 'P', period: '2026-01', amount: '1', currency: 'EUR', method: 'ratable',
    reversed: false, recognizedAt: '2026-01-01T00:00:00Z', reversedAt: null });
(0, node_test_1.describe)('the cross-batch row cache', () => {
    (0, node_test_1.it)('keeps committed rows and known absences', () => {
        const cache = new rowCache_1.RowCache(10);
        cache.absorb([['revenue_event:a', row('a')], ['revenue_event:b', null]]);
        strict_1.default.equal(cache.get('revenue_event:a').id, 'a');
        strict_1.default.equal(cache.get('revenue_event:b'), null);
        strict_1.default.equal(cache.get('revenue_event:c'), undefined);
    });
    (0, node_test_1.it)('drops the least recently committed rows beyond its capacity', () => {
        const cache = new rowCache_1.RowCache(2);
        cache.absorb([['k:1', row('1')], ['k:2', row('2')]]);
        cache.absorb([['k:1', row('1')], ['k:3', row('3')]]);
        strict_1.default.deepEqual([cache.has('k:1'), cache.has('k:2'), cache.has('k:3')], [true, false, true]);
    });
    (0, node_test_1.it)('is complete from an empty read model until it drops a row', () => {
        const cache = new rowCache_1.RowCache(2);
        cache.startEmpty();
        cache.absorb([['k:1', row('1')], ['k:2', null]]);
        strict_1.default.equal(cache.complete, true);
        strict_1.default.equal(cache.size, 1, 'a complete cache implies absences instead of keeping them');
        cache.absorb([['k:3', row('3')], ['k:4', row('4')]]);
        strict_1.default.equal(cache.complete, false, 'past its capacity a missing row may exist');
        strict_1.default.equal(cache.size, 2);
        cache.startEmpty();
        cache.clear();
        strict_1.default.equal(cache.complete, false, 'a failed batch leaves the read model unknown');
    });
    (0, node_test_1.it)('answers for invoice lines and the accounts under a merge root while complete', () => {
        const cache = new rowCache_1.RowCache(10);
        cache.startEmpty();
        const line = (lineId) => ({ invoiceId: 'I1', lineId, kind: 'fee', sourceIds: [], amount: '1', description: null });
        const account = (id, rootId) => ({ id, name: id, legalEntityId: 'LE', billingCurrency: 'EUR', country: null,
            status: 'active', externalIds: {}, mergedInto: rootId === id ? null : rootId, rootId, updatedAt: '2026-01-01T00:00:00.000000Z' });
        cache.absorb([['invoice_line:I1/1', line('1')], ['invoice_line:I1/2', line('2')], ['account:A', account('A', 'A')], ['account:B', account('B', 'B')]]);
        strict_1.default.deepEqual([...cache.linesOf('I1').keys()], ['1', '2']);
        strict_1.default.equal(cache.linesOf('I2').size, 0);
        cache.absorb([['account:B', account('B', 'A')]]);
        strict_1.default.deepEqual(cache.accountsWithRoot('A').map((a) => a.id).sort(), ['A', 'B']);
        strict_1.default.deepEqual(cache.accountsWithRoot('B'), [], 'an account merged away leaves its old root');
    });
    (0, node_test_1.it)('keeps nothing with capacity 0', () => {
        const cache = new rowCache_1.RowCache(0);
        cache.absorb([['k:1', row('1')]]);
        strict_1.default.equal(cache.size, 0);
    });
});
(0, node_test_1.describe)('the rows of a batch the cache drops at once', () => {
    (0, node_test_1.it)('are none while the batch fits; past the capacity, the batch\'s own oldest (rows it held before are not the batch\'s)', () => {
        const cache = new rowCache_1.RowCache(3);
        const first = cache.absorb([['k:1', row('1')], ['k:2', row('2')]]);
        strict_1.default.equal(first.has('k:1') || first.has('k:2'), false);
        const second = cache.absorb([['k:3', row('3')], ['k:4', row('4')], ['k:5', row('5')], ['k:6', row('6')]]);
        strict_1.default.deepEqual(['k:1', 'k:2', 'k:3', 'k:4', 'k:5', 'k:6'].map((key) => second.has(key)), [false, false, true, false, false, false]);
        strict_1.default.deepEqual(['k:4', 'k:5', 'k:6'].map((key) => cache.has(key)), [true, true, true]);
    });
    (0, node_test_1.it)('may be any row dropped when the cache was complete (it keeps the order of first writes)', () => {
        const cache = new rowCache_1.RowCache(2);
        cache.startEmpty();
        cache.absorb([['k:1', row('1')]]);
        const dropped = cache.absorb([['k:2', row('2')], ['k:1', row('1')], ['k:3', row('3')]]);
        strict_1.default.equal(cache.has('k:1'), false);
        strict_1.default.equal(dropped.has('k:1'), true);
    });
    (0, node_test_1.it)('are all of them with capacity 0', () => {
        strict_1.default.equal(new rowCache_1.RowCache(0).absorb([['k:1', row('1')]]).has('k:1'), true);
    });
});
//# sourceMappingURL=listeners.rowCache.unit.test.js.map