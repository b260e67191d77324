/**
 * The figures over time are running totals moved by the same contributions as
 * the all-time figures: after EVERY batch of a shuffled delivery (out-of-order
 * events, postings before drafts, payments before invoices, voids, reversals,
 * merges), each project's months sum to its figures, and the aggregates aging
 * and DSO are read from sum to the unbilled amount, the amount due and the
 * gross posted of the read model, per currency and legal entity.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type pg from 'pg';
import { startIngestServer } from '../../ingest/server';
import { Projector } from '../../listeners/projector';
import { deliver } from '../../simulator/delivery';
import { simulateFirm } from '../../simulator/firm';
import { postEvents } from '../../simulator/post';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';

/** Rows where the dated figures disagree with the all-time ones ([] when they agree). */
async function disagreements(pool: pg.Pool): Promise<unknown[]> {
  const { rows } = await pool.query(`
    WITH months AS (
      SELECT project_id, sum(approved_hours) AS h, sum(labor_cost) AS l, sum(expense_cost) AS e, sum(billed_amount) AS b,
             sum(recognized_revenue) AS r, sum(margin) AS m
        FROM project.project_month GROUP BY project_id
    )
    SELECT 'project months' AS what, p.id AS key FROM project.project p LEFT JOIN months ON months.project_id = p.id
     WHERE coalesce(h, 0) <> p.approved_hours OR coalesce(l, 0) <> p.labor_cost OR coalesce(e, 0) <> p.expense_cost
        OR coalesce(b, 0) <> p.billed_amount OR coalesce(r, 0) <> p.recognized_revenue OR coalesce(m, 0) <> p.margin
    UNION ALL
    SELECT 'unbilled by fact date', coalesce(a.currency, b.currency) || '/' || coalesce(a.legal_entity_id, b.legal_entity_id)
      FROM (SELECT currency, legal_entity_id, sum(unbilled_approved_amount) AS amount FROM project.project GROUP BY 1, 2
             HAVING sum(unbilled_approved_amount) <> 0) a
      FULL JOIN (SELECT currency, legal_entity_id, sum(amount) AS amount FROM project.unbilled_by_fact_date GROUP BY 1, 2
             HAVING sum(amount) <> 0) b USING (currency, legal_entity_id)
     WHERE a.amount IS DISTINCT FROM b.amount
    UNION ALL
    SELECT 'receivables by due date / posted by invoice date', coalesce(a.currency, b.currency) || '/' || coalesce(a.legal_entity_id, b.legal_entity_id)
      FROM (SELECT i.currency, p.legal_entity_id, sum(i.amount_due) AS due, sum(i.gross_total) AS gross, count(*) AS n
              FROM billing.invoice i JOIN project.project p ON p.id = i.project_id WHERE i.status = 'posted' GROUP BY 1, 2) a
      FULL JOIN (SELECT d.currency, d.legal_entity_id, d.due, d.n, g.gross, g.n AS gn
              FROM (SELECT currency, legal_entity_id, sum(amount_due) AS due, sum(invoices) AS n FROM billing.receivable_by_due_date GROUP BY 1, 2) d
              JOIN (SELECT currency, legal_entity_id, sum(gross_total) AS gross, sum(invoices) AS n FROM billing.posted_by_invoice_date GROUP BY 1, 2) g
                USING (currency, legal_entity_id)) b USING (currency, legal_entity_id)
     WHERE a.due IS DISTINCT FROM b.due OR a.gross IS DISTINCT FROM b.gross OR a.n IS DISTINCT FROM b.n OR a.n IS DISTINCT FROM b.gn
    UNION ALL
    SELECT 'a row no fact is behind', 'project_month' FROM project.project_month WHERE facts <= 0
    UNION ALL
    SELECT 'a row no fact is behind', 'unbilled_by_fact_date' FROM project.unbilled_by_fact_date WHERE facts <= 0
    UNION ALL
    SELECT 'a row no invoice is behind', 'receivable_by_due_date' FROM billing.receivable_by_due_date WHERE invoices <= 0
    UNION ALL
    SELECT 'a row no invoice is behind', 'posted_by_invoice_date' FROM billing.posted_by_invoice_date WHERE invoices <= 0`);
  return rows;
}

for (const seed of ['months-1', 'months-2', 'months-3']) {
  describe(`figures over time after every batch of a shuffled delivery (firm ${seed})`, () => {
    // Six months of work, so facts spread over months and invoices age; small enough to check every batch.
    const firm = simulateFirm({ seed, scale: 0.6, months: 6 });
    let db: TestDatabase;
    before(async () => {
      db = await createTestDatabase();
      const ingest = await startIngestServer({ pool: db.pool, host: '127.0.0.1', port: 0 });
      try {
        const summary = await postEvents([...deliver(firm.events, { mode: 'shuffled', seed })],
          { url: `http://127.0.0.1:${ingest.port}/events`, batchSize: 500, progress: false });
        assert.equal(summary.accepted, firm.events.length);
      } finally {
        await ingest.close();
      }
    });
    after(() => db?.drop());

    it('months sum to every project figure, and the aging aggregates to the unbilled, due and posted amounts', async () => {
      const projector = new Projector(db.pool, { batchSize: 61 });
      let batches = 0;
      let monthRows = 0;
      for (;;) {
        const result = await projector.processBatch();
        if (result.events === 0) break;
        batches++;
        assert.deepEqual(await disagreements(db.pool), [], `after batch ${batches} (up to position ${result.checkpoint})`);
        monthRows = Math.max(monthRows, (await db.pool.query('SELECT count(*)::int AS n FROM project.project_month')).rows[0].n);
      }
      assert.ok(batches > 20, `${batches} batches`);
      assert.ok(monthRows > 20, `${monthRows} project months`);
      const { rows } = await db.pool.query(`SELECT
        (SELECT count(*)::int FROM billing.invoice WHERE status = 'voided' AND posted_at IS NOT NULL) AS voided,
        (SELECT count(*)::int FROM revenue.revenue_event WHERE reversed) AS reversed,
        (SELECT count(DISTINCT month)::int FROM project.project_month) AS months`);
      assert.ok(rows[0].voided > 0 && rows[0].reversed > 0, `voids and reversals happen: ${JSON.stringify(rows[0])}`);
      assert.ok(rows[0].months >= 6, `facts spread over months: ${JSON.stringify(rows[0])}`);
    });
  });
}
