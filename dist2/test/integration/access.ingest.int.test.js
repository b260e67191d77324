"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * What a token may send, and what the audit log keeps of it: events from a
 * source outside the token's `sources` are rejected alone (FORBIDDEN_SOURCE)
 * while the rest of the batch goes on; accepted, refused and operator
 * requests each leave an audit row naming who, from where and what.
 */
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const accessHub_1 = require("../support/accessHub");
const eventually_1 = require("../support/eventually");
const events_1 = require("../support/events");
const tokens_1 = require("../support/tokens");
const account = (id, source) => (0, events_1.anEvent)('ps.customer.account.upserted', { accountId: id, name: `Account ${id}`, legalEntityId: 'LE-DE', billingCurrency: 'EUR' }, { id: `ev-${id}`, source });
(0, node_test_1.describe)('ingest with tokens', () => {
    let hub;
    (0, node_test_1.before)(async () => {
        hub = await (0, accessHub_1.startAccessHub)(undefined, { gateway: false });
    });
    (0, node_test_1.after)(async () => {
        await hub.close();
    });
    const post = async (token, body) => {
        const response = await fetch(`${hub.ingestUrl}/events`, {
            method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body),
        });
        return { status: response.status, body: await response.json() };
    };
    const get = async (token, path) => (await fetch(`${hub.ingestUrl}${path}`, { headers: { authorization: `Bearer ${token}` } })).json();
    (0, node_test_1.it)('rejects alone each event whose source is outside the token\'s sources, and accepts the rest of the batch', async () => {
        const token = await (0, tokens_1.hs256)({ sub: 'psa-connector', scope: 'events:write', claims: { sources: ['/psa/', '/crm/emea/'] } });
        const { status, body } = await post(token, [account('S1', '/psa/acme'), account('S2', '/erp/books'), account('S3', '/crm/emea/x'), account('S4', '/crm/us/x')]);
        strict_1.default.equal(status, 202);
        strict_1.default.deepEqual({ accepted: body.accepted, rejected: body.rejected }, { accepted: 2, rejected: 2 });
        strict_1.default.deepEqual(body.results.map((r) => r.status), ['accepted', 'rejected', 'accepted', 'rejected']);
        for (const index of [1, 3]) {
            strict_1.default.deepEqual(body.results[index].errors.map((e) => [e.path, e.code]), [['source', 'FORBIDDEN_SOURCE']]);
            strict_1.default.match(body.results[index].errors[0].message, /expected a source starting with "\/psa\/" or "\/crm\/emea\/" \(the token's sources\), got "\/(erp\/books|crm\/us\/x)"/);
        }
        const { rows } = await hub.db.pool.query(`SELECT source, reason FROM hub.rejected_event ORDER BY rejection_id`);
        strict_1.default.deepEqual(rows, [{ source: '/erp/books', reason: 'forbidden' }, { source: '/crm/us/x', reason: 'forbidden' }]);
        const { rows: logged } = await hub.db.pool.query(`SELECT source FROM hub.event_log ORDER BY position`);
        strict_1.default.deepEqual(logged.map((r) => r.source), ['/psa/acme', '/crm/emea/x']);
        // A token without `sources` may send any source.
        const any = await post(await (0, tokens_1.hs256)({ scope: 'events:write' }), [account('S5', '/erp/books')]);
        strict_1.default.equal(any.body.accepted, 1);
    });
    (0, node_test_1.it)('records accepted, refused and operator requests in the audit log, newest first', async () => {
        const writer = await (0, tokens_1.hs256)({ sub: 'audit-writer', scope: 'events:write', claims: { sources: ['/psa/'] } });
        const operator = await (0, tokens_1.hs256)({ sub: 'audit-operator', scope: 'operations:read' });
        await post(writer, [account('A1', '/psa/one'), account('A2', '/psa/two'), account('A3', '/erp/x')]);
        const refused = await fetch(`${hub.ingestUrl}/rejected`, { headers: { authorization: `Bearer ${writer}` } });
        strict_1.default.equal(refused.status, 403);
        const noToken = await fetch(`${hub.ingestUrl}/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[]' });
        strict_1.default.equal(noToken.status, 401);
        strict_1.default.equal((await fetch(`${hub.ingestUrl}/rejected?limit=5`, { headers: { authorization: `Bearer ${operator}` } })).status, 200);
        let audit = [];
        await (0, eventually_1.eventually)('the audit rows are written', async () => {
            audit = (await get(operator, '/audit?limit=10')).audit;
            return audit.some((row) => row.door === 'GET /rejected' && row.kind === 'operator');
        });
        // Reading the audit log is an operator action too: those rows are left aside here.
        const mine = audit.filter((row) => row.door !== 'GET /audit' && (row.sub === 'audit-writer' || row.sub === 'audit-operator' || row.status === 401));
        strict_1.default.deepEqual(mine.slice(0, 4).map((row) => [row.kind, row.door, row.sub, row.status]), [
            ['operator', 'GET /rejected', 'audit-operator', 200],
            ['refused', 'POST /events', null, 401],
            ['refused', 'GET /rejected', 'audit-writer', 403],
            ['ingest', 'POST /events', 'audit-writer', 202],
        ]);
        const [operatorRow, unauthenticated, forbidden, ingest] = mine;
        strict_1.default.match(operatorRow.reason, /^listed \d+ \(limit 5\)$/);
        strict_1.default.match(unauthenticated.reason, /^UNAUTHENTICATED: expected a bearer token/);
        strict_1.default.match(forbidden.reason, /^FORBIDDEN: GET \/rejected needs the scope operations:read/);
        strict_1.default.deepEqual(ingest.detail, { events: 3, accepted: 2, duplicates: 0, rejected: 1, forbidden: 1, sources: ['/psa/one', '/psa/two', '/erp/x'] });
        for (const row of mine) {
            strict_1.default.equal(row.client, '127.0.0.1');
            strict_1.default.ok(Date.now() - Date.parse(row.at) < 60_000, 'at is the request\'s time');
        }
        const ids = audit.map((row) => Number(row.id));
        strict_1.default.deepEqual(ids, [...ids].sort((a, b) => b - a), 'newest first');
    });
});
//# sourceMappingURL=access.ingest.int.test.js.map