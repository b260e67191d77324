import { MigrationInterface, QueryRunner } from 'typeorm';
import { GRANT_REPORTING_VIEWS, visibleToSession } from './1765000000700-ReportingViews';

/**
 * The figures over time in the SQL reporting surface (docs/reporting.md):
 * project months, and receivables and unbilled aging as of today (the UTC
 * day), read from the same running totals and small aggregates as GraphQL,
 * under the same legal-entity restriction as the other views.
 */

const PROJECT_MONTHS = `CREATE VIEW reporting.project_months WITH (security_barrier) AS
  SELECT m.project_id, m.month, p.currency, p.legal_entity_id,
         m.approved_hours, m.labor_cost, m.expense_cost, m.billed_amount, m.recognized_revenue, m.margin
    FROM project.project_month m
    JOIN project.project p ON p.id = m.project_id
   WHERE ${visibleToSession('p.legal_entity_id')}`;

/** Buckets by days past a date, per currency (legal_entity_id NULL) and per (currency, legal entity). */
function agingView(name: string, table: string, dateColumn: string, amountColumn: string, withNotYetDue: boolean): string {
  const age = `(now() AT TIME ZONE 'UTC')::date - ${dateColumn}`;
  const bucket = (condition: string) => `coalesce(sum(${amountColumn}) FILTER (WHERE ${condition}), 0)`;
  const firstBucket = withNotYetDue ? `${age} BETWEEN 1 AND 30` : `${age} <= 30`;
  return `CREATE VIEW reporting.${name} WITH (security_barrier) AS
  SELECT currency, legal_entity_id, (now() AT TIME ZONE 'UTC')::date AS as_of,
         ${withNotYetDue ? `${bucket(`${age} <= 0`)} AS not_yet_due,` : ''}
         ${bucket(firstBucket)} AS days_1_to_30,
         ${bucket(`${age} BETWEEN 31 AND 60`)} AS days_31_to_60,
         ${bucket(`${age} BETWEEN 61 AND 90`)} AS days_61_to_90,
         ${bucket(`${age} > 90`)} AS over_90,
         coalesce(sum(${amountColumn}), 0) AS total
    FROM ${table}
   WHERE ${visibleToSession('legal_entity_id')}
   GROUP BY GROUPING SETS ((currency), (currency, legal_entity_id))`;
}

export class ReportingViewsOverTime1765000000701 implements MigrationInterface {
  name = 'ReportingViewsOverTime1765000000701';

  async up(q: QueryRunner): Promise<void> {
    await q.query(PROJECT_MONTHS);
    await q.query(agingView('receivables_aging', 'billing.receivable_by_due_date', 'due_date', 'amount_due', true));
    await q.query(agingView('unbilled_aging', 'project.unbilled_by_fact_date', 'fact_date', 'amount', false));
    await q.query(GRANT_REPORTING_VIEWS);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const view of ['unbilled_aging', 'receivables_aging', 'project_months']) await q.query(`DROP VIEW reporting.${view}`);
  }
}
