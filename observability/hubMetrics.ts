/**
 * The hub's metrics on its ingest port (docs/operations.md): how many events
 * came in and were applied (counted in memory by the threads that do the
 * work), and, read from Postgres at each scrape in ONE snapshot transaction,
 * how far the listeners are behind and what the business sees — the figures
 * `portfolio(legalEntityId:)` answers at the same read-model position.
 *
 * The business figures are sums of the running totals the listeners keep on
 * each project row (as the portfolio resolvers read them) and of the posted
 * invoices' amounts due; open invoice exceptions come from their partial
 * index. Nothing reads the event log or the facts, so a scrape costs the
 * same at 1M events as at 1,000.
 */
import type { Pool } from 'pg';
import { DEFAULT_LIMITS } from '../config/limits';
import { READ_MODEL_PROJECTOR } from '../hub/checkpoint';
import { Counter, Gauge, sharedRead, type Registry } from './metrics';

/** What the hub's threads counted since the process started. */
export interface HubCounts {
  /** Answers to POST /events by outcome. */
  outcomes(): { accepted: number; duplicate: number; rejected: number };
  /** Events the listeners applied (exceptions included, as in `ingestStatus.applied`). */
  applied(): number;
  /** Restarts of the gateway process `servicegraph start` supervises (0 with the gateway in the hub's process or none). */
  gatewayRestarts?(): number;
}

export interface BusinessRow {
  currency: string;
  legalEntityId: string;
  unbilledApprovedAmount: string;
  unbilledApprovedHours: string;
  receivablesOutstanding: string;
  recognizedRevenue: string;
  margin: string;
  revenueBacklog: string;
}

export const INVOICE_EXCEPTION_STAGES = ['eligibility', 'pricing', 'tax', 'posting', 'delivery'] as const;
export const EXCEPTION_AGES = ['lt_1d', '1d_3d', '3d_7d', 'gt_7d'] as const;

export interface HubSnapshot {
  /** The read-model position the snapshot is at (the projector's checkpoint). */
  position: string;
  lagEvents: number;
  lagSeconds: number;
  parked: number;
  exceptionsOpen: number;
  business: BusinessRow[];
  invoiceExceptions: { stage: string; age: string; count: number }[];
}

const STATE = `
  WITH checkpoint AS (SELECT coalesce((SELECT position FROM hub.checkpoint WHERE projector = '${READ_MODEL_PROJECTOR}'), 0) AS position)
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

/**
 * Reads everything a scrape shows from Postgres, in one snapshot (REPEATABLE
 * READ, read only), within `readTimeoutMs` (READ_TIMEOUT_SECONDS, as every
 * other read): a database that holds the scrape (a lock, a stall) fails it
 * rather than keeping the scraper waiting past its own timeout.
 */
export async function readHubSnapshot(pool: Pool, readTimeoutMs: number): Promise<HubSnapshot> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await client.query(`SET LOCAL statement_timeout = ${Math.trunc(readTimeoutMs)}`);
    const state = (await client.query(STATE)).rows[0];
    const business = (await client.query<BusinessRow>(BUSINESS)).rows;
    const invoiceExceptions = (await client.query<{ stage: string; age: string; count: number }>(INVOICE_EXCEPTIONS)).rows;
    await client.query('COMMIT');
    const counters: Record<string, number> = state.counters ?? {};
    const count = (name: string) => Number(counters[name] ?? 0);
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
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

const BUSINESS_GAUGES: ReadonlyArray<readonly [string, keyof BusinessRow, string]> = [
  ['servicegraph_unbilled_approved_amount', 'unbilledApprovedAmount', 'Approved billable work not on a posted, not voided invoice (work in progress), in the currency.'],
  ['servicegraph_unbilled_approved_hours', 'unbilledApprovedHours', 'Hours of approved billable time entries not on a posted, not voided invoice.'],
  ['servicegraph_receivables_outstanding_amount', 'receivablesOutstanding', 'Σ amountDue of posted, not voided invoices (the portfolio\'s outstandingBalance).'],
  ['servicegraph_recognized_revenue_amount', 'recognizedRevenue', 'Recognized revenue not reversed.'],
  ['servicegraph_margin_amount', 'margin', 'Recognized revenue − labor cost − expense cost.'],
  ['servicegraph_revenue_backlog_amount', 'revenueBacklog', 'Σ revenue backlog of time-and-materials and milestone projects.'],
];

/** Registers the hub's metrics on `registry`; a scrape reads `pool` once. */
export function registerHubMetrics(registry: Registry, options: { pool: Pool; counts: HubCounts; readTimeoutMs?: number }): void {
  const registers = [registry];
  const snapshot = sharedRead(() => readHubSnapshot(options.pool, options.readTimeoutMs ?? DEFAULT_LIMITS.readTimeoutMs));
  const { counts } = options;

  new Counter({
    name: 'servicegraph_events_total', help: 'Events answered by POST /events since the process started, by outcome.', labelNames: ['outcome'], registers,
    collect() {
      this.reset();
      for (const [outcome, value] of Object.entries(counts.outcomes())) this.labels(outcome).inc(value);
    },
  });
  new Counter({
    name: 'servicegraph_events_applied_total', help: 'Events the listeners applied since the process started (exceptions included).', registers,
    collect() {
      this.reset();
      this.inc(counts.applied());
    },
  });
  new Counter({
    name: 'servicegraph_gateway_restarts_total', help: 'Restarts of the gateway process since the hub started (it failed: out of memory, killed, crashed).', registers,
    collect() {
      this.reset();
      this.inc(counts.gatewayRestarts?.() ?? 0);
    },
  });
  const fromSnapshot = (name: string, help: string, value: (s: HubSnapshot) => number) =>
    new Gauge({ name, help, registers, async collect() { this.set(value(await snapshot())); } });
  fromSnapshot('servicegraph_read_model_position', 'The event-log position the read model (and this scrape\'s figures) is at.', (s) => Number(s.position));
  fromSnapshot('servicegraph_listener_lag_events', 'Accepted events not yet applied or parked.', (s) => s.lagEvents);
  fromSnapshot('servicegraph_listener_lag_seconds', 'Age of the oldest accepted event not yet applied or parked; 0 when caught up.', (s) => s.lagSeconds);
  fromSnapshot('servicegraph_events_parked', 'Events waiting for an aggregate or a predecessor.', (s) => s.parked);
  fromSnapshot('servicegraph_exceptions_open', 'Hub exceptions (ILLEGAL_TRANSITION and the like) not dismissed.', (s) => s.exceptionsOpen);

  for (const [name, field, help] of BUSINESS_GAUGES) {
    new Gauge({
      name, help, labelNames: ['currency', 'legal_entity'], registers,
      async collect() {
        const { business } = await snapshot();
        this.reset();
        for (const row of business) this.labels(row.currency, row.legalEntityId).set(Number(row[field]));
      },
    });
  }
  new Gauge({
    name: 'servicegraph_invoice_exceptions_open', help: 'Open invoice exceptions by stage and age since raisedAt.', labelNames: ['stage', 'age'], registers,
    async collect() {
      const { invoiceExceptions } = await snapshot();
      this.reset();
      // Every stage and age, zero included, so a series never vanishes when its last exception is resolved.
      for (const stage of INVOICE_EXCEPTION_STAGES) for (const age of EXCEPTION_AGES) this.labels(stage, age).set(0);
      for (const row of invoiceExceptions) this.labels(row.stage, row.age).set(row.count);
    },
  });
}
