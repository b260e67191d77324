"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * The SQL reporting surface: the `reporting` views equal the GraphQL figures
 * on a simulated firm; a login role granted with `--legal-entities` sees only
 * those legal entities' rows in every view, whatever it tries, and nothing
 * outside the `reporting` schema; the views keep every column documented.
 */
const strict_1 = __importDefault(require("node:assert/strict"));
const node_crypto_1 = require("node:crypto");
const node_test_1 = require("node:test");
const big_js_1 = __importDefault(require("big.js"));
const pg_1 = __importDefault(require("pg"));
const reportingAccess_1 = require("../../db/reportingAccess");
const url_1 = require("../../db/url");
const gateway_1 = require("../../gateway/gateway");
const firm_1 = require("../../simulator/firm");
const subgraphs_1 = require("../../subgraphs");
const graphqlFigures_1 = require("../support/graphqlFigures");
const simulatedDatabase_1 = require("../support/simulatedDatabase");
const reportingViews_1 = require("../../db/reportingViews");
const firm = (0, firm_1.simulateFirm)({ seed: 'reporting-sql', scale: 1 });
const MONEY = '{ amount currency }';
/** Two numerics are the same value ("12.5" = "12.50"); null only equals null. */
function sameValue(actual, expected, what) {
    if (expected === null || actual === null)
        return strict_1.default.equal(actual, expected, what);
    strict_1.default.ok(new big_js_1.default(actual).eq(expected), `${what}: ${actual} ≠ ${expected}`);
}
function assertMoneyColumn(row, column, money, what) {
    if (money !== null)
        strict_1.default.equal(row.currency, money.currency, `${what}: currency`);
    sameValue(row[column], money?.amount ?? null, `${what}.${column}`);
}
(0, node_test_1.describe)('SQL reporting views', () => {
    let db;
    let gateway;
    const role = `sg_bi_${(0, node_crypto_1.randomBytes)(4).toString('hex')}`;
    const password = (0, node_crypto_1.randomBytes)(12).toString('hex');
    let restricted;
    let legalEntities;
    (0, node_test_1.before)(async () => {
        db = await (0, simulatedDatabase_1.simulatedDatabase)(firm.events, 'shuffled');
        gateway = await (0, gateway_1.startGateway)({ subgraphs: await (0, subgraphs_1.createSubgraphs)({ pool: db.pool }), host: '127.0.0.1', port: 0 });
        await db.pool.query(`CREATE ROLE ${(0, url_1.quoteIdent)(role)} LOGIN PASSWORD '${password}'`);
        const { rows } = await db.pool.query('SELECT DISTINCT legal_entity_id AS le FROM project.project ORDER BY 1');
        legalEntities = rows.map((r) => r.le);
        strict_1.default.ok(legalEntities.length >= 2, 'the firm has several legal entities');
    });
    (0, node_test_1.after)(async () => {
        await restricted?.end().catch(() => undefined);
        await gateway?.close();
        if (db) {
            await db.pool.query(`REVOKE servicegraph_reporting FROM ${(0, url_1.quoteIdent)(role)}`).catch(() => undefined);
            await db.drop();
            // A role is cluster-wide: drop it once the database that granted it is gone.
            const admin = new pg_1.default.Client({ connectionString: db.url.replace(/\/[^/]*$/, '/postgres') });
            await admin.connect().then(() => admin.query(`DROP ROLE IF EXISTS ${(0, url_1.quoteIdent)(role)}`)).finally(() => admin.end());
        }
    });
    (0, node_test_1.it)('reporting.projects equals every project figure served over GraphQL', async () => {
        const served = await (0, graphqlFigures_1.allNodes)(gateway.url, 'projects', `{ id name billingModel status currency legalEntityId customer { id name }
      approvedHours billableApprovedHours laborCost ${MONEY} expenseCost ${MONEY} billedAmount ${MONEY}
      unbilledApprovedAmount ${MONEY} unbilledApprovedHours recognizedRevenue ${MONEY} margin ${MONEY} marginPercent revenueBacklog ${MONEY} }`);
        const { rows } = await db.pool.query('SELECT * FROM reporting.projects ORDER BY project_id');
        strict_1.default.deepEqual(rows.map((r) => r.project_id), served.map((p) => p.id).sort());
        const byId = new Map(rows.map((r) => [r.project_id, r]));
        for (const p of served) {
            const row = byId.get(p.id);
            const what = `project ${p.id}`;
            strict_1.default.equal(row.name, p.name, what);
            strict_1.default.equal(row.billing_model.toUpperCase(), p.billingModel, what);
            strict_1.default.equal(row.status.toUpperCase(), p.status, what);
            strict_1.default.equal(row.legal_entity_id, p.legalEntityId, what);
            strict_1.default.equal(row.customer_id, p.customer.id, what);
            strict_1.default.equal(row.customer_name, p.customer.name, what);
            sameValue(row.approved_hours, p.approvedHours, `${what}.approved_hours`);
            sameValue(row.billable_approved_hours, p.billableApprovedHours, `${what}.billable_approved_hours`);
            sameValue(row.unbilled_approved_hours, p.unbilledApprovedHours, `${what}.unbilled_approved_hours`);
            sameValue(row.margin_percent, p.marginPercent, `${what}.margin_percent`);
            for (const [column, field] of [['labor_cost', 'laborCost'], ['expense_cost', 'expenseCost'], ['billed_amount', 'billedAmount'],
                ['unbilled_approved_amount', 'unbilledApprovedAmount'], ['recognized_revenue', 'recognizedRevenue'], ['margin', 'margin'],
                ['revenue_backlog', 'revenueBacklog']]) {
                assertMoneyColumn(row, column, p[field], what);
            }
        }
    });
    (0, node_test_1.it)('reporting.invoices equals every invoice served over GraphQL', async () => {
        const served = await (0, graphqlFigures_1.allNodes)(gateway.url, 'invoices', `{ id number customer { id } project { id } status taxStatus paymentState
      netTotal ${MONEY} taxTotal ${MONEY} grossTotal ${MONEY} amountPaid ${MONEY} amountDue ${MONEY} dueDate openExceptions { id } }`);
        const { rows } = await db.pool.query(`SELECT *, due_date::text AS due FROM reporting.invoices`);
        strict_1.default.equal(rows.length, served.length);
        const byId = new Map(rows.map((r) => [r.invoice_id, r]));
        for (const i of served) {
            const row = byId.get(i.id);
            const what = `invoice ${i.id}`;
            strict_1.default.ok(row, what);
            strict_1.default.equal(row.invoice_number, i.number, what);
            strict_1.default.equal(row.customer_id, i.customer.id, what);
            strict_1.default.equal(row.project_id, i.project?.id ?? null, what);
            strict_1.default.deepEqual([row.status, row.tax_status, row.payment_state].map((s) => s.toUpperCase()), [i.status, i.taxStatus, i.paymentState], what);
            strict_1.default.equal(row.due, i.dueDate, what);
            strict_1.default.equal(row.open_exceptions, i.openExceptions.length, what);
            for (const [column, field] of [['net_total', 'netTotal'], ['tax_total', 'taxTotal'], ['gross_total', 'grossTotal'],
                ['amount_paid', 'amountPaid'], ['amount_due', 'amountDue']]) {
                assertMoneyColumn(row, column, i[field], what);
            }
        }
    });
    (0, node_test_1.it)('reporting.customers and customer_balances equal the customers and their outstanding balances', async () => {
        const served = await (0, graphqlFigures_1.allNodes)(gateway.url, 'customers', `{ id name legalEntityId billingCurrency status outstandingBalance ${MONEY} }`);
        const { rows } = await db.pool.query('SELECT * FROM reporting.customers ORDER BY customer_id');
        strict_1.default.deepEqual(rows.map((r) => [r.customer_id, r.name, r.legal_entity_id, r.billing_currency, r.status]), served.map((c) => [c.id, c.name, c.legalEntityId, c.billingCurrency, c.status]).sort((a, b) => (a[0] < b[0] ? -1 : 1)));
        const balances = await db.pool.query('SELECT customer_id, currency, outstanding_balance FROM reporting.customer_balances');
        const expected = served.flatMap((c) => c.outstandingBalance.map((m) => `${c.id} ${m.currency} ${new big_js_1.default(m.amount).toFixed(2)}`)).sort();
        strict_1.default.deepEqual(balances.rows.map((r) => `${r.customer_id} ${r.currency} ${new big_js_1.default(r.outstanding_balance).toFixed(2)}`).sort(), expected);
        strict_1.default.ok(expected.length > 0, 'the firm has outstanding balances');
    });
    (0, node_test_1.it)('reporting.portfolio equals portfolio, for all legal entities and for each one', async () => {
        const selection = `currency legalEntityId projectCount approvedHours laborCost ${MONEY} expenseCost ${MONEY} billedAmount ${MONEY}
      unbilledApprovedAmount ${MONEY} recognizedRevenue ${MONEY} margin ${MONEY} marginPercent outstandingBalance ${MONEY} openInvoiceExceptions`;
        const served = [...(await (0, graphqlFigures_1.data)(gateway.url, `{ portfolio { ${selection} } }`)).portfolio];
        for (const le of legalEntities)
            served.push(...(await (0, graphqlFigures_1.data)(gateway.url, `query($le: String) { portfolio(legalEntityId: $le) { ${selection} } }`, { le })).portfolio);
        const { rows } = await db.pool.query('SELECT * FROM reporting.portfolio');
        strict_1.default.equal(rows.length, served.length);
        for (const p of served) {
            const row = rows.find((r) => r.currency === p.currency && r.legal_entity_id === p.legalEntityId);
            const what = `portfolio ${p.currency} ${p.legalEntityId}`;
            strict_1.default.ok(row, what);
            strict_1.default.equal(row.project_count, p.projectCount, what);
            strict_1.default.equal(row.open_invoice_exceptions, p.openInvoiceExceptions, what);
            sameValue(row.approved_hours, p.approvedHours, `${what}.approved_hours`);
            sameValue(row.margin_percent, p.marginPercent, `${what}.margin_percent`);
            for (const [column, field] of [['labor_cost', 'laborCost'], ['expense_cost', 'expenseCost'], ['billed_amount', 'billedAmount'],
                ['unbilled_approved_amount', 'unbilledApprovedAmount'], ['recognized_revenue', 'recognizedRevenue'], ['margin', 'margin'],
                ['outstanding_balance', 'outstandingBalance']]) {
                assertMoneyColumn(row, column, p[field], what);
            }
        }
    });
    (0, node_test_1.describe)('a login role granted with --legal-entities', () => {
        let only;
        (0, node_test_1.before)(async () => {
            only = legalEntities[0];
            await (0, reportingAccess_1.grantReporting)(db.pool, role, [only]);
            const url = new URL(db.url);
            url.username = role;
            url.password = password;
            restricted = new pg_1.default.Client({ connectionString: url.toString() });
            await restricted.connect();
        });
        (0, node_test_1.it)('sees only that legal entity\'s rows in every view', async () => {
            const checks = [
                ['reporting.projects', 'legal_entity_id'], ['reporting.invoices', 'legal_entity_id'], ['reporting.customers', 'legal_entity_id'],
            ];
            for (const [view, column] of checks) {
                const mine = await restricted.query(`SELECT DISTINCT ${column} AS le, count(*) OVER () AS n FROM ${view}`);
                strict_1.default.deepEqual([...new Set(mine.rows.map((r) => r.le))], [only], `${view} shows ${only} only`);
                const all = await db.pool.query(`SELECT count(*)::int AS n FROM ${view} WHERE ${column} = $1`, [only]);
                strict_1.default.equal(Number(mine.rows[0].n), all.rows[0].n, `${view}: every row of ${only}`);
            }
            const portfolio = await restricted.query('SELECT currency, legal_entity_id, project_count FROM reporting.portfolio');
            strict_1.default.ok(portfolio.rows.every((r) => r.legal_entity_id === null || r.legal_entity_id === only));
            const served = (await (0, graphqlFigures_1.data)(gateway.url, `query($le: String) { portfolio(legalEntityId: $le) { currency projectCount } }`, { le: only })).portfolio;
            for (const p of served) {
                // The currency-wide rows are the restricted role's whole world: its one legal entity.
                const wide = portfolio.rows.find((r) => r.currency === p.currency && r.legal_entity_id === null);
                strict_1.default.equal(wide?.project_count, p.projectCount, `${p.currency}: the currency total sums ${only} alone`);
            }
            const balances = await restricted.query(`SELECT DISTINCT c.legal_entity_id FROM reporting.customer_balances b
        JOIN reporting.customers c USING (customer_id)`);
            strict_1.default.deepEqual(balances.rows.map((r) => r.legal_entity_id), [only]);
            const references = await restricted.query(`SELECT count(*)::int AS n FROM reporting.projects p
        WHERE p.customer_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM reporting.customers c WHERE c.customer_id = p.customer_id)`);
            strict_1.default.equal(references.rows[0].n, 0, 'no project names a customer outside the restriction');
        });
        (0, node_test_1.it)('cannot lift the restriction with SET ROLE or a leaky predicate', async () => {
            await restricted.query('SET ROLE servicegraph_reporting');
            try {
                const { rows } = await restricted.query('SELECT DISTINCT legal_entity_id FROM reporting.projects');
                strict_1.default.deepEqual(rows.map((r) => r.legal_entity_id), [only]);
            }
            finally {
                await restricted.query('RESET ROLE');
            }
            const leaked = [];
            restricted.on('notice', (n) => leaked.push(n.message ?? ''));
            await restricted.query(`CREATE FUNCTION pg_temp.leak(text) RETURNS boolean LANGUAGE plpgsql COST 0.0000001 AS
        $$ BEGIN RAISE NOTICE 'seen %', $1; RETURN true; END $$`);
            await restricted.query('SELECT count(*) FROM reporting.projects WHERE pg_temp.leak(legal_entity_id)');
            strict_1.default.ok(leaked.length > 0, 'the probe ran');
            strict_1.default.deepEqual([...new Set(leaked)], [`seen ${only}`], 'a predicate of the caller sees only restricted rows');
        });
        (0, node_test_1.it)('reads nothing outside the reporting schema', async () => {
            for (const table of ['project.project', 'billing.invoice', 'customer.account', 'revenue.revenue_event', 'hub.event_log', 'hub.reporting_grant']) {
                await strict_1.default.rejects(restricted.query(`SELECT 1 FROM ${table} LIMIT 1`), /permission denied/, table);
            }
        });
        (0, node_test_1.it)('granting again without --legal-entities lifts the restriction', async () => {
            await (0, reportingAccess_1.grantReporting)(db.pool, role, null);
            const { rows } = await restricted.query('SELECT DISTINCT legal_entity_id FROM reporting.projects ORDER BY 1');
            strict_1.default.deepEqual(rows.map((r) => r.legal_entity_id), legalEntities);
        });
        (0, node_test_1.it)('refuses a missing role, a role that cannot log in, and an empty list', async () => {
            await strict_1.default.rejects((0, reportingAccess_1.grantReporting)(db.pool, `${role}_missing`, null), (e) => e instanceof reportingAccess_1.ReportingGrantError && /no role/.test(e.message));
            await strict_1.default.rejects((0, reportingAccess_1.grantReporting)(db.pool, 'servicegraph_reporting', null), /not a login role/);
            await strict_1.default.rejects((0, reportingAccess_1.grantReporting)(db.pool, role, []), /--legal-entities/);
        });
    });
    (0, node_test_1.it)('every view keeps every documented column (adding is fine, renaming is not)', async () => {
        const { rows } = await db.pool.query(`SELECT table_name AS view, column_name AS column FROM information_schema.columns WHERE table_schema = 'reporting'`);
        for (const [view, columns] of Object.entries(reportingViews_1.REPORTING_VIEW_COLUMNS)) {
            const present = new Set(rows.filter((r) => r.view === view).map((r) => r.column));
            const missing = columns.filter((c) => !present.has(c));
            strict_1.default.deepEqual(missing, [], `reporting.${view} lost columns`);
        }
    });
});
//# sourceMappingURL=reporting.sql.int.test.js.map