"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * Nothing of any size is stored: a name would be copied into every query,
 * payload and live-page refresh. A name over 200 characters, free text over
 * 2000 and an event over 64 KiB of JSON (unknown fields included) are
 * rejected, each with an error that says the bound and what came; the
 * rejected copy of an oversize event is a summary, not the event; and the
 * valid events of the same request are accepted.
 */
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const prepare_1 = require("../../ingest/prepare");
const events_1 = require("../support/events");
const ingestHarness_1 = require("../support/ingestHarness");
(0, node_test_1.describe)('ingest of oversize events', () => {
    let ingest;
    (0, node_test_1.before)(async () => {
        ingest = await (0, ingestHarness_1.startIngestHarness)();
    });
    (0, node_test_1.after)(async () => {
        await ingest?.close();
    });
    const account = (accountId, name, extra = {}) => (0, events_1.anEvent)('ps.customer.account.upserted', { accountId, name, legalEntityId: 'LE-1', billingCurrency: 'EUR', ...extra });
    (0, node_test_1.it)('rejects a 3 MiB name and a 100 KiB unknown field with clear errors, accepts the rest, and stores no oversize copy', async () => {
        const hugeName = account('ACC-HUGE', 'N'.repeat(3 * 1024 * 1024));
        const padded = account('ACC-PADDED', 'Padded GmbH', { notes: 'x'.repeat(100 * 1024) });
        const fine = account('ACC-FINE', 'Fine AG');
        const answer = await ingest.post([hugeName, padded, fine]);
        strict_1.default.equal(answer.status, 202, JSON.stringify(answer.body).slice(0, 300));
        strict_1.default.deepEqual([answer.body.accepted, answer.body.rejected], [1, 2]);
        const [first, second, third] = answer.body.results;
        strict_1.default.equal(first.status, 'rejected');
        strict_1.default.equal(first.errors[0].path, 'data.name');
        strict_1.default.match(first.errors[0].message, /^expected a non-empty string of at most 200 characters, got "N+…" \(\d+ characters\)$/);
        strict_1.default.equal(second.status, 'rejected');
        strict_1.default.equal(second.errors[0].message, `expected an event of at most ${prepare_1.MAX_EVENT_BYTES} bytes of JSON (unknown fields included), got ${JSON.stringify(padded).length} bytes`);
        strict_1.default.equal(third.status, 'accepted');
        const stored = await ingest.db.pool.query('SELECT event_id, octet_length(body::text) AS bytes FROM hub.rejected_event ORDER BY event_id');
        for (const event of [hugeName, padded]) {
            const row = stored.rows.find((r) => r.event_id === event.id);
            strict_1.default.ok(row, `${event.id} is recorded as rejected`);
            strict_1.default.ok(row.bytes < 1000, `the rejected copy of ${event.id} is a summary (${row.bytes} bytes)`);
        }
        const status = await ingest.request('GET', '/status');
        strict_1.default.equal(status.status, 200, 'the hub serves normally afterwards');
    });
});
//# sourceMappingURL=ingest.oversize.int.test.js.map