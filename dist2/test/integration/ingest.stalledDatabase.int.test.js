"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * A Postgres that stops answering (paused: frozen behind a proxy) makes
 * ingest answer 503 with Retry-After within its commit deadline, and
 * /status 503 within its read deadline, instead of hanging; once Postgres
 * answers again ingest recovers by itself, and every event the sender sent
 * again is stored exactly once (nothing answered 202 is lost, nothing doubled).
 */
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const dataSource_1 = require("../../db/dataSource");
const server_1 = require("../../ingest/server");
const firm_1 = require("../../simulator/firm");
const freezableProxy_1 = require("../support/freezableProxy");
const testDatabase_1 = require("../support/testDatabase");
const COMMIT_TIMEOUT_MS = 1_500;
const READ_TIMEOUT_MS = 1_500;
const events = (0, firm_1.simulateFirm)({ seed: 'stalled', scale: 0.05 }).events.slice(0, 90);
const [first, second, third] = [events.slice(0, 30), events.slice(30, 60), events.slice(60, 90)];
(0, node_test_1.describe)('ingest in front of a Postgres that stops answering', () => {
    let db;
    let proxy;
    let pool;
    let server;
    let url;
    async function post(batch) {
        const started = performance.now();
        const response = await fetch(`${url}/events`, {
            method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(batch), signal: AbortSignal.timeout(60_000),
        });
        return { status: response.status, body: await response.json(), retryAfter: response.headers.get('retry-after'), ms: performance.now() - started };
    }
    (0, node_test_1.before)(async () => {
        db = await (0, testDatabase_1.createTestDatabase)();
        proxy = await (0, freezableProxy_1.startFreezableProxy)(db.url);
        pool = (0, dataSource_1.createPool)(proxy.url, { max: 4, connectionTimeoutMillis: 5_000 });
        server = await (0, server_1.startIngestServer)({ pool, host: '127.0.0.1', port: 0, commitTimeoutMs: COMMIT_TIMEOUT_MS, readTimeoutMs: READ_TIMEOUT_MS });
        url = `http://127.0.0.1:${server.port}`;
    });
    (0, node_test_1.after)(async () => {
        proxy?.thaw();
        await server?.close();
        await pool?.end();
        await proxy?.close();
        await db?.drop();
    });
    (0, node_test_1.it)('answers 503 with Retry-After while Postgres is frozen, recovers when it answers again, and stores every event once', async (t) => {
        const accepted = await post(first);
        strict_1.default.equal(accepted.status, 202);
        proxy.freeze();
        const refused = await post(second);
        const status = await fetch(`${url}/status`, { signal: AbortSignal.timeout(60_000) });
        const statusBody = await status.json();
        t.diagnostic(`frozen: POST answered ${refused.status} after ${Math.round(refused.ms)} ms; /status ${status.status}`);
        strict_1.default.equal(refused.status, 503, JSON.stringify(refused.body));
        strict_1.default.equal(refused.retryAfter, '1');
        strict_1.default.equal(refused.body.error.code, 'DATABASE_UNAVAILABLE');
        strict_1.default.match(refused.body.error.message, /did not commit within 1\.5 s; it was not acknowledged; send it again/);
        strict_1.default.match(refused.body.error.message, /error id [0-9a-f-]{36}/);
        strict_1.default.ok(refused.ms < 10_000, `answered after ${Math.round(refused.ms)} ms`);
        strict_1.default.equal(status.status, 503);
        strict_1.default.equal(statusBody.error.code, 'DATABASE_UNAVAILABLE');
        strict_1.default.doesNotMatch(JSON.stringify(statusBody), /postgres|relation|ECONN|timeout expired/i, 'nothing of the database\'s own text');
        proxy.thaw();
        // The sender sends the refused request again (the transaction under way may have committed it meanwhile).
        let again = await post(second);
        for (let i = 0; again.status === 503 && i < 20; i++) {
            await new Promise((resolve) => setTimeout(resolve, 500));
            again = await post(second);
        }
        strict_1.default.equal(again.status, 202, JSON.stringify(again.body));
        strict_1.default.equal(again.body.accepted + again.body.duplicates, second.length);
        strict_1.default.equal((await post(third)).status, 202, 'ingest serves normally again');
        const stored = await db.pool.query('SELECT count(*) AS events, count(DISTINCT (source, event_id)) AS distinct FROM hub.event_log');
        strict_1.default.equal(Number(stored.rows[0].events), events.length, 'every event sent is stored');
        strict_1.default.equal(Number(stored.rows[0].distinct), events.length, 'none twice');
    });
});
//# sourceMappingURL=ingest.stalledDatabase.int.test.js.map