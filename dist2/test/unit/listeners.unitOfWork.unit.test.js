"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const keys_1 = require("../../listeners/keys");
const rowCache_1 = require("../../listeners/rowCache");
const unitOfWork_1 = require("../../listeners/unitOfWork");
const inFlightBatch_1 = require("../../listeners/inFlightBatch");
const row = (id, amount = '1') => ({ id, projectId: 'P', period: '2026-01', amount, currency: 'EUR',
    method: 'time_and_materials', reversed: false, recognizedAt: '2026-01-01T00:00:00Z', reversedAt: null });
/** Over a complete cache a unit of work reads nothing from the database: any query is a failure. */
const noDatabase = { query: () => { throw new Error('a complete cache reads nothing'); } };
function completeCache() {
    const cache = new rowCache_1.RowCache(100);
    cache.startEmpty();
    return cache;
}
(0, node_test_1.describe)('the unit of work over a complete cache', () => {
    (0, node_test_1.it)('reads its own latest version of a row, whatever it read and wrote before', () => {
        const cache = completeCache();
        cache.absorb([[(0, keys_1.keyOf)('revenue_event', 'a'), row('a', '1')], [(0, keys_1.keyOf)('revenue_event', 'b'), row('b', '1')]]);
        const uow = new unitOfWork_1.UnitOfWork(noDatabase, cache);
        strict_1.default.equal(uow.get('revenue_event', 'a')?.amount, '1');
        strict_1.default.equal(uow.get('revenue_event', 'b')?.amount, '1');
        strict_1.default.equal(uow.get('revenue_event', 'c'), undefined, 'absent from a complete cache: does not exist');
        uow.put({ table: 'revenue_event', row: row('a', '2') });
        strict_1.default.equal(uow.get('revenue_event', 'a')?.amount, '2');
        uow.put({ table: 'revenue_event', row: row('c', '3') });
        uow.put({ table: 'revenue_event', row: row('b', '4') });
        strict_1.default.equal(uow.get('revenue_event', 'c')?.amount, '3');
        strict_1.default.equal(uow.get('revenue_event', 'a')?.amount, '2');
        strict_1.default.equal(uow.get('revenue_event', 'b')?.amount, '4');
        uow.put({ table: 'revenue_event', row: row('c', '5') });
        strict_1.default.equal(uow.get('revenue_event', 'c')?.amount, '5');
        strict_1.default.equal(cache.get((0, keys_1.keyOf)('revenue_event', 'a')).amount, '1', 'the cache keeps the committed version until the batch is sealed');
    });
    (0, node_test_1.it)('hands its rows to the cache as it seals them (which rows are inserted and which upserted: the rebuild tests, on Postgres)', () => {
        const cache = completeCache();
        cache.absorb([[(0, keys_1.keyOf)('revenue_event', 'a'), row('a', '1')]]);
        const uow = new unitOfWork_1.UnitOfWork(noDatabase, cache);
        uow.put({ table: 'revenue_event', row: row('a', '2') });
        uow.put({ table: 'revenue_event', row: row('b', '3') });
        uow.put({ table: 'revenue_event', row: row('b', '4') });
        uow.sealWrites(cache);
        strict_1.default.equal(cache.get((0, keys_1.keyOf)('revenue_event', 'a')).amount, '2');
        strict_1.default.equal(cache.get((0, keys_1.keyOf)('revenue_event', 'b')).amount, '4');
        strict_1.default.equal(cache.complete, true);
        strict_1.default.equal(cache.size, 2);
    });
});
(0, node_test_1.describe)('a unit of work decided ahead of the batch in flight', () => {
    /** A client that records what it was asked, and finds nothing. */
    function recordingClient() {
        const queries = [];
        const client = { query: async (text) => { queries.push(text); return { rows: [] }; } };
        return { client, queries };
    }
    function pendingCommit() {
        let commit;
        const committed = new Promise((resolve) => (commit = resolve));
        return { committed, commit };
    }
    const turn = () => new Promise((resolve) => setImmediate(resolve));
    (0, node_test_1.it)('loads a row the batch in flight did not leave out of the cache at once', async () => {
        const { client, queries } = recordingClient();
        const { committed } = pendingCommit();
        const uow = new unitOfWork_1.UnitOfWork(client, new rowCache_1.RowCache(10), new inFlightBatch_1.InFlightBatch(committed, new Set([(0, keys_1.keyOf)('revenue_event', 'dropped')])));
        await uow.load([(0, keys_1.keyOf)('revenue_event', 'a')]);
        strict_1.default.equal(queries.length, 1);
        strict_1.default.equal(uow.loadedAt((0, keys_1.keyOf)('revenue_event', 'a')), null);
    });
    (0, node_test_1.it)('waits for that commit to load a row the batch in flight wrote and the cache dropped, or a set of rows', async () => {
        for (const key of [(0, keys_1.keyOf)('revenue_event', 'dropped'), (0, unitOfWork_1.invoiceLinesKey)('I1')]) {
            const { client, queries } = recordingClient();
            const { committed, commit } = pendingCommit();
            const uow = new unitOfWork_1.UnitOfWork(client, new rowCache_1.RowCache(10), new inFlightBatch_1.InFlightBatch(committed, new Set([(0, keys_1.keyOf)('revenue_event', 'dropped')])));
            const loading = uow.load([(0, keys_1.keyOf)('revenue_event', 'a'), key]);
            await turn();
            strict_1.default.equal(queries.length, 0, `${key}: nothing read before the commit`);
            commit();
            await loading;
            strict_1.default.ok(queries.length > 0, `${key}: read after the commit`);
            strict_1.default.notEqual(uow.isLoaded(key), false);
        }
    });
    (0, node_test_1.it)('reads at once once the batch in flight has committed, or failed', async () => {
        const { client, queries } = recordingClient();
        const failed = Promise.reject(new Error('the batch in flight failed'));
        const inFlight = new inFlightBatch_1.InFlightBatch(failed, new Set([(0, keys_1.keyOf)('revenue_event', 'dropped')]));
        await inFlight.settled();
        await turn();
        const uow = new unitOfWork_1.UnitOfWork(client, new rowCache_1.RowCache(10), inFlight);
        await uow.load([(0, keys_1.keyOf)('revenue_event', 'dropped')]);
        strict_1.default.equal(queries.length, 1);
    });
});
//# sourceMappingURL=listeners.unitOfWork.unit.test.js.map