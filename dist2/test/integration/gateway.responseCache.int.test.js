"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * The gateway's response cache on a real read model: answers kept while the
 * projector's checkpoint stays put, and never older than what a client saw.
 */
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const gateway_1 = require("../../gateway/gateway");
const ingestEvents_1 = require("../../ingest/ingestEvents");
const projector_1 = require("../../listeners/projector");
const checkpoint_1 = require("../../hub/checkpoint");
const subgraphs_1 = require("../../subgraphs");
const events_1 = require("../support/events");
const testDatabase_1 = require("../support/testDatabase");
const eur = (amount) => ({ amount, currency: 'EUR' });
const PAGE = `query Page($id: ID!, $first: Int) {
  project(id: $id) { id approvedHours laborCost { amount } customer { name } invoices(first: $first) { totalCount } }
}`;
(0, node_test_1.describe)('the response cache (gateway over a real read model)', () => {
    let db;
    let projector;
    let gateway;
    /** When set, each position read waits for it after its statement answered (a slow read in flight). */
    let holdPositionReads;
    let entry = 0;
    const ingest = async (events) => {
        const result = await (0, ingestEvents_1.ingestEvents)(db.pool, events);
        strict_1.default.equal(result.rejected, 0, JSON.stringify(result.results));
    };
    const approveTime = async (hours) => {
        const id = `TE-${++entry}`;
        await ingest([
            (0, events_1.anEvent)('ps.project.time_entry.submitted', { timeEntryId: id, projectId: 'PRJ-1', resourceId: 'RES-1', workDate: '2026-03-02', hours: String(hours), billable: true }),
            (0, events_1.anEvent)('ps.project.time_entry.approved', { timeEntryId: id, approvedBy: 'RES-9', billRate: eur('100'), costRate: eur('50') }),
        ]);
    };
    const post = async (url, body, headers = {}) => {
        const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
        const text = await response.text();
        return { status: response.status, cache: response.headers.get('x-servicegraph-cache'), position: response.headers.get('x-servicegraph-position'), text, body: JSON.parse(text) };
    };
    const page = (variables = { id: 'PRJ-1', first: 5 }) => post(gateway.url, { query: PAGE, variables });
    (0, node_test_1.before)(async () => {
        db = await (0, testDatabase_1.createTestDatabase)();
        projector = new projector_1.Projector(db.pool);
        await ingest([
            (0, events_1.anEvent)('ps.customer.account.upserted', { accountId: 'ACC-1', name: 'Acme GmbH', legalEntityId: 'LE-DE', billingCurrency: 'EUR' }),
            (0, events_1.anEvent)('ps.project.project.created', { projectId: 'PRJ-1', accountId: 'ACC-1', name: 'ERP rollout', billingModel: 'time_and_materials', currency: 'EUR', legalEntityId: 'LE-DE' }),
        ]);
        await approveTime(8);
        await projector.drain();
        const position = (0, checkpoint_1.readModelPosition)(db.pool);
        gateway = await (0, gateway_1.startGateway)({
            subgraphs: await (0, subgraphs_1.createSubgraphs)({ pool: db.pool }), host: '127.0.0.1', port: 0,
            responseCache: {
                volatileFields: subgraphs_1.VOLATILE_FIELDS,
                position: async () => {
                    const value = await position();
                    await holdPositionReads;
                    return value;
                },
            },
        });
    });
    (0, node_test_1.after)(async () => {
        await gateway?.close();
        await db?.drop();
    });
    (0, node_test_1.it)('answers a repeated query from the cache with the identical body, and says so', async () => {
        const first = await page();
        strict_1.default.equal(first.status, 200);
        strict_1.default.equal(first.body.data.project.approvedHours, '8');
        const second = await page();
        strict_1.default.equal(second.cache, 'hit');
        strict_1.default.equal(second.text, first.text);
        strict_1.default.equal(second.position, first.position);
        strict_1.default.ok(['miss', 'hit'].includes(first.cache ?? ''), String(first.cache));
    });
    (0, node_test_1.it)('executes afresh for a client that sends Cache-Control: no-cache or no-store', async () => {
        const cachedAnswer = await page();
        strict_1.default.equal((await page()).cache, 'hit');
        for (const directive of ['no-cache', 'max-age=0, no-store']) {
            const fresh = await post(gateway.url, { query: PAGE, variables: { id: 'PRJ-1', first: 5 } }, { 'cache-control': directive });
            strict_1.default.equal(fresh.cache, 'pass');
            strict_1.default.equal(fresh.text, cachedAnswer.text);
        }
    });
    (0, node_test_1.it)('misses after the projector commits a batch, and shows the new figures', async () => {
        const before = await page();
        await approveTime(2);
        await projector.drain();
        const after = await page();
        strict_1.default.equal(after.cache, 'miss');
        strict_1.default.ok(BigInt(after.position) > BigInt(before.position), `${after.position} after ${before.position}`);
        strict_1.default.equal(after.body.data.project.approvedHours, '10');
        strict_1.default.equal((await page()).cache, 'hit');
    });
    (0, node_test_1.it)('never answers older than a commit the client saw, even when a position read was in flight', async () => {
        const primed = await page();
        strict_1.default.equal((await page()).cache, 'hit');
        const hoursBefore = Number(primed.body.data.project.approvedHours);
        // A request arrives and its position read answers the old position, then stalls.
        let release;
        holdPositionReads = new Promise((resolve) => { release = resolve; });
        const early = page();
        await new Promise((resolve) => setTimeout(resolve, 50));
        // A batch commits; the client sees it (drain returned), then asks while that old read is still in flight.
        await approveTime(1);
        await projector.drain();
        const late = Array.from({ length: 5 }, () => page());
        await new Promise((resolve) => setTimeout(resolve, 20));
        holdPositionReads = undefined;
        release();
        const earlyAnswer = await early;
        strict_1.default.equal(earlyAnswer.body.data.project.approvedHours, String(hoursBefore), 'the early request may get the old answer');
        for (const answer of await Promise.all(late)) {
            strict_1.default.equal(answer.body.data.project.approvedHours, String(hoursBefore + 1), 'a request after the commit sees it');
            strict_1.default.ok(BigInt(answer.position) > BigInt(earlyAnswer.position));
        }
    });
    (0, node_test_1.it)('shares one position read among concurrent requests', async () => {
        await page();
        const reads = gateway.responseCache.stats.positionReads;
        const answers = await Promise.all(Array.from({ length: 40 }, () => page()));
        strict_1.default.ok(answers.every((a) => a.cache === 'hit'));
        const used = gateway.responseCache.stats.positionReads - reads;
        strict_1.default.ok(used < 40, `${used} position reads for 40 concurrent requests`);
    });
    (0, node_test_1.it)('treats variables given in another key order as the same request', async () => {
        await page({ id: 'PRJ-1', first: 3 });
        const reordered = await page({ first: 3, id: 'PRJ-1' });
        strict_1.default.equal(reordered.cache, 'hit');
        strict_1.default.equal((await page({ id: 'PRJ-1', first: 4 })).cache, 'miss');
    });
    (0, node_test_1.it)('does not keep answers with errors', async () => {
        const bad = { id: 'PRJ-1', first: 100_000 };
        const first = await page(bad);
        strict_1.default.equal(first.status, 200);
        strict_1.default.equal(first.body.errors[0].extensions.code, 'BAD_USER_INPUT');
        strict_1.default.equal(first.cache, 'pass');
        strict_1.default.equal((await page(bad)).cache, 'pass');
        const invalid = await post(gateway.url, { query: '{ project(id: "PRJ-1") { nope } }' });
        strict_1.default.equal(invalid.status, 400);
        strict_1.default.notEqual((await post(gateway.url, { query: '{ project(id: "PRJ-1") { nope } }' })).cache, 'hit');
    });
    (0, node_test_1.it)('never keeps answers that select a field that changes without a commit', async () => {
        const status = '{ ingestStatus { received pending } }';
        const first = await post(gateway.url, { query: status });
        strict_1.default.equal(first.cache, 'pass');
        await ingest([(0, events_1.anEvent)('ps.customer.account.upserted', { accountId: 'ACC-2', name: 'Globex', legalEntityId: 'LE-DE', billingCurrency: 'EUR' })]);
        const second = await post(gateway.url, { query: status });
        strict_1.default.equal(second.cache, 'pass');
        strict_1.default.equal(second.body.data.ingestStatus.received, first.body.data.ingestStatus.received + 1, 'ingest moved, the projector did not');
        strict_1.default.equal(second.body.data.ingestStatus.pending, 1);
        await projector.drain();
    });
    (0, node_test_1.it)('keys the answer by the Accept header, which chooses its media type', async () => {
        const modern = await post(gateway.url, { query: PAGE, variables: { id: 'PRJ-1', first: 1 } }, { accept: 'application/graphql-response+json' });
        const legacy = await post(gateway.url, { query: PAGE, variables: { id: 'PRJ-1', first: 1 } }, { accept: 'application/json' });
        strict_1.default.equal(legacy.cache, 'miss');
        const again = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' }, body: JSON.stringify({ query: PAGE, variables: { id: 'PRJ-1', first: 1 } }) });
        strict_1.default.equal(again.headers.get('x-servicegraph-cache'), 'hit');
        strict_1.default.match(again.headers.get('content-type') ?? '', /^application\/graphql-response\+json/);
        strict_1.default.equal(await again.text(), modern.text);
    });
    (0, node_test_1.it)('stays within its byte bound, dropping the least recently used answers', async () => {
        const small = await (0, gateway_1.startGateway)({
            subgraphs: await (0, subgraphs_1.createSubgraphs)({ pool: db.pool }), host: '127.0.0.1', port: 0,
            responseCache: { position: (0, checkpoint_1.readModelPosition)(db.pool), maxBytes: 4096, volatileFields: subgraphs_1.VOLATILE_FIELDS },
        });
        try {
            for (let first = 1; first <= 30; first++) {
                const answer = await post(small.url, { query: PAGE, variables: { id: 'PRJ-1', first } });
                strict_1.default.equal(answer.body.data.project.id, 'PRJ-1');
                strict_1.default.ok(small.responseCache.size <= 4096, `${small.responseCache.size} bytes held`);
            }
            strict_1.default.ok(small.responseCache.stats.evicted > 0);
            strict_1.default.equal((await post(small.url, { query: PAGE, variables: { id: 'PRJ-1', first: 30 } })).cache, 'hit', 'the most recent stays');
            strict_1.default.equal((await post(small.url, { query: PAGE, variables: { id: 'PRJ-1', first: 1 } })).cache, 'miss', 'the oldest went');
        }
        finally {
            await small.close();
        }
    });
    (0, node_test_1.it)('serves without a cache when none is given', async () => {
        const plain = await (0, gateway_1.startGateway)({ subgraphs: await (0, subgraphs_1.createSubgraphs)({ pool: db.pool }), host: '127.0.0.1', port: 0 });
        try {
            const answer = await post(plain.url, { query: PAGE, variables: { id: 'PRJ-1', first: 5 } });
            strict_1.default.equal(answer.status, 200);
            strict_1.default.equal(answer.cache, null);
            strict_1.default.equal(answer.text, (await page()).text);
            strict_1.default.equal(plain.responseCache, undefined);
        }
        finally {
            await plain.close();
        }
    });
});
//# sourceMappingURL=gateway.responseCache.int.test.js.map