"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const projector_1 = require("../../listeners/projector");
const testDatabase_1 = require("../support/testDatabase");
/**
 * The projector validates what it reads back from the log again (normalizing
 * it as ingest does): an event that does not pass — written by an older
 * release with other rules, or into the table by hand — is recorded as an
 * exception, and the events after it are applied.
 */
(0, node_test_1.describe)('stored events that no longer pass validation', () => {
    let db;
    (0, node_test_1.before)(async () => {
        db = await (0, testDatabase_1.createTestDatabase)();
    });
    (0, node_test_1.after)(() => db?.drop());
    const insert = (id, envelope) => db.pool.query(`INSERT INTO hub.event_log (source, event_id, type, subject, sequence, event_time, content_hash, envelope)
     VALUES ('/crm/x', $1, $2, $3, NULL, now(), md5($1), $4::jsonb)`, [id, envelope.type, envelope.subject, JSON.stringify(envelope)]);
    (0, node_test_1.it)('are exceptions of code INVALID_STORED_EVENT, and the log goes on', async () => {
        const account = (id, data) => ({
            specversion: '1.0', id, source: '/crm/x', type: 'ps.customer.account.upserted', subject: 'ACC-1',
            time: '2026-01-05T10:00:00Z', data,
        });
        await insert('e1', account('e1', { accountId: 'ACC-1', legalEntityId: 'LE-1', billingCurrency: 'EUR' }));
        await insert('e2', account('e2', { accountId: 'ACC-1', name: 'Acme', legalEntityId: 'LE-1', billingCurrency: 'EUR' }));
        await new projector_1.Projector(db.pool, { batchSize: 10 }).drain();
        const { rows: exceptions } = await db.pool.query(`SELECT position::text, code, message FROM hub.exception ORDER BY position`);
        strict_1.default.equal(exceptions.length, 1);
        strict_1.default.equal(exceptions[0].code, 'INVALID_STORED_EVENT');
        strict_1.default.match(exceptions[0].message, /data\.name/);
        const { rows: accounts } = await db.pool.query(`SELECT name FROM customer.account WHERE id = 'ACC-1'`);
        strict_1.default.deepEqual(accounts, [{ name: 'Acme' }]);
    });
});
//# sourceMappingURL=listeners.storedEvents.int.test.js.map