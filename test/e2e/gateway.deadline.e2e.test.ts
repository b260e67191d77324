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
 *
 * With the default operation limits such a query is refused before it runs
 * (DEPTH_LIMIT_EXCEEDED, COST_LIMIT_EXCEEDED: test/integration/access.guard.int.test.ts);
 * the deadline bounds what passes them, so here the limits are raised out of
 * its way.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_LIMITS } from '../../config/limits';
import { simulateFirm } from '../../simulator/firm';
import { postEvents } from '../../simulator/post';
import { eventually } from '../support/eventually';
import { liveClient } from '../support/liveClients';
import { startLiveHub, type LiveHub } from '../support/liveHub';

const DEADLINE_MS = 1_500;
const firm = simulateFirm({ seed: 'deadline', scale: 0.3 });
/** Held back until the subscriptions are open. */
const LATER = 150;
const HEAVY_DEPTH = 8;

/** Projects of each project's customer, `depth` levels deep: the answer grows as (projects per customer)^depth. */
function fanOut(depth: number): string {
  let selection = 'id name';
  for (let i = 0; i < depth; i++) selection = `id customer { name projects(first: 500) { nodes { ${selection} } } }`;
  return `{ projects(first: 500) { nodes { ${selection} } } }`;
}
const SIMPLE = '{ projects(first: 1) { nodes { id name } } }';

async function query(url: string, document: string): Promise<{ status: number; body: any; ms: number }> {
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: document }),
    signal: AbortSignal.timeout(300_000),
  });
  return { status: response.status, body: await response.json(), ms: performance.now() - started };
}

describe('the gateway\'s execution deadline', () => {
  let hub: LiveHub;

  before(async () => {
    hub = await startLiveHub({
      limits: { ...DEFAULT_LIMITS, executionTimeoutMs: DEADLINE_MS, graphqlMaxDepth: 1000, graphqlMaxCost: Infinity },
    });
    await postEvents(firm.events.slice(0, -LATER), { url: hub.ingestUrl, batchSize: 500, progress: false });
    await hub.settled();
  });
  after(async () => {
    await hub?.close();
  });

  it('stops a fan-out query with 504 EXECUTION_TIMEOUT, and answers a simple query right after', async (t) => {
    const stopped = await query(hub.gateway.url, fanOut(HEAVY_DEPTH));
    const simple = await query(hub.gateway.url, SIMPLE);
    t.diagnostic(`fan-out answered ${stopped.status} after ${Math.round(stopped.ms)} ms; the simple query after it in ${Math.round(simple.ms)} ms`);
    assert.equal(stopped.status, 504, JSON.stringify(stopped.body).slice(0, 300));
    assert.equal(stopped.body.errors[0].extensions.code, 'EXECUTION_TIMEOUT');
    assert.match(stopped.body.errors[0].message, /execution deadline of 1\.5 s/);
    assert.equal(simple.status, 200);
    assert.equal(simple.body.data.projects.nodes.length, 1);
  });

  it('stops a subscription payload that fans out with EXECUTION_TIMEOUT, and delivers others', async () => {
    const heavySelection = fanOut(HEAVY_DEPTH).replace(/^\{ projects\(first: 500\) \{ nodes \{ (.*) \} \} \}$/, '$1');
    const client = liveClient('websocket', hub.gateway.url);
    try {
      const heavy = client.subscribe(`subscription Heavy { projectFinancialsChanged { eventId project { ${heavySelection} } } }`);
      const light = client.subscribe('subscription Light { projectFinancialsChanged { eventId project { id } } }');
      await eventually('both subscriptions to be open', () => hub.live.subscriberQueues().length === 2);
      const more = firm.events.slice(-LATER);
      let next = 0;
      await eventually('a payload for each subscription', async () => {
        if (heavy.received.length > 0 && light.received.length > 0) return true;
        assert.ok(next < more.length, 'events left to post');
        try {
          await postEvents(more.slice(next, next + 20), { url: hub.ingestUrl, batchSize: 20, progress: false });
          next += 20;
        } catch (error) {
          // The heavy payloads hold this process's thread (ingest's too, in this test) for seconds at a time: a kept-alive
          // connection may be closed under the request. A retry is what a sender does; ingest drops the duplicates.
          if (!(error instanceof TypeError)) throw error;
        }
        return false;
      }, { timeoutMs: 120_000, intervalMs: 500 });
      assert.equal(heavy.received[0]!.errors?.[0]?.extensions?.code, 'EXECUTION_TIMEOUT', JSON.stringify(heavy.received[0]).slice(0, 300));
      assert.equal(light.received[0]!.errors, undefined);
    } finally {
      await client.close();
    }
  });
});
