import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The figures over time (docs/api.md, "Figures over time"): running totals by
 * project and month, and the small aggregates aging and DSO are read from
 * (amounts by currency, legal entity and day), kept by the listeners beside
 * the all-time totals. Each row counts the facts behind it and is deleted
 * when none is left.
 *
 * The partial indexes list the unbilled approved billable facts oldest first
 * (`unbilledFacts`) without reading any billed one.
 */
/** The month's margin, as the entity's `asExpression` says it. */
const MONTH_MARGIN = `recognized_revenue - labor_cost - expense_cost`;

export class FiguresOverTime1765000000500 implements MigrationInterface {
  name = 'FiguresOverTime1765000000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE project.project_month (
      project_id          text COLLATE "C" NOT NULL,
      month               text COLLATE "C" NOT NULL,
      approved_hours      numeric NOT NULL DEFAULT 0,
      labor_cost          numeric NOT NULL DEFAULT 0,
      expense_cost        numeric NOT NULL DEFAULT 0,
      billed_amount       numeric NOT NULL DEFAULT 0,
      recognized_revenue  numeric NOT NULL DEFAULT 0,
      margin              numeric GENERATED ALWAYS AS (${MONTH_MARGIN}) STORED,
      facts               integer NOT NULL DEFAULT 0,
      PRIMARY KEY (project_id, month)
    )`);
    await q.query(`CREATE INDEX project_month_month ON project.project_month (month)`);
    // Where TypeORM's schema diff reads a generated column's expression (see GeneratedColumnMetadata).
    await q.query(
      `INSERT INTO "typeorm_metadata" ("type", "database", "schema", "table", "name", "value")
       VALUES ('GENERATED_COLUMN', current_database(), 'project', 'project_month', 'margin', $1)`,
      [MONTH_MARGIN],
    );
    for (const [table, date, count, amount] of [
      ['project.unbilled_by_fact_date', 'fact_date', 'facts', 'amount'],
      ['billing.receivable_by_due_date', 'due_date', 'invoices', 'amount_due'],
      ['billing.posted_by_invoice_date', 'invoice_date', 'invoices', 'gross_total'],
    ]) {
      await q.query(`CREATE TABLE ${table} (
        currency         character(3) NOT NULL,
        legal_entity_id  text COLLATE "C" NOT NULL,
        ${date}          date NOT NULL,
        ${amount}        numeric NOT NULL DEFAULT 0,
        ${count}         integer NOT NULL DEFAULT 0,
        PRIMARY KEY (currency, legal_entity_id, ${date})
      )`);
    }
    await q.query(`CREATE INDEX time_entry_unbilled ON project.time_entry (work_date, id)
      WHERE status = 'approved' AND billable AND billed_by_invoice_ids = '{}'`);
    await q.query(`CREATE INDEX expense_unbilled ON project.expense (expense_date, id)
      WHERE billable AND billed_by_invoice_ids = '{}'`);
    await q.query(`CREATE INDEX milestone_unbilled ON project.milestone (((approved_at AT TIME ZONE 'UTC')::date), id)
      WHERE billed_by_invoice_ids = '{}'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX project.milestone_unbilled`);
    await q.query(`DROP INDEX project.expense_unbilled`);
    await q.query(`DROP INDEX project.time_entry_unbilled`);
    await q.query(`DROP TABLE billing.posted_by_invoice_date`);
    await q.query(`DROP TABLE billing.receivable_by_due_date`);
    await q.query(`DROP TABLE project.unbilled_by_fact_date`);
    await q.query(`DROP TABLE project.project_month`);
    await q.query(`DELETE FROM "typeorm_metadata" WHERE "type" = 'GENERATED_COLUMN' AND "schema" = 'project' AND "table" = 'project_month'`);
  }
}
