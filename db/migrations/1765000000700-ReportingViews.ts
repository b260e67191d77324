import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The SQL reporting surface for BI tools that read Postgres (docs/reporting.md):
 * a schema `reporting` of views with snake_case columns, money as `numeric`
 * beside a `currency` column, equal to the GraphQL figures at the same
 * read-model position, and a role `servicegraph_reporting` that may read those
 * views and nothing else.
 *
 * Legal-entity restriction is enforced by Postgres, not by the client: every
 * view keeps a row only if its legal entity is visible to the connection's LOGIN
 * role (`session_user`, which `SET ROLE` cannot change), as recorded in
 * hub.reporting_grant by `servicegraph grant-reporting --legal-entities`. The
 * views are `security_barrier`, so a predicate or function a BI user adds to
 * a query runs only on rows that passed the restriction. They run with the
 * owner's rights (the hub's role), so the reporting role needs no right on
 * the read model's own schemas.
 */

/** True when rows of the legal entity in `column` are visible to the connection's login role. */
export function visibleToSession(column: string): string {
  return `(NOT EXISTS (SELECT 1 FROM hub.reporting_grant g WHERE g.role_name = session_user::text)
    OR EXISTS (SELECT 1 FROM hub.reporting_grant g WHERE g.role_name = session_user::text AND ${column} = ANY (g.legal_entities)))`;
}

export const REPORTING_ROLE = 'servicegraph_reporting';

/** Creates the cluster-wide NOLOGIN role once; tolerant of a parallel migration and of a hub role without CREATEROLE. */
const CREATE_ROLE = `DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${REPORTING_ROLE}') THEN
    CREATE ROLE ${REPORTING_ROLE} NOLOGIN;
  END IF;
EXCEPTION
  WHEN duplicate_object OR unique_violation THEN NULL;
  WHEN insufficient_privilege THEN
    RAISE NOTICE 'servicegraph: cannot create role ${REPORTING_ROLE} (no CREATEROLE); create it and run the migrations again to grant it the reporting views';
END $$`;

/** Grants the role read access to every view of the schema, when the role exists (re-run by later view migrations). */
export const GRANT_REPORTING_VIEWS = `DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${REPORTING_ROLE}') THEN
    GRANT USAGE ON SCHEMA reporting TO ${REPORTING_ROLE};
    GRANT SELECT ON ALL TABLES IN SCHEMA reporting TO ${REPORTING_ROLE};
  END IF;
END $$`;

const CUSTOMERS = `CREATE VIEW reporting.customers WITH (security_barrier) AS
  SELECT a.id AS customer_id, a.name, a.legal_entity_id, a.billing_currency, a.country, a.status,
         (SELECT count(*) FROM customer.account m WHERE m.root_id = a.id AND m.id <> a.id)::int AS merged_accounts
    FROM customer.account a
   WHERE a.merged_into IS NULL AND ${visibleToSession('a.legal_entity_id')}`;

const CUSTOMER_BALANCES = `CREATE VIEW reporting.customer_balances WITH (security_barrier) AS
  SELECT r.id AS customer_id, b.currency, sum(b.outstanding) AS outstanding_balance
    FROM billing.account_balance b
    JOIN customer.account a ON a.id = b.account_id
    JOIN customer.account r ON r.id = a.root_id
   WHERE b.posted_invoices > 0 AND ${visibleToSession('r.legal_entity_id')}
   GROUP BY r.id, b.currency`;

// A project's customer (the survivor of any merge) is left out when its own
// legal entity is not visible: a reference outside the restriction does not exist.
const PROJECTS = `CREATE VIEW reporting.projects WITH (security_barrier) AS
  SELECT p.id AS project_id, p.name,
         CASE WHEN ${visibleToSession('r.legal_entity_id')} THEN r.id END AS customer_id,
         CASE WHEN ${visibleToSession('r.legal_entity_id')} THEN r.name END AS customer_name,
         p.billing_model, p.status, p.currency, p.legal_entity_id,
         p.contract_value, p.budget_hours, p.planned_start, p.planned_end,
         p.approved_hours, p.billable_approved_hours, p.labor_cost, p.expense_cost,
         p.billed_amount, p.unbilled_approved_amount, p.unbilled_approved_hours,
         p.recognized_revenue, p.margin, p.margin_percent, p.revenue_backlog
    FROM project.project p
    LEFT JOIN customer.account a ON a.id = p.account_id
    LEFT JOIN customer.account r ON r.id = a.root_id
   WHERE ${visibleToSession('p.legal_entity_id')}`;

// An invoice is in its project's legal entity (its customer's when the project is unknown).
const INVOICES = `CREATE VIEW reporting.invoices WITH (security_barrier) AS
  SELECT i.id AS invoice_id, i.invoice_number,
         CASE WHEN p.id IS NOT NULL THEN i.project_id END AS project_id, p.name AS project_name,
         CASE WHEN ${visibleToSession('r.legal_entity_id')} THEN coalesce(r.id, i.account_id) END AS customer_id,
         CASE WHEN ${visibleToSession('r.legal_entity_id')} THEN r.name END AS customer_name,
         coalesce(p.legal_entity_id, r.legal_entity_id) AS legal_entity_id,
         i.currency, i.status, i.tax_status, i.payment_state,
         i.net_total, i.tax_total, i.gross_total, i.amount_paid, i.amount_due,
         i.invoice_date, i.due_date, i.drafted_at, i.posted_at, i.sent_at, i.voided_at,
         (SELECT count(*) FROM billing.invoice_exception x WHERE x.invoice_id = i.id AND x.resolved_at IS NULL)::int AS open_exceptions
    FROM billing.invoice i
    LEFT JOIN project.project p ON p.id = i.project_id
    LEFT JOIN customer.account a ON a.id = i.account_id
    LEFT JOIN customer.account r ON r.id = a.root_id
   WHERE ${visibleToSession('coalesce(p.legal_entity_id, r.legal_entity_id)')}`;

// The sums of GraphQL's portfolio: one row per currency (legal_entity_id NULL)
// and one per (currency, legal entity), over the visible projects; an invoice
// counts under its project's legal entity.
const PORTFOLIO = `CREATE VIEW reporting.portfolio WITH (security_barrier) AS
  WITH projects AS (
    SELECT currency, legal_entity_id, count(*) AS project_count,
           sum(approved_hours) AS approved_hours, sum(labor_cost) AS labor_cost, sum(expense_cost) AS expense_cost,
           sum(billed_amount) AS billed_amount, sum(unbilled_approved_amount) AS unbilled_approved_amount,
           sum(recognized_revenue) AS recognized_revenue
      FROM project.project p WHERE ${visibleToSession('p.legal_entity_id')}
     GROUP BY currency, legal_entity_id
  ), invoices AS (
    SELECT i.currency, p.legal_entity_id, sum(i.amount_due) AS outstanding_balance
      FROM billing.invoice i JOIN project.project p ON p.id = i.project_id
     WHERE i.status = 'posted' GROUP BY i.currency, p.legal_entity_id
  ), exceptions AS (
    SELECT i.currency, p.legal_entity_id, count(*) AS open_invoice_exceptions
      FROM billing.invoice_exception x JOIN billing.invoice i ON i.id = x.invoice_id JOIN project.project p ON p.id = i.project_id
     WHERE x.resolved_at IS NULL GROUP BY i.currency, p.legal_entity_id
  ), sums AS (
    SELECT currency, legal_entity_id, sum(project_count)::int AS project_count,
           sum(approved_hours) AS approved_hours, sum(labor_cost) AS labor_cost, sum(expense_cost) AS expense_cost,
           sum(billed_amount) AS billed_amount, sum(unbilled_approved_amount) AS unbilled_approved_amount,
           sum(recognized_revenue) AS recognized_revenue,
           sum(coalesce(invoices.outstanding_balance, 0)) AS outstanding_balance,
           sum(coalesce(exceptions.open_invoice_exceptions, 0))::int AS open_invoice_exceptions
      FROM projects LEFT JOIN invoices USING (currency, legal_entity_id) LEFT JOIN exceptions USING (currency, legal_entity_id)
     GROUP BY GROUPING SETS ((currency), (currency, legal_entity_id))
  )
  SELECT currency, legal_entity_id, project_count, approved_hours, labor_cost, expense_cost, billed_amount,
         unbilled_approved_amount, recognized_revenue,
         recognized_revenue - labor_cost - expense_cost AS margin,
         CASE WHEN recognized_revenue = 0 THEN NULL
              ELSE round((recognized_revenue - labor_cost - expense_cost) * 100 / recognized_revenue, 2) END AS margin_percent,
         outstanding_balance, open_invoice_exceptions
    FROM sums`;

export class ReportingViews1765000000700 implements MigrationInterface {
  name = 'ReportingViews1765000000700';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE hub.reporting_grant (
      role_name       text COLLATE "C" PRIMARY KEY,
      legal_entities  text[] NOT NULL,
      granted_at      timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE SCHEMA reporting`);
    for (const view of [CUSTOMERS, CUSTOMER_BALANCES, PROJECTS, INVOICES, PORTFOLIO]) await q.query(view);
    await q.query(CREATE_ROLE);
    await q.query(GRANT_REPORTING_VIEWS);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SCHEMA reporting CASCADE`);
    await q.query(`DROP TABLE hub.reporting_grant`);
  }
}
