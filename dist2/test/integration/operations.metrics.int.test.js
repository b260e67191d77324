"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * GET /metrics of a hub fed the simulated firm: once it has settled, each
 * business gauge equals the oracle's portfolio (and project figures) per
 * currency and legal entity, open invoice exceptions are counted by stage and
 * age, the lag gauges are 0, and the counters grew by exactly the events sent.
 */
const strict_1 = __importDefault(require("node:assert/strict"));
const big_js_1 = __importDefault(require("big.js"));
const node_test_1 = require("node:test");
const hub_1 = require("../../cli/hub");
const logger_1 = require("../../cli/logger");
const config_1 = require("../../config/config");
const firm_1 = require("../../simulator/firm");
const oracle_1 = require("../../simulator/oracle");
const post_1 = require("../../simulator/post");
const eventually_1 = require("../support/eventually");
const prometheusText_1 = require("../support/prometheusText");
const testDatabase_1 = require("../support/testDatabase");
const firm = (0, firm_1.simulateFirm)({ seed: 'operations-metrics', scale: 1, illegal: true });
const expected = (0, oracle_1.expectedFigures)(firm.events);
/** Σ of a project figure per "currency|legal entity" (null figures left out). */
function projectSums(field) {
    const sums = new Map();
    for (const p of Object.values(expected.projects)) {
        const key = `${p.currency}|${p.legalEntityId}`;
        sums.set(key, (sums.get(key) ?? new big_js_1.default(0)).plus(p[field] ?? '0'));
    }
    return sums;
}
function ageBucket(raisedAt, now) {
    const hours = (now - Date.parse(raisedAt)) / 3_600_000;
    return hours < 24 ? 'lt_1d' : hours < 72 ? '1d_3d' : hours < 168 ? '3d_7d' : 'gt_7d';
}
(0, node_test_1.describe)('the hub\'s metrics after the simulated firm settles', () => {
    let db;
    let hub;
    let before_;
    let samples;
    let metricsUrl;
    (0, node_test_1.before)(async () => {
        db = await (0, testDatabase_1.createTestDatabase)();
        hub = await (0, hub_1.startHub)((0, config_1.loadConfig)({ DATABASE_URL: db.url, INGEST_PORT: '0', LOG_LEVEL: 'error' }), (0, logger_1.createLogger)('error'), { gateway: false });
        metricsUrl = `${hub.ingestUrl}/metrics`;
        before_ = await (0, prometheusText_1.scrape)(metricsUrl);
        await (0, post_1.postEvents)(firm.events, { url: `${hub.ingestUrl}/events`, progress: false });
        await (0, eventually_1.eventually)('the listeners to catch up', async () => {
            samples = await (0, prometheusText_1.scrape)(metricsUrl);
            return (0, prometheusText_1.sampleValue)(samples, 'servicegraph_listener_lag_events') === 0;
        }, { intervalMs: 100 });
        // The applied counter is counted from the listener thread's message after each commit: it may trail the
        // database by that message. Once it reaches the events applied, it must not go past them.
        await (0, eventually_1.eventually)('the applied counter to catch up', async () => {
            samples = await (0, prometheusText_1.scrape)(metricsUrl);
            return (0, prometheusText_1.sampleValue)(samples, 'servicegraph_events_applied_total') >= expected.events.applied;
        }, { intervalMs: 50, timeoutMs: 20_000, describe: () => String((0, prometheusText_1.sampleValue)(samples, 'servicegraph_events_applied_total')) });
        await new Promise((resolve) => setTimeout(resolve, 300));
        samples = await (0, prometheusText_1.scrape)(metricsUrl);
    });
    (0, node_test_1.after)(async () => {
        await hub?.stop();
        await db?.drop();
    });
    (0, node_test_1.it)('counts exactly the events sent, and every one applied', () => {
        const grew = (name, labels) => (0, prometheusText_1.sampleValue)(samples, name, labels) - ((0, prometheusText_1.sampleValue)(before_, name, labels) ?? 0);
        strict_1.default.equal(grew('servicegraph_events_total', { outcome: 'accepted' }), firm.events.length);
        strict_1.default.equal(grew('servicegraph_events_total', { outcome: 'duplicate' }), 0);
        strict_1.default.equal(grew('servicegraph_events_total', { outcome: 'rejected' }), 0);
        strict_1.default.equal(grew('servicegraph_events_applied_total'), expected.events.applied);
        strict_1.default.ok(expected.exceptions.length > 0, 'the firm has illegal events');
        strict_1.default.equal((0, prometheusText_1.sampleValue)(samples, 'servicegraph_exceptions_open'), expected.exceptions.length);
    });
    (0, node_test_1.it)('shows no lag once settled', () => {
        strict_1.default.equal((0, prometheusText_1.sampleValue)(samples, 'servicegraph_listener_lag_events'), 0);
        strict_1.default.equal((0, prometheusText_1.sampleValue)(samples, 'servicegraph_listener_lag_seconds'), 0);
        strict_1.default.equal((0, prometheusText_1.sampleValue)(samples, 'servicegraph_events_parked'), 0);
    });
    (0, node_test_1.it)('has each business figure equal to the oracle\'s per currency and legal entity', () => {
        const unbilledHours = projectSums('unbilledApprovedHours');
        const backlog = projectSums('revenueBacklog');
        const rows = expected.portfolioByLegalEntity;
        strict_1.default.ok(rows.length >= 2, 'the firm has several legal entities');
        for (const row of rows) {
            const labels = { currency: row.currency, legal_entity: row.legalEntityId };
            const key = `${row.currency}|${row.legalEntityId}`;
            const gauge = (name) => (0, prometheusText_1.sampleValue)(samples, name, labels);
            strict_1.default.equal(gauge('servicegraph_unbilled_approved_amount'), Number(row.unbilledApprovedAmount), `${key} unbilled`);
            strict_1.default.equal(gauge('servicegraph_unbilled_approved_hours'), unbilledHours.get(key).toNumber(), `${key} unbilled hours`);
            strict_1.default.equal(gauge('servicegraph_receivables_outstanding_amount'), Number(row.outstandingBalance), `${key} receivables`);
            strict_1.default.equal(gauge('servicegraph_recognized_revenue_amount'), Number(row.recognizedRevenue), `${key} revenue`);
            strict_1.default.equal(gauge('servicegraph_margin_amount'), Number(row.margin), `${key} margin`);
            strict_1.default.equal(gauge('servicegraph_revenue_backlog_amount'), backlog.get(key).toNumber(), `${key} backlog`);
        }
        // No series beyond the oracle's rows.
        strict_1.default.equal(samples.filter((s) => s.name === 'servicegraph_margin_amount').length, rows.length);
    });
    (0, node_test_1.it)('counts the open invoice exceptions by stage and age', () => {
        const raised = new Map();
        for (const event of firm.events) {
            if (event.type === 'ps.billing.invoice.exception_raised')
                raised.set(event.data.exceptionId, event);
        }
        const now = Date.now();
        const counts = new Map();
        for (const invoice of Object.values(expected.invoices)) {
            for (const id of invoice.openExceptions) {
                const event = raised.get(id);
                const key = `${event.data.stage}|${ageBucket(event.time, now)}`;
                counts.set(key, (counts.get(key) ?? 0) + 1);
            }
        }
        strict_1.default.ok(counts.size > 0, 'the firm leaves invoice exceptions open');
        for (const stage of ['eligibility', 'pricing', 'tax', 'posting', 'delivery']) {
            for (const age of ['lt_1d', '1d_3d', '3d_7d', 'gt_7d']) {
                strict_1.default.equal((0, prometheusText_1.sampleValue)(samples, 'servicegraph_invoice_exceptions_open', { stage, age }), counts.get(`${stage}|${age}`) ?? 0, `${stage} ${age}`);
            }
        }
    });
    (0, node_test_1.it)('serves Node\'s process metrics', () => {
        for (const name of ['process_cpu_user_seconds_total', 'process_resident_memory_bytes', 'nodejs_eventloop_lag_seconds']) {
            strict_1.default.ok(samples.some((s) => s.name === name), name);
        }
    });
});
//# sourceMappingURL=operations.metrics.int.test.js.map