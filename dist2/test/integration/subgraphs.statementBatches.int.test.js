"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const dataSource_1 = require("../../db/dataSource");
const statementBatches_1 = require("../../resolvers/shared/statementBatches");
const testDatabase_1 = require("../support/testDatabase");
/*
 * The resolvers' statements of one turn of the event loop go on one
 * connection, pipelined; each is still answered, or fails, on its own.
 */
const BACKEND = { name: 'test-backend-pid', text: 'SELECT pg_backend_pid() AS pid, $1::int AS n' };
(0, node_test_1.describe)('statement batches', () => {
    let db;
    let batches;
    (0, node_test_1.before)(async () => {
        db = await (0, testDatabase_1.createTestDatabase)({ migrate: false });
        batches = new statementBatches_1.StatementBatches(db.pool);
    });
    (0, node_test_1.after)(async () => {
        await db?.drop();
    });
    const backendOf = async (n) => {
        const { rows } = await batches.query({ ...BACKEND, values: [n] });
        strict_1.default.equal(rows[0].n, n, 'each statement gets its own answer');
        return rows[0].pid;
    };
    (0, node_test_1.it)('sends the statements of one turn on one connection and answers each', async () => {
        const pids = await Promise.all([1, 2, 3, 4, 5].map(backendOf));
        strict_1.default.equal(new Set(pids).size, 1, `one backend answered all five: ${pids.join(', ')}`);
    });
    (0, node_test_1.it)('answers a failing statement with its error and the others of its batch with their rows', async () => {
        const [one, failed, three] = await Promise.allSettled([
            backendOf(1),
            batches.query({ text: 'SELECT 1 / $1::int AS n', values: [0] }),
            backendOf(3),
        ]);
        strict_1.default.equal(one.status, 'fulfilled');
        strict_1.default.equal(three.status, 'fulfilled');
        strict_1.default.equal(failed.status, 'rejected');
        strict_1.default.match(String(failed.reason), /division by zero/);
        strict_1.default.equal(one.value, three.value, 'one batch, one backend');
        // As with pool.query, the connection that answered an error is not reused.
        const next = await backendOf(4);
        strict_1.default.notEqual(next, one.value);
    });
    (0, node_test_1.it)('spreads a turn of many statements over more than one connection and keeps each answer with its statement', async () => {
        const numbers = Array.from({ length: 40 }, (_, i) => i);
        const pids = await Promise.all(numbers.map(backendOf));
        strict_1.default.ok(new Set(pids).size > 1, 'more than one backend');
        strict_1.default.ok(new Set(pids).size <= 3, `batches of up to 16 statements: ${new Set(pids).size} backends for 40`);
    });
    (0, node_test_1.it)('sends statements of later turns after the earlier ones are answered, on the pool\'s connections', async () => {
        for (let i = 0; i < 20; i++)
            await backendOf(i);
        strict_1.default.ok(db.pool.totalCount <= 5);
        strict_1.default.equal(db.pool.waitingCount, 0);
    });
    (0, node_test_1.it)('rejects the statements of a batch whose connection cannot be had', async () => {
        const closed = (0, dataSource_1.createPool)(db.url, { max: 1 });
        await closed.end();
        await strict_1.default.rejects(new statementBatches_1.StatementBatches(closed).query({ text: 'SELECT 1' }));
    });
});
//# sourceMappingURL=subgraphs.statementBatches.int.test.js.map