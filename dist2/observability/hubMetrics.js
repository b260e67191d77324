"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.EXCEPTION_AGES = exports.INVOICE_EXCEPTION_STAGES = void 0;
exports.readHubSnapshot = readHubSnapshot;
exports.registerHubMetrics = registerHubMetrics;
const metrics_1 = require("./metrics");
exports.INVOICE_EXCEPTION_STAGES = ['eligibility', 'pricing', 'tax', 'posting', 'delivery'];
exports.EXCEPTION_AGES = ['lt_1d', '1d_3d', '3d_7d', 'gt_7d'];
const STATE = `
  WITH checkpoint AS (SELECT coalesce((SELECT position FROM hub.checkpoint WHERE projector = 'read-model'), 0) AS position)
  SELECT (SELECT position FROM checkpoint)::text AS position,
         (SELECT jsonb_object_agg(name, value) FROM hub.counter) AS counters,
         (SELECT count(*) FROM hub.parked_event)::int AS parked,
         (SELECT count(*) FROM hub.exception WHERE dismissed_at IS NULL)::int AS exceptions_open,
         (SELECT extract(epoch FROM now() - received_at) FROM hub.event_log
           WHERE position > (SELECT position FROM checkpoint) ORDER BY position LIMIT 1)::float8 AS lag_seconds`;
const BUSINESS = `
  WITH projects AS (
    SELECT currency, legal_entity_id, sum(unbilled_approved_amount) AS unbilled_amount, sum(unbilled_approved_hours) AS unbilled_hours,
           sum(recognized_revenue) AS revenue, sum(recognized_revenue) - sum(labor_cost) - sum(expense_cost) AS margin,
           coalesce(sum(revenue_backlog), 0) AS backlog
    FROM project.project GROUP BY currency, legal_entity_id
  ), receivables AS (
    SELECT i.currency, p.legal_entity_id, sum(i.amount_due) AS outstanding
    FROM billing.invoice i JOIN project.project p ON p.id = i.project_id
    WHERE i.status = 'posted' GROUP BY i.currency, p.legal_entity_id
  )
  SELECT currency, legal_entity_id AS "legalEntityId", unbilled_amount::text AS "unbilledApprovedAmount",
         unbilled_hours::text AS "unbilledApprovedHours", coalesce(outstanding, 0)::text AS "receivablesOutstanding",
         revenue::text AS "recognizedRevenue", margin::text AS margin, backlog::text AS "revenueBacklog"
  FROM projects LEFT JOIN receivables USING (currency, legal_entity_id) ORDER BY currency, legal_entity_id`;
const INVOICE_EXCEPTIONS = `
  SELECT stage, CASE WHEN now() - raised_at < interval '1 day' THEN 'lt_1d' WHEN now() - raised_at < interval '3 days' THEN '1d_3d'
                     WHEN now() - raised_at < interval '7 days' THEN '3d_7d' ELSE 'gt_7d' END AS age, count(*)::int AS count
  FROM billing.invoice_exception WHERE resolved_at IS NULL GROUP BY 1, 2`;
/** Reads everything a scrape shows from Postgres, in one snapshot (REPEATABLE READ, read only). */
async function readHubSnapshot(pool) {
    const client = await pool.connect();
    try {
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        const state = (await client.query(STATE)).rows[0];
        const business = (await client.query(BUSINESS)).rows;
        const invoiceExceptions = (await client.query(INVOICE_EXCEPTIONS)).rows;
        await client.query('COMMIT');
        const counters = state.counters ?? {};
        const count = (name) => Number(counters[name] ?? 0);
        return {
            position: state.position,
            // Accepted, not yet applied, parked or found stale (as GET /status's `pending`).
            lagEvents: count('received') - count('applied') - state.parked - count('stale'),
            lagSeconds: state.lag_seconds ?? 0,
            parked: state.parked,
            exceptionsOpen: state.exceptions_open,
            business,
            invoiceExceptions,
        };
    }
    catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
    }
    finally {
        client.release();
    }
}
const BUSINESS_GAUGES = [
    ['servicegraph_unbilled_approved_amount', 'unbilledApprovedAmount', 'Approved billable work not on a posted, not voided invoice (work in progress), in the currency.'],
    ['servicegraph_unbilled_approved_hours', 'unbilledApprovedHours', 'Hours of approved billable time entries not on a posted, not voided invoice.'],
    ['servicegraph_receivables_outstanding_amount', 'receivablesOutstanding', 'Σ amountDue of posted, not voided invoices (the portfolio\'s outstandingBalance).'],
    ['servicegraph_recognized_revenue_amount', 'recognizedRevenue', 'Recognized revenue not reversed.'],
    ['servicegraph_margin_amount', 'margin', 'Recognized revenue − labor cost − expense cost.'],
    ['servicegraph_revenue_backlog_amount', 'revenueBacklog', 'Σ revenue backlog of time-and-materials and milestone projects.'],
];
/** Registers the hub's metrics on `registry`; a scrape reads `pool` once. */
function registerHubMetrics(registry, options) {
    const registers = [registry];
    const snapshot = (0, metrics_1.sharedRead)(() => readHubSnapshot(options.pool));
    const { counts } = options;
    new metrics_1.Counter({
        name: 'servicegraph_events_total', help: 'Events answered by POST /events since the process started, by outcome.', labelNames: ['outcome'], registers,
        collect() {
            this.reset();
            for (const [outcome, value] of Object.entries(counts.outcomes()))
                this.labels(outcome).inc(value);
        },
    });
    new metrics_1.Counter({
        name: 'servicegraph_events_applied_total', help: 'Events the listeners applied since the process started (exceptions included).', registers,
        collect() {
            this.reset();
            this.inc(counts.applied());
        },
    });
    const fromSnapshot = (name, help, value) => new metrics_1.Gauge({ name, help, registers, async collect() { this.set(value(await snapshot())); } });
    fromSnapshot('servicegraph_read_model_position', 'The event-log position the read model (and this scrape\'s figures) is at.', (s) => Number(s.position));
    fromSnapshot('servicegraph_listener_lag_events', 'Accepted events not yet applied or parked.', (s) => s.lagEvents);
    fromSnapshot('servicegraph_listener_lag_seconds', 'Age of the oldest accepted event not yet applied or parked; 0 when caught up.', (s) => s.lagSeconds);
    fromSnapshot('servicegraph_events_parked', 'Events waiting for an aggregate or a predecessor.', (s) => s.parked);
    fromSnapshot('servicegraph_exceptions_open', 'Hub exceptions (ILLEGAL_TRANSITION and the like) not dismissed.', (s) => s.exceptionsOpen);
    for (const [name, field, help] of BUSINESS_GAUGES) {
        new metrics_1.Gauge({
            name, help, labelNames: ['currency', 'legal_entity'], registers,
            async collect() {
                const { business } = await snapshot();
                this.reset();
                for (const row of business)
                    this.labels(row.currency, row.legalEntityId).set(Number(row[field]));
            },
        });
    }
    new metrics_1.Gauge({
        name: 'servicegraph_invoice_exceptions_open', help: 'Open invoice exceptions by stage and age since raisedAt.', labelNames: ['stage', 'age'], registers,
        async collect() {
            const { invoiceExceptions } = await snapshot();
            this.reset();
            // Every stage and age, zero included, so a series never vanishes when its last exception is resolved.
            for (const stage of exports.INVOICE_EXCEPTION_STAGES)
                for (const age of exports.EXCEPTION_AGES)
                    this.labels(stage, age).set(0);
            for (const row of invoiceExceptions)
                this.labels(row.stage, row.age).set(row.count);
        },
    });
}
//# sourceMappingURL=hubMetrics.js.map