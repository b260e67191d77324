/**
 * GET /metrics of a hub fed the simulated firm: once it has settled, each
 * business gauge equals the oracle's portfolio (and project figures) per
 * currency and legal entity, open invoice exceptions are counted by stage and
 * age, the lag gauges are 0, and the counters grew by exactly the events sent.
 */
import assert from 'node:assert/strict';
import Big from 'big.js';
import { after, before, describe, it } from 'node:test';
import { startHub, type RunningHub } from '../../cli/hub';
import { createLogger } from '../../cli/logger';
import { loadConfig } from '../../config/config';
import type { BusinessEvent } from '../../events/types';
import { simulateFirm } from '../../simulator/firm';
import { expectedFigures } from '../../simulator/oracle';
import { postEvents } from '../../simulator/post';
import { eventually } from '../support/eventually';
import { sampleValue, scrape, type Sample } from '../support/prometheusText';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';

const firm = simulateFirm({ seed: 'operations-metrics', scale: 1, illegal: true });
const expected = expectedFigures(firm.events);

/** Σ of a project figure per "currency|legal entity" (null figures left out). */
function projectSums(field: 'unbilledApprovedHours' | 'revenueBacklog'): Map<string, Big> {
  const sums = new Map<string, Big>();
  for (const p of Object.values(expected.projects)) {
    const key = `${p.currency}|${p.legalEntityId}`;
    sums.set(key, (sums.get(key) ?? new Big(0)).plus(p[field] ?? '0'));
  }
  return sums;
}

function ageBucket(raisedAt: string, now: number): string {
  const hours = (now - Date.parse(raisedAt)) / 3_600_000;
  return hours < 24 ? 'lt_1d' : hours < 72 ? '1d_3d' : hours < 168 ? '3d_7d' : 'gt_7d';
}

describe('the hub\'s metrics after the simulated firm settles', () => {
  let db: TestDatabase;
  let hub: RunningHub;
  let before_: Sample[];
  let samples: Sample[];
  let metricsUrl: string;

  before(async () => {
    db = await createTestDatabase();
    hub = await startHub(loadConfig({ DATABASE_URL: db.url, INGEST_PORT: '0', LOG_LEVEL: 'error' }), createLogger('error'), { gateway: false });
    metricsUrl = `${hub.ingestUrl}/metrics`;
    before_ = await scrape(metricsUrl);
    await postEvents(firm.events, { url: `${hub.ingestUrl}/events`, progress: false });
    await eventually('the listeners to catch up', async () => {
      samples = await scrape(metricsUrl);
      return sampleValue(samples, 'servicegraph_listener_lag_events') === 0;
    }, { intervalMs: 100 });
    // The applied counter is counted from the listener thread's message after each commit: it may trail the
    // database by that message. Once it reaches the events applied, it must not go past them.
    await eventually('the applied counter to catch up', async () => {
      samples = await scrape(metricsUrl);
      return sampleValue(samples, 'servicegraph_events_applied_total')! >= expected.events.applied;
    }, { intervalMs: 50, timeoutMs: 20_000, describe: () => String(sampleValue(samples, 'servicegraph_events_applied_total')) });
    // Deliberately a fixed window: a counter running past the events applied would show in it.
    await new Promise((resolve) => setTimeout(resolve, 300));
    samples = await scrape(metricsUrl);
  });

  after(async () => {
    await hub?.stop();
    await db?.drop();
  });

  it('counts exactly the events sent, and every one applied', () => {
    const grew = (name: string, labels?: Record<string, string>) => sampleValue(samples, name, labels)! - (sampleValue(before_, name, labels) ?? 0);
    assert.equal(grew('servicegraph_events_total', { outcome: 'accepted' }), firm.events.length);
    assert.equal(grew('servicegraph_events_total', { outcome: 'duplicate' }), 0);
    assert.equal(grew('servicegraph_events_total', { outcome: 'rejected' }), 0);
    assert.equal(grew('servicegraph_events_applied_total'), expected.events.applied);
    assert.ok(expected.exceptions.length > 0, 'the firm has illegal events');
    assert.equal(sampleValue(samples, 'servicegraph_exceptions_open'), expected.exceptions.length);
  });

  it('shows no lag once settled', () => {
    assert.equal(sampleValue(samples, 'servicegraph_listener_lag_events'), 0);
    assert.equal(sampleValue(samples, 'servicegraph_listener_lag_seconds'), 0);
    assert.equal(sampleValue(samples, 'servicegraph_events_parked'), 0);
  });

  it('has each business figure equal to the oracle\'s per currency and legal entity', () => {
    const unbilledHours = projectSums('unbilledApprovedHours');
    const backlog = projectSums('revenueBacklog');
    const rows = expected.portfolioByLegalEntity;
    assert.ok(rows.length >= 2, 'the firm has several legal entities');
    for (const row of rows) {
      const labels = { currency: row.currency, legal_entity: row.legalEntityId! };
      const key = `${row.currency}|${row.legalEntityId}`;
      const gauge = (name: string) => sampleValue(samples, name, labels);
      assert.equal(gauge('servicegraph_unbilled_approved_amount'), Number(row.unbilledApprovedAmount), `${key} unbilled`);
      assert.equal(gauge('servicegraph_unbilled_approved_hours'), unbilledHours.get(key)!.toNumber(), `${key} unbilled hours`);
      assert.equal(gauge('servicegraph_receivables_outstanding_amount'), Number(row.outstandingBalance), `${key} receivables`);
      assert.equal(gauge('servicegraph_recognized_revenue_amount'), Number(row.recognizedRevenue), `${key} revenue`);
      assert.equal(gauge('servicegraph_margin_amount'), Number(row.margin), `${key} margin`);
      assert.equal(gauge('servicegraph_revenue_backlog_amount'), backlog.get(key)!.toNumber(), `${key} backlog`);
    }
    // No series beyond the oracle's rows.
    assert.equal(samples.filter((s) => s.name === 'servicegraph_margin_amount').length, rows.length);
  });

  it('counts the open invoice exceptions by stage and age', () => {
    const raised = new Map<string, BusinessEvent>();
    for (const event of firm.events) {
      if (event.type === 'ps.billing.invoice.exception_raised') raised.set((event.data as { exceptionId: string }).exceptionId, event);
    }
    const now = Date.now();
    const counts = new Map<string, number>();
    for (const invoice of Object.values(expected.invoices)) {
      for (const id of invoice.openExceptions) {
        const event = raised.get(id)!;
        const key = `${(event.data as { stage: string }).stage}|${ageBucket(event.time, now)}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
    assert.ok(counts.size > 0, 'the firm leaves invoice exceptions open');
    for (const stage of ['eligibility', 'pricing', 'tax', 'posting', 'delivery']) {
      for (const age of ['lt_1d', '1d_3d', '3d_7d', 'gt_7d']) {
        assert.equal(sampleValue(samples, 'servicegraph_invoice_exceptions_open', { stage, age }), counts.get(`${stage}|${age}`) ?? 0, `${stage} ${age}`);
      }
    }
  });

  it('serves Node\'s process metrics', () => {
    for (const name of ['process_cpu_user_seconds_total', 'process_resident_memory_bytes', 'nodejs_eventloop_lag_seconds']) {
      assert.ok(samples.some((s) => s.name === name), name);
    }
  });
});
