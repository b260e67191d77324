/**
 * The monitoring setup of docker-compose.yml against what the processes
 * export: every metric the Grafana dashboard and the Prometheus alerts use is
 * one a servicegraph process serves at /metrics, and Prometheus scrapes every
 * servicegraph service at the port the configuration gives it.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Pool } from 'pg';
import { parse } from 'yaml';
import { loadConfig, type Config } from '../../config/config';
import { GatewayMetrics } from '../../gateway/requestMetrics';
import { registerLiveMetrics } from '../../live/liveMetrics';
import { registerHubMetrics } from '../../observability/hubMetrics';
import { createRegistry, Histogram, type Registry } from '../../observability/metrics';
import { operationsEndpoints } from '../../observability/probes';

const root = path.join(__dirname, '..', '..', '..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');
const compose = parse(read('docker-compose.yml'), { merge: true }) as {
  services: Record<string, { environment?: Record<string, string>; volumes?: string[]; entrypoint?: string[]; depends_on?: Record<string, { condition: string }> }>;
};
const prometheus = parse(read('monitoring/prometheus/prometheus.yml')) as {
  rule_files: string[];
  scrape_configs: { job_name: string; metrics_path?: string; authorization?: { type: string; credentials_file: string }; static_configs: { targets: string[] }[] }[];
};
const alerts = parse(read('monitoring/prometheus/alerts.yml')) as { groups: { rules: { alert: string; expr: string }[] }[] };
const dashboard = JSON.parse(read('monitoring/grafana/dashboards/servicegraph.json')) as { panels: { title: string; targets?: { expr: string }[] }[] };

/** Names of the samples a registry serves (a histogram's _bucket, _sum and _count). */
function sampleNames(registry: Registry): string[] {
  return registry.getMetricsAsArray().flatMap((metric) => {
    const name = (metric as unknown as { name: string }).name;
    return metric instanceof Histogram ? [`${name}_bucket`, `${name}_sum`, `${name}_count`] : [name];
  });
}

/** Every sample a servicegraph process can serve: the hub's, the gateway's (with the live metrics), a subgraph process's. */
function exportedNames(): Set<string> {
  const hub = createRegistry();
  registerHubMetrics(hub, { pool: {} as Pool, counts: { outcomes: () => ({ accepted: 0, duplicate: 0, rejected: 0 }), applied: () => 0 } });
  operationsEndpoints(hub, []);
  const gateway = createRegistry();
  new GatewayMetrics(gateway);
  registerLiveMetrics(gateway, () => []);
  operationsEndpoints(gateway, []);
  const subgraph = createRegistry();
  operationsEndpoints(subgraph, []);
  return new Set([hub, gateway, subgraph].flatMap(sampleNames));
}

/** The metric names a PromQL expression reads (Prometheus's own `up` aside). */
function metricsOf(expr: string): string[] {
  const withoutStrings = expr.replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/\{[^}]*\}/g, '').replace(/\[[^\]]*\]/g, '');
  return [...withoutStrings.matchAll(/\b(servicegraph_[a-z0-9_]+|process_[a-z0-9_]+|nodejs_[a-z0-9_]+)\b/g)].map((m) => m[1]!);
}

describe('the monitoring setup', () => {
  const exported = exportedNames();

  it('exports every metric of the operations reference', () => {
    for (const name of [
      'servicegraph_events_total', 'servicegraph_events_applied_total', 'servicegraph_listener_lag_events', 'servicegraph_listener_lag_seconds',
      'servicegraph_events_parked', 'servicegraph_exceptions_open', 'servicegraph_graphql_requests_total',
      'servicegraph_graphql_request_duration_seconds_bucket', 'servicegraph_subgraph_request_duration_seconds_bucket',
      'servicegraph_subscriptions_active', 'servicegraph_change_push_seconds_bucket', 'servicegraph_unbilled_approved_amount',
      'servicegraph_unbilled_approved_hours', 'servicegraph_receivables_outstanding_amount', 'servicegraph_recognized_revenue_amount',
      'servicegraph_margin_amount', 'servicegraph_revenue_backlog_amount', 'servicegraph_invoice_exceptions_open', 'servicegraph_ready',
    ]) assert.ok(exported.has(name), name);
  });

  it('draws only metrics the processes export, in every panel of the dashboard', () => {
    const panels = dashboard.panels.filter((panel) => panel.targets?.length);
    assert.ok(panels.length >= 15);
    for (const panel of panels) {
      for (const target of panel.targets!) {
        const names = metricsOf(target.expr);
        assert.ok(names.length > 0, `${panel.title}: ${target.expr} reads a servicegraph metric`);
        for (const name of names) assert.ok(exported.has(name), `${panel.title}: ${name} is exported`);
      }
    }
  });

  it('shows the figures the operators asked for: ingest rate, lag, freshness, latency by operation, subscriptions, business figures', () => {
    const exprs = dashboard.panels.flatMap((panel) => (panel.targets ?? []).map((t) => t.expr)).join('\n');
    for (const name of ['servicegraph_events_total', 'servicegraph_listener_lag_seconds', 'servicegraph_change_push_seconds_bucket',
      'servicegraph_subscriptions_active', 'servicegraph_unbilled_approved_amount', 'servicegraph_invoice_exceptions_open']) {
      assert.ok(exprs.includes(name), name);
    }
    assert.match(exprs, /sum by \(le, operation\) \(rate\(servicegraph_graphql_request_duration_seconds_bucket/);
  });

  it('alerts only on metrics the processes export', () => {
    const rules = alerts.groups.flatMap((group) => group.rules);
    assert.ok(rules.length >= 5);
    for (const rule of rules) for (const name of metricsOf(rule.expr)) assert.ok(exported.has(name), `${rule.alert}: ${name} is exported`);
  });

  it('scrapes /metrics of every servicegraph service at the port its configuration gives it, and loads the alerts', () => {
    const targets = new Set(prometheus.scrape_configs.flatMap((job) => {
      assert.equal(job.metrics_path ?? '/metrics', '/metrics', job.job_name);
      return job.static_configs.flatMap((c) => c.targets);
    }));
    const portOf = (service: string, config: Config) => (service === 'hub' ? config.ports.ingest : config.ports[service as keyof Config['ports']]);
    for (const service of ['hub', 'customer', 'project', 'billing', 'revenue', 'gateway']) {
      const config = loadConfig({ ...compose.services[service]!.environment, HOST: '0.0.0.0' });
      assert.ok(targets.has(`${service}:${portOf(service, config)}`), `${service} is scraped`);
    }
    assert.deepEqual(compose.services.prometheus!.volumes?.[0], './monitoring/prometheus:/etc/prometheus:ro');
    assert.deepEqual(prometheus.rule_files, ['/etc/prometheus/alerts.yml']);
  });

  it('scrapes with a bearer token of scope operations:read, minted with the hub\'s secret before Prometheus starts', () => {
    const minter = compose.services['prometheus-token']!;
    const script = minter.entrypoint!.join(' ');
    assert.match(script, /dist\/cli\/main\.js token .*--scope operations:read/);
    const [, file] = /> (\/tokens\/\S+)\.tmp && mv \/tokens\/\S+\.tmp (\/tokens\/\S+)$/.exec(script) ?? [];
    assert.ok(file, script);
    const [volume] = minter.volumes![0]!.split(':');
    const mounted = compose.services.prometheus!.volumes!.find((v) => v.startsWith(`${volume}:`))!;
    const inPrometheus = file!.replace('/tokens', mounted.split(':')[1]!);
    for (const job of prometheus.scrape_configs) assert.deepEqual(job.authorization, { type: 'Bearer', credentials_file: inPrometheus }, job.job_name);
    assert.equal(compose.services.prometheus!.depends_on?.['prometheus-token']?.condition, 'service_completed_successfully');
    assert.equal(minter.environment?.AUTH_JWT_SECRET, compose.services.hub!.environment?.AUTH_JWT_SECRET, 'signed with the hub\'s secret');
  });
});
