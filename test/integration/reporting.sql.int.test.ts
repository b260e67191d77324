/**
 * The SQL reporting surface: the `reporting` views equal the GraphQL figures
 * on a simulated firm; a login role granted with `--legal-entities` sees only
 * those legal entities' rows in every view, whatever it tries, and nothing
 * outside the `reporting` schema; the views keep every column documented.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Big from 'big.js';
import pg from 'pg';
import { grantReporting, ReportingGrantError } from '../../db/reportingAccess';
import { quoteIdent } from '../../db/url';
import { startGateway, type RunningGateway } from '../../gateway/gateway';
import { simulateFirm } from '../../simulator/firm';
import { createSubgraphs } from '../../subgraphs';
import { allNodes, data } from '../support/graphqlFigures';
import { createLoginRole, dropDatabaseAndRole, type LoginRole } from '../support/loginRole';
import { simulatedDatabase } from '../support/simulatedDatabase';
import type { TestDatabase } from '../support/testDatabase';
import { REPORTING_VIEW_COLUMNS } from '../../db/reportingViews';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const firm = simulateFirm({ seed: 'reporting-sql', scale: 1 });
const MONEY = '{ amount currency }';

/** Two numerics are the same value ("12.5" = "12.50"); null only equals null. */
function sameValue(actual: string | null, expected: string | null, what: string): void {
  if (expected === null || actual === null) return assert.equal(actual, expected, what);
  assert.ok(new Big(actual).eq(expected), `${what}: ${actual} ≠ ${expected}`);
}

function assertMoneyColumn(row: Json, column: string, money: { amount: string; currency: string } | null, what: string): void {
  if (money !== null) assert.equal(row.currency, money.currency, `${what}: currency`);
  sameValue(row[column], money?.amount ?? null, `${what}.${column}`);
}

describe('SQL reporting views', () => {
  let db: TestDatabase;
  let gateway: RunningGateway;
  let role: LoginRole;
  let restricted: pg.Client;
  let legalEntities: string[];

  before(async () => {
    db = await simulatedDatabase(firm.events, 'shuffled');
    gateway = await startGateway({ subgraphs: await createSubgraphs({ pool: db.pool }), host: '127.0.0.1', port: 0 });
    role = await createLoginRole(db, 'sg_bi');
    const { rows } = await db.pool.query<{ le: string }>('SELECT DISTINCT legal_entity_id AS le FROM project.project ORDER BY 1');
    legalEntities = rows.map((r) => r.le);
    assert.ok(legalEntities.length >= 2, 'the firm has several legal entities');
  });
  after(async () => {
    await restricted?.end().catch(() => undefined);
    await gateway?.close();
    if (db) await dropDatabaseAndRole(db, role);
  });

  it('reporting.projects equals every project figure served over GraphQL', async () => {
    const served = await allNodes(gateway.url, 'projects', `{ id name billingModel status currency legalEntityId customer { id name }
      approvedHours billableApprovedHours laborCost ${MONEY} expenseCost ${MONEY} billedAmount ${MONEY}
      unbilledApprovedAmount ${MONEY} unbilledApprovedHours recognizedRevenue ${MONEY} margin ${MONEY} marginPercent revenueBacklog ${MONEY} }`);
    const { rows } = await db.pool.query('SELECT * FROM reporting.projects ORDER BY project_id');
    assert.deepEqual(rows.map((r) => r.project_id), served.map((p) => p.id).sort());
    const byId = new Map(rows.map((r) => [r.project_id, r]));
    for (const p of served) {
      const row = byId.get(p.id);
      const what = `project ${p.id}`;
      assert.equal(row.name, p.name, what);
      assert.equal(row.billing_model.toUpperCase(), p.billingModel, what);
      assert.equal(row.status.toUpperCase(), p.status, what);
      assert.equal(row.legal_entity_id, p.legalEntityId, what);
      assert.equal(row.customer_id, p.customer.id, what);
      assert.equal(row.customer_name, p.customer.name, what);
      sameValue(row.approved_hours, p.approvedHours, `${what}.approved_hours`);
      sameValue(row.billable_approved_hours, p.billableApprovedHours, `${what}.billable_approved_hours`);
      sameValue(row.unbilled_approved_hours, p.unbilledApprovedHours, `${what}.unbilled_approved_hours`);
      sameValue(row.margin_percent, p.marginPercent, `${what}.margin_percent`);
      for (const [column, field] of [['labor_cost', 'laborCost'], ['expense_cost', 'expenseCost'], ['billed_amount', 'billedAmount'],
        ['unbilled_approved_amount', 'unbilledApprovedAmount'], ['recognized_revenue', 'recognizedRevenue'], ['margin', 'margin'],
        ['revenue_backlog', 'revenueBacklog']] as const) {
        assertMoneyColumn(row, column, p[field], what);
      }
    }
  });

  it('reporting.invoices equals every invoice served over GraphQL', async () => {
    const served = await allNodes(gateway.url, 'invoices', `{ id number customer { id } project { id } status taxStatus paymentState
      netTotal ${MONEY} taxTotal ${MONEY} grossTotal ${MONEY} amountPaid ${MONEY} amountDue ${MONEY} dueDate openExceptions { id } }`);
    const { rows } = await db.pool.query(`SELECT *, due_date::text AS due FROM reporting.invoices`);
    assert.equal(rows.length, served.length);
    const byId = new Map(rows.map((r) => [r.invoice_id, r]));
    for (const i of served) {
      const row = byId.get(i.id);
      const what = `invoice ${i.id}`;
      assert.ok(row, what);
      assert.equal(row.invoice_number, i.number, what);
      assert.equal(row.customer_id, i.customer.id, what);
      assert.equal(row.project_id, i.project?.id ?? null, what);
      assert.deepEqual([row.status, row.tax_status, row.payment_state].map((s: string) => s.toUpperCase()), [i.status, i.taxStatus, i.paymentState], what);
      assert.equal(row.due, i.dueDate, what);
      assert.equal(row.open_exceptions, i.openExceptions.length, what);
      for (const [column, field] of [['net_total', 'netTotal'], ['tax_total', 'taxTotal'], ['gross_total', 'grossTotal'],
        ['amount_paid', 'amountPaid'], ['amount_due', 'amountDue']] as const) {
        assertMoneyColumn(row, column, i[field], what);
      }
    }
  });

  it('reporting.customers and customer_balances equal the customers and their outstanding balances', async () => {
    const served = await allNodes(gateway.url, 'customers', `{ id name legalEntityId billingCurrency status outstandingBalance ${MONEY} }`);
    const { rows } = await db.pool.query('SELECT * FROM reporting.customers ORDER BY customer_id');
    assert.deepEqual(rows.map((r) => [r.customer_id, r.name, r.legal_entity_id, r.billing_currency, r.status]),
      served.map((c) => [c.id, c.name, c.legalEntityId, c.billingCurrency, c.status]).sort((a, b) => (a[0] < b[0] ? -1 : 1)));
    const balances = await db.pool.query('SELECT customer_id, currency, outstanding_balance FROM reporting.customer_balances');
    // The served amounts exactly as served ("12.50"); the view's sums are numerics, written as the API writes money.
    const expected = served.flatMap((c) => c.outstandingBalance.map((m: Json) => `${c.id} ${m.currency} ${m.amount}`)).sort();
    assert.deepEqual(balances.rows.map((r) => `${r.customer_id} ${r.currency} ${new Big(r.outstanding_balance).toFixed(2)}`).sort(), expected);
    assert.ok(expected.length > 0, 'the firm has outstanding balances');
  });

  it('reporting.portfolio equals portfolio, for all legal entities and for each one', async () => {
    const selection = `currency legalEntityId projectCount approvedHours laborCost ${MONEY} expenseCost ${MONEY} billedAmount ${MONEY}
      unbilledApprovedAmount ${MONEY} recognizedRevenue ${MONEY} margin ${MONEY} marginPercent outstandingBalance ${MONEY} openInvoiceExceptions`;
    const served: Json[] = [...(await data(gateway.url, `{ portfolio { ${selection} } }`)).portfolio];
    for (const le of legalEntities) served.push(...(await data(gateway.url, `query($le: String) { portfolio(legalEntityId: $le) { ${selection} } }`, { le })).portfolio);
    const { rows } = await db.pool.query('SELECT * FROM reporting.portfolio');
    assert.equal(rows.length, served.length);
    for (const p of served) {
      const row = rows.find((r) => r.currency === p.currency && r.legal_entity_id === p.legalEntityId);
      const what = `portfolio ${p.currency} ${p.legalEntityId}`;
      assert.ok(row, what);
      assert.equal(row.project_count, p.projectCount, what);
      assert.equal(row.open_invoice_exceptions, p.openInvoiceExceptions, what);
      sameValue(row.approved_hours, p.approvedHours, `${what}.approved_hours`);
      sameValue(row.margin_percent, p.marginPercent, `${what}.margin_percent`);
      for (const [column, field] of [['labor_cost', 'laborCost'], ['expense_cost', 'expenseCost'], ['billed_amount', 'billedAmount'],
        ['unbilled_approved_amount', 'unbilledApprovedAmount'], ['recognized_revenue', 'recognizedRevenue'], ['margin', 'margin'],
        ['outstanding_balance', 'outstandingBalance']] as const) {
        assertMoneyColumn(row, column, p[field], what);
      }
    }
  });

  it('reporting.project_months equals each project\'s months over GraphQL', async () => {
    const served = await allNodes(gateway.url, 'projects', `{ id currency legalEntityId months { month approvedHours laborCost ${MONEY}
      expenseCost ${MONEY} billedAmount ${MONEY} recognizedRevenue ${MONEY} margin ${MONEY} } }`);
    const { rows } = await db.pool.query('SELECT * FROM reporting.project_months');
    const byKey = new Map(rows.map((r) => [`${r.project_id} ${r.month}`, r]));
    let compared = 0;
    for (const p of served) {
      for (const m of p.months) {
        const row = byKey.get(`${p.id} ${m.month}`);
        const zero = [m.approvedHours, m.laborCost.amount, m.expenseCost.amount, m.billedAmount.amount, m.recognizedRevenue.amount].every((v) => new Big(v).eq(0));
        if (!row) {
          assert.ok(zero, `project ${p.id} ${m.month} has figures but no row`);
          continue;
        }
        byKey.delete(`${p.id} ${m.month}`);
        compared++;
        const what = `project ${p.id} ${m.month}`;
        assert.deepEqual([row.currency, row.legal_entity_id], [p.currency, p.legalEntityId], what);
        sameValue(row.approved_hours, m.approvedHours, `${what}.approved_hours`);
        for (const [column, field] of [['labor_cost', 'laborCost'], ['expense_cost', 'expenseCost'], ['billed_amount', 'billedAmount'],
          ['recognized_revenue', 'recognizedRevenue'], ['margin', 'margin']] as const) {
          assertMoneyColumn(row, column, m[field], what);
        }
      }
    }
    assert.deepEqual([...byKey.keys()], [], 'every row is a month GraphQL lists');
    assert.ok(compared > 0);
  });

  it('reporting.receivables_aging and unbilled_aging equal today\'s aging over GraphQL, for all and for each legal entity', async () => {
    const buckets = `currency legalEntityId current ${MONEY} days1to30 ${MONEY} days31to60 ${MONEY} days61to90 ${MONEY} over90 ${MONEY} total ${MONEY}`;
    for (const [view, field] of [['receivables_aging', 'receivablesAging'], ['unbilled_aging', 'unbilledAging']] as const) {
      const served: Json[] = [...(await data(gateway.url, `{ ${field} { ${buckets} } }`))[field]];
      for (const le of legalEntities) served.push(...(await data(gateway.url, `query($le: String) { ${field}(legalEntityId: $le) { ${buckets} } }`, { le }))[field]);
      const { rows } = await db.pool.query(`SELECT * FROM reporting.${view}`);
      assert.ok(served.length > 0, `${field} has rows`);
      for (const a of served.filter((x) => !new Big(x.total.amount).eq(0) || x.legalEntityId === null)) {
        const row = rows.find((r) => r.currency === a.currency && r.legal_entity_id === a.legalEntityId);
        const what = `${view} ${a.currency} ${a.legalEntityId}`;
        assert.ok(row, what);
        if (view === 'receivables_aging') assertMoneyColumn(row, 'not_yet_due', a.current, what);
        for (const [column, bucket] of [['days_1_to_30', 'days1to30'], ['days_31_to_60', 'days31to60'], ['days_61_to_90', 'days61to90'],
          ['over_90', 'over90'], ['total', 'total']] as const) {
          assertMoneyColumn(row, column, a[bucket], what);
        }
      }
    }
  });

  describe('a login role granted with --legal-entities', () => {
    let only: string;
    before(async () => {
      only = legalEntities[0];
      await grantReporting(db.pool, role.name, [only]);
      restricted = new pg.Client({ connectionString: role.url });
      await restricted.connect();
    });

    it('sees only that legal entity\'s rows in every view', async () => {
      const checks: Array<[string, string]> = [
        ['reporting.projects', 'legal_entity_id'], ['reporting.invoices', 'legal_entity_id'], ['reporting.customers', 'legal_entity_id'],
        ['reporting.project_months', 'legal_entity_id'],
      ];
      for (const [view, column] of checks) {
        const mine = await restricted.query(`SELECT DISTINCT ${column} AS le, count(*) OVER () AS n FROM ${view}`);
        assert.deepEqual([...new Set(mine.rows.map((r) => r.le))], [only], `${view} shows ${only} only`);
        const all = await db.pool.query(`SELECT count(*)::int AS n FROM ${view} WHERE ${column} = $1`, [only]);
        assert.equal(Number(mine.rows[0].n), all.rows[0].n, `${view}: every row of ${only}`);
      }
      const portfolio = await restricted.query('SELECT currency, legal_entity_id, project_count FROM reporting.portfolio');
      assert.ok(portfolio.rows.every((r) => r.legal_entity_id === null || r.legal_entity_id === only));
      const served = (await data(gateway.url, `query($le: String) { portfolio(legalEntityId: $le) { currency projectCount } }`, { le: only })).portfolio;
      for (const p of served) {
        // The currency-wide rows are the restricted role's whole world: its one legal entity.
        const wide = portfolio.rows.find((r) => r.currency === p.currency && r.legal_entity_id === null);
        assert.equal(wide?.project_count, p.projectCount, `${p.currency}: the currency total sums ${only} alone`);
      }
      for (const view of ['reporting.receivables_aging', 'reporting.unbilled_aging']) {
        const aging = await restricted.query(`SELECT DISTINCT legal_entity_id FROM ${view} WHERE legal_entity_id IS NOT NULL`);
        assert.deepEqual(aging.rows.map((r) => r.legal_entity_id), [only], `${view} shows ${only} only`);
      }
      const balances = await restricted.query(`SELECT DISTINCT c.legal_entity_id FROM reporting.customer_balances b
        JOIN reporting.customers c USING (customer_id)`);
      assert.deepEqual(balances.rows.map((r) => r.legal_entity_id), [only]);
      const references = await restricted.query(`SELECT count(*)::int AS n FROM reporting.projects p
        WHERE p.customer_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM reporting.customers c WHERE c.customer_id = p.customer_id)`);
      assert.equal(references.rows[0].n, 0, 'no project names a customer outside the restriction');
    });

    it('cannot lift the restriction with SET ROLE or a leaky predicate', async () => {
      await restricted.query('SET ROLE servicegraph_reporting');
      try {
        const { rows } = await restricted.query('SELECT DISTINCT legal_entity_id FROM reporting.projects');
        assert.deepEqual(rows.map((r) => r.legal_entity_id), [only]);
      } finally {
        await restricted.query('RESET ROLE');
      }
      const leaked: string[] = [];
      restricted.on('notice', (n) => leaked.push(n.message ?? ''));
      await restricted.query(`CREATE FUNCTION pg_temp.leak(text) RETURNS boolean LANGUAGE plpgsql COST 0.0000001 AS
        $$ BEGIN RAISE NOTICE 'seen %', $1; RETURN true; END $$`);
      await restricted.query('SELECT count(*) FROM reporting.projects WHERE pg_temp.leak(legal_entity_id)');
      assert.ok(leaked.length > 0, 'the probe ran');
      assert.deepEqual([...new Set(leaked)], [`seen ${only}`], 'a predicate of the caller sees only restricted rows');
    });

    it('reads nothing outside the reporting schema: no table or view of any other schema, public included', async () => {
      // Every relation a query can read from, in every schema but `reporting` and Postgres' own catalogs.
      const { rows } = await db.pool.query<{ schema: string; name: string }>(
        `SELECT n.nspname AS schema, c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')
           AND n.nspname NOT IN ('reporting', 'pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
         ORDER BY 1, 2`,
      );
      const tables = rows.map((r) => `${quoteIdent(r.schema)}.${quoteIdent(r.name)}`);
      const schemas = new Set(rows.map((r) => r.schema));
      for (const schema of ['public', 'hub', 'customer', 'project', 'billing', 'revenue']) assert.ok(schemas.has(schema), `the hub has tables in ${schema}`);
      assert.ok(tables.length > 20, `${tables.length} tables`);
      const readable: string[] = [];
      for (const table of tables) {
        await restricted.query(`SELECT 1 FROM ${table} LIMIT 1`).then(
          () => readable.push(table),
          (error: Error) => assert.match(error.message, /permission denied/, table),
        );
      }
      assert.deepEqual(readable, [], 'tables the reporting role can read');
    });

    it('granting again without --legal-entities lifts the restriction', async () => {
      await grantReporting(db.pool, role.name, null);
      const { rows } = await restricted.query('SELECT DISTINCT legal_entity_id FROM reporting.projects ORDER BY 1');
      assert.deepEqual(rows.map((r) => r.legal_entity_id), legalEntities);
    });

    it('refuses a missing role, a role that cannot log in, and an empty list', async () => {
      await assert.rejects(grantReporting(db.pool, `${role.name}_missing`, null), (e: Error) => e instanceof ReportingGrantError && /no role/.test(e.message));
      await assert.rejects(grantReporting(db.pool, 'servicegraph_reporting', null), /not a login role/);
      await assert.rejects(grantReporting(db.pool, role.name, []), /--legal-entities/);
    });
  });

  it('every view keeps every documented column (adding is fine, renaming is not)', async () => {
    const { rows } = await db.pool.query<{ view: string; column: string }>(
      `SELECT table_name AS view, column_name AS column FROM information_schema.columns WHERE table_schema = 'reporting'`,
    );
    for (const [view, columns] of Object.entries(REPORTING_VIEW_COLUMNS)) {
      const present = new Set(rows.filter((r) => r.view === view).map((r) => r.column));
      const missing = columns.filter((c) => !present.has(c));
      assert.deepEqual(missing, [], `reporting.${view} lost columns`);
    }
  });
});
