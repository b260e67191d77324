/**
 * The GraphQL side of `servicegraph start` in a supervised process of its
 * own (cli/gatewaySupervisor.ts), with a small heap (GATEWAY_HEAP_MB=64):
 * killed, or out of heap on a query that fans out, it takes ingest and the listeners
 * with it in nothing — events are accepted and applied meanwhile, the ingest
 * port's /readyz names the gateway process until it serves again — and it
 * is restarted by itself, on the same port, answering with what was applied
 * while it was down. Stopping the hub stops it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startHub, type RunningHub } from '../../cli/hub';
import { createLogger } from '../../cli/logger';
import { loadConfig } from '../../config/config';
import { simulateFirm } from '../../simulator/firm';
import { postEvents } from '../../simulator/post';
import { eventually } from '../support/eventually';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';

function account(id: string, name: string) {
  return {
    specversion: '1.0', id: `crm-${id}`, source: '/crm/gateway-process', type: 'ps.customer.account.upserted', subject: id,
    time: '2026-03-02T09:00:00Z', sequence: '1', data: { accountId: id, name, legalEntityId: 'LE-DE', billingCurrency: 'EUR' },
  };
}

async function post(ingestUrl: string, event: object): Promise<number> {
  const response = await fetch(`${ingestUrl}/events`, {
    method: 'POST', headers: { 'content-type': 'application/cloudevents+json' }, body: JSON.stringify(event), signal: AbortSignal.timeout(10_000),
  });
  await response.text();
  return response.status;
}

async function customerName(graphqlUrl: string, id: string): Promise<string | undefined> {
  const response = await fetch(graphqlUrl, {
    method: 'POST', headers: { 'content-type': 'application/json' }, signal: AbortSignal.timeout(10_000),
    body: JSON.stringify({ query: 'query($id: ID!) { customer(id: $id) { name } }', variables: { id } }),
  });
  return ((await response.json()) as { data?: { customer: { name: string } | null } }).data?.customer?.name;
}

async function readyz(ingestUrl: string): Promise<{ status: number; body: { checks: Record<string, string> } }> {
  const response = await fetch(`${ingestUrl}/readyz`, { signal: AbortSignal.timeout(10_000) });
  return { status: response.status, body: (await response.json()) as { checks: Record<string, string> } };
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('the gateway in a supervised process of its own', () => {
  let db: TestDatabase;
  let hub: RunningHub;

  before(async () => {
    db = await createTestDatabase();
    const environment = { DATABASE_URL: db.url, INGEST_PORT: '0', GATEWAY_PORT: '0', LOG_LEVEL: 'error', LISTENER_POLL_MS: '50', GATEWAY_HEAP_MB: '64' };
    hub = await startHub(loadConfig(environment), createLogger('error'), { gatewayIn: 'child', environment });
  });
  after(async () => {
    await hub?.stop();
    await db?.drop();
  });

  it('serves GraphQL from another process, and the ingest port reports it ready', async () => {
    const pid = hub.gatewayProcess!.pid()!;
    assert.notEqual(pid, process.pid);
    assert.ok(alive(pid));
    assert.equal(await post(hub.ingestUrl, account('ACC-1', 'Globex')), 202);
    await eventually('the customer to be served', async () => (await customerName(hub.graphql!.url, 'ACC-1')) === 'Globex');
    const ready = await readyz(hub.ingestUrl);
    assert.equal(ready.status, 200);
    assert.equal(ready.body.checks.gateway, 'ok');
  });

  it('is restarted when killed, while ingest accepts and the listeners apply', async () => {
    const killed = hub.gatewayProcess!.pid()!;
    process.kill(killed, 'SIGKILL');
    await eventually('the ingest port to name the gateway process as not ready', async () => {
      const ready = await readyz(hub.ingestUrl);
      return ready.status === 503 && /the gateway process is (restarting|starting).*killed by SIGKILL/.test(ready.body.checks.gateway ?? '');
    }, { timeoutMs: 5_000, intervalMs: 20 });
    assert.equal(await post(hub.ingestUrl, account('ACC-2', 'Initech')), 202, 'ingest accepts while the gateway is down');
    await eventually('the listeners to apply it', async () => {
      const status = (await (await fetch(`${hub.ingestUrl}/status`)).json()) as { received: number; applied: number; pending: number };
      return status.received === 2 && status.applied === 2 && status.pending === 0;
    });
    await eventually('the gateway process to serve again', async () => (await readyz(hub.ingestUrl)).status === 200, { timeoutMs: 60_000 });
    const restarted = hub.gatewayProcess!.pid()!;
    assert.notEqual(restarted, killed);
    assert.equal(hub.gatewayProcess!.restarts(), 1);
    assert.equal(await customerName(hub.graphql!.url, 'ACC-2'), 'Initech', 'the restarted gateway answers on the same URL with what was applied meanwhile');
  });

  it('is restarted when a query exhausts its heap, while ingest accepts', async () => {
    await postEvents(simulateFirm({ seed: 'gateway-heap', scale: 1.2 }).events, { url: `${hub.ingestUrl}/events`, batchSize: 500, progress: false });
    await eventually('the firm to be applied', async () => {
      const status = (await (await fetch(`${hub.ingestUrl}/status`)).json()) as { pending: number };
      return status.pending === 0;
    });
    const before = hub.gatewayProcess!.pid()!;
    // Projects of each project's customer, 7 levels deep: an answer far over 64 MiB.
    let selection = 'id name';
    for (let i = 0; i < 7; i++) selection = `id customer { name projects(first: 500) { nodes { ${selection} } } }`;
    const heavy = fetch(hub.graphql!.url, {
      method: 'POST', headers: { 'content-type': 'application/json', 'cache-control': 'no-cache' },
      body: JSON.stringify({ query: `{ projects(first: 500) { nodes { ${selection} } } }` }), signal: AbortSignal.timeout(60_000),
    }).then((response) => response.text());
    await assert.rejects(heavy, 'the connection of the query that exhausted the heap is gone with its process');
    assert.equal(await post(hub.ingestUrl, account('ACC-3', 'Umbrella')), 202, 'ingest accepts while the gateway is down');
    await eventually('the gateway process to serve again', async () => (await readyz(hub.ingestUrl)).status === 200 && hub.gatewayProcess!.pid() !== before,
      { timeoutMs: 60_000 });
    assert.equal(hub.gatewayProcess!.restarts(), 2);
    assert.equal(await customerName(hub.graphql!.url, 'ACC-3'), 'Umbrella');
  });

  it('stops the gateway process with the hub', async () => {
    const pid = hub.gatewayProcess!.pid()!;
    await hub.stop();
    assert.equal(alive(pid), false);
  });
});
