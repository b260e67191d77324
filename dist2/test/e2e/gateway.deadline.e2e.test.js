"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * A query that fans out (projects → customer → projects → …) is stopped at
 * the gateway's execution deadline: its client gets 504 EXECUTION_TIMEOUT,
 * the subgraph fetches its plan had not made yet are not made, and the
 * gateway answers other queries normally right after; so is a subscription
 * whose selection fans out the same way: each of its payloads is stopped at
 * the deadline, with the same code, and other subscribers get theirs. (That
 * no subgraph is asked anything once the deadline has passed:
 * test/unit/gateway.inProcessDataSource.unit.test.ts.)
 *
 * The deadline is checked whenever the operation waits (for a subgraph, for
 * Postgres): the gateway's own work on results it already has (merging and
 * shaping a large answer) runs on its thread to the next wait, so the 504
 * can come some seconds after the deadline, and a query sent meanwhile waits
 * that long (and may then find its own deadline passed): that is bounded by
 * the GraphQL cost limits, not by the deadline (docs/limits.md).
 */
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const limits_1 = require("../../config/limits");
const firm_1 = require("../../simulator/firm");
const post_1 = require("../../simulator/post");
const eventually_1 = require("../support/eventually");
const liveClients_1 = require("../support/liveClients");
const liveHub_1 = require("../support/liveHub");
const DEADLINE_MS = 1_500;
const firm = (0, firm_1.simulateFirm)({ seed: 'deadline', scale: 0.3 });
/** Held back until the subscriptions are open. */
const LATER = 150;
const HEAVY_DEPTH = 6;
/** Projects of each project's customer, `depth` levels deep: the answer grows as (projects per customer)^depth. */
function fanOut(depth) {
    let selection = 'id name';
    for (let i = 0; i < depth; i++)
        selection = `id customer { name projects(first: 500) { nodes { ${selection} } } }`;
    return `{ projects(first: 500) { nodes { ${selection} } } }`;
}
const SIMPLE = '{ projects(first: 1) { nodes { id name } } }';
async function query(url, document) {
    const started = performance.now();
    const response = await fetch(url, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: document }),
        signal: AbortSignal.timeout(300_000),
    });
    return { status: response.status, body: await response.json(), ms: performance.now() - started };
}
(0, node_test_1.describe)('the gateway\'s execution deadline', () => {
    let hub;
    (0, node_test_1.before)(async () => {
        hub = await (0, liveHub_1.startLiveHub)({ limits: { ...limits_1.DEFAULT_LIMITS, executionTimeoutMs: DEADLINE_MS } });
        await (0, post_1.postEvents)(firm.events.slice(0, -LATER), { url: hub.ingestUrl, batchSize: 500, progress: false });
        await hub.settled();
    });
    (0, node_test_1.after)(async () => {
        await hub?.close();
    });
    (0, node_test_1.it)('stops a fan-out query with 504 EXECUTION_TIMEOUT, and answers a simple query right after', async (t) => {
        const stopped = await query(hub.gateway.url, fanOut(HEAVY_DEPTH));
        const simple = await query(hub.gateway.url, SIMPLE);
        t.diagnostic(`fan-out answered ${stopped.status} after ${Math.round(stopped.ms)} ms; the simple query after it in ${Math.round(simple.ms)} ms`);
        strict_1.default.equal(stopped.status, 504, JSON.stringify(stopped.body).slice(0, 300));
        strict_1.default.equal(stopped.body.errors[0].extensions.code, 'EXECUTION_TIMEOUT');
        strict_1.default.match(stopped.body.errors[0].message, /execution deadline of 1\.5 s/);
        strict_1.default.equal(simple.status, 200);
        strict_1.default.equal(simple.body.data.projects.nodes.length, 1);
    });
    (0, node_test_1.it)('stops a subscription payload that fans out with EXECUTION_TIMEOUT, and delivers others', async () => {
        const heavySelection = fanOut(HEAVY_DEPTH).replace(/^\{ projects\(first: 500\) \{ nodes \{ (.*) \} \} \}$/, '$1');
        const client = (0, liveClients_1.liveClient)('websocket', hub.gateway.url);
        try {
            const heavy = client.subscribe(`subscription Heavy { projectFinancialsChanged { eventId project { ${heavySelection} } } }`);
            const light = client.subscribe('subscription Light { projectFinancialsChanged { eventId project { id } } }');
            await (0, eventually_1.eventually)('both subscriptions to be open', () => hub.live.subscriberQueues().length === 2);
            const more = firm.events.slice(-LATER);
            let next = 0;
            await (0, eventually_1.eventually)('a payload for each subscription', async () => {
                if (heavy.received.length > 0 && light.received.length > 0)
                    return true;
                strict_1.default.ok(next < more.length, 'events left to post');
                try {
                    await (0, post_1.postEvents)(more.slice(next, next + 20), { url: hub.ingestUrl, batchSize: 20, progress: false });
                    next += 20;
                }
                catch (error) {
                    // The heavy payloads hold this process's thread (ingest's too, in this test) for seconds at a time: a kept-alive
                    // connection may be closed under the request. A retry is what a sender does; ingest drops the duplicates.
                    if (!(error instanceof TypeError))
                        throw error;
                }
                return false;
            }, { timeoutMs: 120_000, intervalMs: 500 });
            strict_1.default.equal(heavy.received[0].errors?.[0]?.extensions?.code, 'EXECUTION_TIMEOUT', JSON.stringify(heavy.received[0]).slice(0, 300));
            strict_1.default.equal(light.received[0].errors, undefined);
        }
        finally {
            await client.close();
        }
    });
});
//# sourceMappingURL=gateway.deadline.e2e.test.js.map