/**
 * The GraphQL side of `servicegraph start` in a supervised process of its
 * own (cli/gatewaySupervisor.ts), with a small heap (GATEWAY_HEAP_MB=64)
 * and a short stall bound (GATEWAY_STALL_SECONDS=5): killed, out of heap on
 * a query that fans out, or stuck, it takes ingest and the listeners with it
 * in nothing — events are accepted and applied meanwhile, the ingest
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

/**
 * Whether another process than `gone` serves: a new process exists and the
 * ingest port says ready. The old one's socket closes before the hub hears of
 * its exit, so for a moment the hub still reports it serving: ready alone is
 * not proof of a restart.
 */
async function servesAnew(hub: { ingestUrl: string; gatewayProcess?: { pid(): number | undefined } }, gone: number): Promise<boolean> {
  const pid = hub.gatewayProcess!.pid();
  return pid !== undefined && pid !== gone && (await readyz(hub.ingestUrl)).status === 200 && hub.gatewayProcess!.pid() === pid;
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
    const environment = {
      DATABASE_URL: db.url, INGEST_PORT: '0', GATEWAY_PORT: '0', LOG_LEVEL: 'error', LISTENER_POLL_MS: '50', GATEWAY_HEAP_MB: '64', GATEWAY_STALL_SECONDS: '5',
      // The operation limits would refuse the query that exhausts the heap: what is tested is what happens when one gets through.
      GRAPHQL_MAX_DEPTH: '1000', GRAPHQL_MAX_COST: '1000000000', GRAPHQL_EXECUTION_TIMEOUT_SECONDS: '60',
    };
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
    await eventually('the gateway process to serve again', async () => servesAnew(hub, killed), { timeoutMs: 60_000 });
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
    // Projects of each project's customer, 7 levels deep: an answer far over 64 MiB (a customer of this firm has at most 8 projects).
    let selection = 'id name';
    for (let i = 0; i < 7; i++) selection = `id customer { name projects(first: 8) { nodes { ${selection} } } }`;
    const heavy = fetch(hub.graphql!.url, {
      method: 'POST', headers: { 'content-type': 'application/json', 'cache-control': 'no-cache' },
      body: JSON.stringify({ query: `{ projects(first: 30) { nodes { ${selection} } } }` }), signal: AbortSignal.timeout(60_000),
    }).then((response) => response.text());
    const answered = await heavy.then((body) => body.slice(0, 300), () => undefined);
    assert.equal(answered, undefined, 'the connection of the query that exhausted the heap is gone with its process');
    assert.equal(await post(hub.ingestUrl, account('ACC-3', 'Umbrella')), 202, 'ingest accepts while the gateway is down');
    await eventually('the gateway process to serve again', async () => servesAnew(hub, before), { timeoutMs: 60_000 });
    assert.equal(hub.gatewayProcess!.restarts(), 2);
    assert.match(hub.gatewayProcess!.lastFailure() ?? '', /aborted \(SIGABRT: out of heap/);
    assert.equal(await customerName(hub.graphql!.url, 'ACC-3'), 'Umbrella');
  });

  it('is killed and restarted when its event loop stays blocked past GATEWAY_STALL_SECONDS', async () => {
    const stuck = hub.gatewayProcess!.pid()!;
    // A stopped process turns no event loop, like one stuck on the CPU.
    process.kill(stuck, 'SIGSTOP');
    assert.equal(await post(hub.ingestUrl, account('ACC-4', 'Hooli')), 202, 'ingest accepts while the gateway is stuck');
    // Not ready as soon as its heartbeats stop, before the stall bound kills it.
    await eventually('readiness to say the stuck gateway does not answer', async () => {
      const { status, body } = await readyz(hub.ingestUrl);
      return status === 503 && /has not answered for \d+\.\d s/.test(body.checks.gateway ?? '') && hub.gatewayProcess!.pid() === stuck;
    }, { timeoutMs: 5_000, intervalMs: 100 });
    await eventually('the gateway process to be replaced and serve', async () =>
      hub.gatewayProcess!.pid() !== undefined && hub.gatewayProcess!.pid() !== stuck && (await readyz(hub.ingestUrl)).status === 200, { timeoutMs: 60_000 });
    assert.equal(alive(stuck), false, 'the stuck process was killed');
    assert.equal(hub.gatewayProcess!.restarts(), 3);
    assert.match(hub.gatewayProcess!.lastFailure() ?? '', /killed by the hub: its event loop had not turned for [5-9]\.\d s \(GATEWAY_STALL_SECONDS 5\)/);
    assert.equal(await customerName(hub.graphql!.url, 'ACC-4'), 'Hooli');
  });

  it('stops the gateway process with the hub', async () => {
    const pid = hub.gatewayProcess!.pid()!;
    await hub.stop();
    assert.equal(alive(pid), false);
  });
});
