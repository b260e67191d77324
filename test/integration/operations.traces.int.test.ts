/**
 * Traces end to end, exported over OTLP/HTTP to a receiver this test runs on
 * loopback: one event sent with a CloudEvents `traceparent` yields, in the
 * source's trace or linked to it, the ingest request and its log commit, the
 * listener batch that applied it and the subscription push it caused; a
 * query sent with a `traceparent` yields its request span in the caller's
 * trace and a span per subgraph fetch beneath it, carried on to a subgraph
 * served over HTTP.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startHub, type RunningHub } from '../../cli/hub';
import { startGateway } from '../../gateway/gateway';
import { createSubgraphByName, serveSubgraph } from '../../subgraphs';
import { createLogger } from '../../cli/logger';
import { loadConfig } from '../../config/config';
import { startTracing, stopTracing } from '../../observability/tracing';
import { anEvent } from '../support/events';
import { eventually } from '../support/eventually';
import { liveClient, type LiveClient } from '../support/liveClients';
import { sampleValue, scrape } from '../support/prometheusText';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';

interface ReceivedSpan {
  name: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  links?: { traceId: string; spanId: string }[];
  service: string;
}

/** An OTLP/HTTP (JSON) trace receiver: every span it was sent. */
async function startReceiver(): Promise<{ url: string; spans: ReceivedSpan[]; close(): Promise<void> }> {
  const spans: ReceivedSpan[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.url === '/v1/traces') {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        for (const resourceSpans of body.resourceSpans ?? []) {
          const service = resourceSpans.resource?.attributes?.find((a: { key: string }) => a.key === 'service.name')?.value?.stringValue;
          for (const scope of resourceSpans.scopeSpans ?? []) for (const span of scope.spans ?? []) spans.push({ ...span, service });
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    spans,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const OTEL_VARIABLES = ['OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_EXPORTER_OTLP_PROTOCOL', 'OTEL_BSP_SCHEDULE_DELAY', 'OTEL_SERVICE_NAME'] as const;

describe('traces of one event, from the source to the subscriber', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let db: TestDatabase;
  let hub: RunningHub;
  let client: LiveClient;
  const saved: Partial<Record<(typeof OTEL_VARIABLES)[number], string>> = {};
  const traceId = randomBytes(16).toString('hex');
  const sourceSpanId = randomBytes(8).toString('hex');

  before(async () => {
    receiver = await startReceiver();
    for (const name of OTEL_VARIABLES) saved[name] = process.env[name];
    // Set before the hub starts: its ingest and listener threads take the environment they are started with.
    Object.assign(process.env, { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_BSP_SCHEDULE_DELAY: '100' });
    delete process.env.OTEL_SERVICE_NAME;
    await startTracing('servicegraph-hub');
    db = await createTestDatabase();
    hub = await startHub(loadConfig({ DATABASE_URL: db.url, INGEST_PORT: '0', GATEWAY_PORT: '0', LOG_LEVEL: 'error' }), createLogger('error'));
  });

  after(async () => {
    await client?.close();
    await hub?.stop();
    await stopTracing();
    await db?.drop();
    await receiver?.close();
    for (const name of OTEL_VARIABLES) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  });

  it('has the ingest request and its commit in the source\'s trace, and the listener batch and the push linked to it', async () => {
    const post = async (events: unknown[]) => {
      const response = await fetch(`${hub.ingestUrl}/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(events) });
      assert.equal(response.status, 202);
    };
    await post([
      anEvent('ps.customer.account.upserted', { accountId: 'ACC-T', name: 'Traced', legalEntityId: 'LE-DE', billingCurrency: 'EUR' }),
      anEvent('ps.project.project.created', { projectId: 'PRJ-T', accountId: 'ACC-T', name: 'Traced project', billingModel: 'time_and_materials', currency: 'EUR', legalEntityId: 'LE-DE' }),
      anEvent('ps.project.time_entry.submitted', { timeEntryId: 'TE-T', projectId: 'PRJ-T', resourceId: 'R-1', workDate: '2026-03-02', hours: '8', billable: true }),
    ]);
    await hub.listeners.caughtUp();

    client = liveClient('websocket', hub.gateway!.url);
    const subscription = client.subscribe('subscription Watch { projectFinancialsChanged(projectId: "PRJ-T") { eventId project { approvedHours } } }');
    // Open once the fan-out holds it (the gateway's count of open subscriptions): a change committed from then on is pushed.
    const metricsUrl = hub.gateway!.url.replace(/\/graphql$/, '/metrics');
    await eventually('the subscription to be open', async () =>
      sampleValue(await scrape(metricsUrl), 'servicegraph_subscriptions_active', { transport: 'websocket' }) === 1, { timeoutMs: 30_000, intervalMs: 50 });

    const traceparent = `00-${traceId}-${sourceSpanId}-01`;
    const approval = { ...anEvent('ps.project.time_entry.approved', {
      timeEntryId: 'TE-T', approvedBy: 'M-1', billRate: { amount: '100.00', currency: 'EUR' }, costRate: { amount: '60.00', currency: 'EUR' },
    }, { id: 'traced-approval' }), traceparent };
    await post([approval]);
    await eventually('the push to reach the subscriber', () => subscription.received.length > 0, { timeoutMs: 30_000 });
    assert.equal(subscription.received[0]!.data?.projectFinancialsChanged.eventId, 'traced-approval');

    const inTrace = (name: string) => receiver.spans.find((s) => s.name === name && s.traceId === traceId);
    const linked = (name: string) => receiver.spans.find((s) => s.name === name && s.links?.some((l) => l.traceId === traceId && l.spanId === sourceSpanId));
    await eventually('the spans to be exported', () => Boolean(inTrace('POST /events') && inTrace('event log commit') && linked('listener batch') && linked('subscription push')),
      { timeoutMs: 30_000, intervalMs: 100, describe: () => JSON.stringify(receiver.spans.map((s) => [s.name, s.traceId === traceId, s.links?.length ?? 0])) });

    const request = inTrace('POST /events')!;
    assert.equal(request.parentSpanId, sourceSpanId, 'the ingest request is a child of the source\'s span');
    assert.equal(inTrace('event log commit')!.parentSpanId, request.spanId, 'the log commit is a child of the ingest request');
    assert.equal(linked('listener batch')!.service, 'servicegraph-hub');
    // The events sent without a traceparent made spans of traces of their own, linked to nothing.
    const untraced = receiver.spans.filter((s) => s.name === 'POST /events' && s.traceId !== traceId);
    assert.ok(untraced.length >= 1 && untraced.every((s) => !s.links?.length));
  });

  it('has a query\'s request in the caller\'s trace, each subgraph fetch beneath it, and the subgraph\'s own span beneath that', async () => {
    const queryTrace = randomBytes(16).toString('hex');
    const callerSpan = randomBytes(8).toString('hex');
    const traceparent = `00-${queryTrace}-${callerSpan}-01`;
    // The hub's subgraphs run in process; a second gateway reaches the customer subgraph over HTTP.
    const served = await serveSubgraph(await createSubgraphByName('customer', { pool: hub.pool }), { host: '127.0.0.1', port: 0 });
    const customer = await createSubgraphByName('customer', { pool: hub.pool });
    const remote = await startGateway({ subgraphs: [{ name: 'customer', sdl: customer.sdl, url: served.url }], host: '127.0.0.1', port: 0, explorer: false });
    try {
      for (const url of [hub.gateway!.url, remote.url]) {
        const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', traceparent }, body: JSON.stringify({ query: '{ customers(first: 1) { totalCount } }' }) });
        assert.equal(response.status, 200);
      }
      const inQueryTrace = () => receiver.spans.filter((s) => s.traceId === queryTrace);
      await eventually('the query spans to be exported', () => inQueryTrace().filter((s) => s.name === 'subgraph customer').length >= 3,
        { timeoutMs: 30_000, intervalMs: 100, describe: () => JSON.stringify(inQueryTrace().map((s) => [s.name, s.parentSpanId])) });
      const requests = inQueryTrace().filter((s) => s.name === 'graphql request');
      assert.equal(requests.length, 2);
      assert.ok(requests.every((r) => r.parentSpanId === callerSpan), 'each request is a child of the caller\'s span');
      const fetches = inQueryTrace().filter((s) => s.name === 'subgraph customer' && requests.some((r) => r.spanId === s.parentSpanId));
      assert.equal(fetches.length, 2, 'one fetch span beneath each request');
      const servedSpan = inQueryTrace().find((s) => s.name === 'subgraph customer' && !requests.some((r) => r.spanId === s.parentSpanId));
      assert.ok(servedSpan && fetches.some((f) => f.spanId === servedSpan.parentSpanId), 'the subgraph process\'s span is a child of the fetch that called it');
      // @apollo/gateway's own spans (gateway.request, gateway.fetch…) are not recorded: they would form a second trace per query.
      assert.deepEqual(receiver.spans.filter((s) => s.name.startsWith('gateway.')).map((s) => s.name), []);
    } finally {
      await remote.close();
      await served.close();
    }
  });
});
