"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * Saved reports over HTTP: every report's CSV and JSON equal the oracle for
 * the simulated firm, in every delivery mode, as exact strings; every page of
 * a list is read; ETag and If-None-Match follow the read model; bad
 * parameters get a 400 that names them.
 */
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const gateway_1 = require("../../gateway/gateway");
const server_1 = require("../../ingest/server");
const projector_1 = require("../../listeners/projector");
const catalogue_1 = require("../../reporting/catalogue");
const reportsExtension_1 = require("../../reporting/reportsExtension");
const delivery_1 = require("../../simulator/delivery");
const firm_1 = require("../../simulator/firm");
const oracle_1 = require("../../simulator/oracle");
const post_1 = require("../../simulator/post");
const checkpoint_1 = require("../../hub/checkpoint");
const subgraphs_1 = require("../../subgraphs");
const csvRecords_1 = require("../support/csvRecords");
const simulatedDatabase_1 = require("../support/simulatedDatabase");
const firm = (0, firm_1.simulateFirm)({ seed: 'saved-reports', scale: 1 });
const expected = (0, oracle_1.expectedFigures)(firm.events);
const upper = (s) => (s === null ? '' : s.toUpperCase());
const text = (s) => s ?? '';
/** A page size that splits every list into several pages. */
const PAGE_SIZE = 4;
async function get(url, headers = {}) {
    const response = await fetch(url, { headers });
    return { status: response.status, headers: response.headers, body: await response.text() };
}
(0, node_test_1.describe)('saved reports', () => {
    for (const mode of delivery_1.DELIVERY_MODES) {
        (0, node_test_1.describe)(`delivered ${mode}`, () => {
            let db;
            let gateway;
            let base;
            (0, node_test_1.before)(async () => {
                db = await (0, simulatedDatabase_1.simulatedDatabase)(firm.events, mode);
                gateway = await (0, gateway_1.startGateway)({
                    subgraphs: await (0, subgraphs_1.createSubgraphs)({ pool: db.pool }), host: '127.0.0.1', port: 0,
                    extensions: [(0, reportsExtension_1.reportsExtension)({ position: (0, checkpoint_1.readModelPosition)(db.pool), pageSize: PAGE_SIZE })],
                });
                base = gateway.url.replace(/\/graphql$/, '');
            });
            (0, node_test_1.after)(async () => {
                await gateway?.close();
                await db?.drop();
            });
            (0, node_test_1.it)('projects.csv: one row per project, every page, every figure as the oracle has it', async () => {
                const answer = await get(`${base}/reports/projects.csv`);
                strict_1.default.equal(answer.status, 200, answer.body);
                strict_1.default.match(answer.headers.get('content-type') ?? '', /^text\/csv; charset=utf-8/);
                const rows = (0, csvRecords_1.csvRecords)(answer.body);
                strict_1.default.ok(Object.keys(expected.projects).length > 2 * PAGE_SIZE, `the report spans several pages (${Object.keys(expected.projects).length} projects)`);
                strict_1.default.deepEqual(rows.map((r) => r.id).sort(), Object.keys(expected.projects).sort());
                for (const row of rows) {
                    const p = expected.projects[row.id];
                    strict_1.default.deepEqual(row, {
                        id: p.projectId, name: p.name, status: upper(p.status), billingModel: upper(p.billingModel), currency: p.currency,
                        legalEntityId: p.legalEntityId, 'customer.id': p.customerId, 'customer.name': expected.customers[p.customerId].name,
                        approvedHours: p.approvedHours, billableApprovedHours: p.billableApprovedHours, unbilledApprovedHours: p.unbilledApprovedHours,
                        'laborCost.amount': p.laborCost, 'laborCost.currency': p.currency, 'expenseCost.amount': p.expenseCost, 'expenseCost.currency': p.currency,
                        'billedAmount.amount': p.billedAmount, 'billedAmount.currency': p.currency,
                        'unbilledApprovedAmount.amount': p.unbilledApprovedAmount, 'unbilledApprovedAmount.currency': p.currency,
                        'recognizedRevenue.amount': p.recognizedRevenue, 'recognizedRevenue.currency': p.currency,
                        'margin.amount': p.margin, 'margin.currency': p.currency, marginPercent: text(p.marginPercent),
                        'revenueBacklog.amount': text(p.revenueBacklog), 'revenueBacklog.currency': p.revenueBacklog === null ? '' : p.currency,
                    }, `project ${row.id}`);
                }
            });
            (0, node_test_1.it)('invoices.csv, whole and filtered by status and payment state, equals the oracle', async () => {
                const rows = (0, csvRecords_1.csvRecords)((await get(`${base}/reports/invoices.csv`)).body);
                strict_1.default.deepEqual(rows.map((r) => r.id).sort(), Object.keys(expected.invoices).sort());
                for (const row of rows) {
                    const i = expected.invoices[row.id];
                    const money = (amount) => ({ amount: text(amount), currency: amount === null ? '' : i.currency });
                    strict_1.default.deepEqual({
                        number: row.number, status: row.status, taxStatus: row.taxStatus, paymentState: row.paymentState,
                        customer: row['customer.id'], project: row['project.id'], dueDate: row.dueDate,
                        netTotal: { amount: row['netTotal.amount'], currency: row['netTotal.currency'] },
                        taxTotal: { amount: row['taxTotal.amount'], currency: row['taxTotal.currency'] },
                        grossTotal: { amount: row['grossTotal.amount'], currency: row['grossTotal.currency'] },
                        amountPaid: { amount: row['amountPaid.amount'], currency: row['amountPaid.currency'] },
                        amountDue: { amount: row['amountDue.amount'], currency: row['amountDue.currency'] },
                    }, {
                        number: text(i.number), status: upper(i.status), taxStatus: upper(i.taxStatus), paymentState: upper(i.paymentState),
                        customer: i.customerId, project: i.projectId, dueDate: text(i.dueDate),
                        netTotal: money(i.netTotal), taxTotal: money(i.taxTotal), grossTotal: money(i.grossTotal),
                        amountPaid: money(i.amountPaid), amountDue: money(i.amountDue),
                    }, `invoice ${row.id}`);
                }
                const posted = (0, csvRecords_1.csvRecords)((await get(`${base}/reports/invoices.csv?status=POSTED&paymentState=PARTIAL`)).body);
                strict_1.default.deepEqual(posted.map((r) => r.id).sort(), Object.values(expected.invoices).filter((i) => i.status === 'posted' && i.paymentState === 'partial').map((i) => i.invoiceId).sort());
            });
            (0, node_test_1.it)('customers.csv: one row per survivor and currency owed, one for a customer owed nothing', async () => {
                const rows = (0, csvRecords_1.csvRecords)((await get(`${base}/reports/customers.csv`)).body);
                const survivors = Object.values(expected.customers).filter((c) => c.status !== 'merged');
                const expectedRows = survivors.flatMap((c) => (c.outstandingBalance.length ? c.outstandingBalance : [null]).map((m) => ({
                    id: c.customerId, name: c.name, legalEntityId: c.legalEntityId, billingCurrency: c.billingCurrency, status: c.status,
                    'outstandingBalance.amount': m?.amount ?? '', 'outstandingBalance.currency': m?.currency ?? '',
                })));
                const key = (r) => `${r.id} ${r['outstandingBalance.currency']}`;
                strict_1.default.deepEqual([...rows].sort((a, b) => key(a).localeCompare(key(b))), expectedRows.sort((a, b) => key(a).localeCompare(key(b))));
            });
            (0, node_test_1.it)('portfolio.csv, for all legal entities and for one, equals the oracle', async () => {
                const row = (p) => ({
                    currency: p.currency, legalEntityId: text(p.legalEntityId), projectCount: String(p.projectCount), approvedHours: p.approvedHours,
                    'laborCost.amount': p.laborCost, 'laborCost.currency': p.currency, 'expenseCost.amount': p.expenseCost, 'expenseCost.currency': p.currency,
                    'billedAmount.amount': p.billedAmount, 'billedAmount.currency': p.currency,
                    'unbilledApprovedAmount.amount': p.unbilledApprovedAmount, 'unbilledApprovedAmount.currency': p.currency,
                    'recognizedRevenue.amount': p.recognizedRevenue, 'recognizedRevenue.currency': p.currency,
                    'margin.amount': p.margin, 'margin.currency': p.currency, marginPercent: text(p.marginPercent),
                    'outstandingBalance.amount': p.outstandingBalance, 'outstandingBalance.currency': p.currency,
                    openInvoiceExceptions: String(p.openInvoiceExceptions),
                });
                strict_1.default.deepEqual((0, csvRecords_1.csvRecords)((await get(`${base}/reports/portfolio.csv`)).body), expected.portfolio.map(row));
                const le = expected.portfolioByLegalEntity[0].legalEntityId;
                strict_1.default.deepEqual((0, csvRecords_1.csvRecords)((await get(`${base}/reports/portfolio.csv?legalEntityId=${le}`)).body), expected.portfolioByLegalEntity.filter((p) => p.legalEntityId === le).map(row));
            });
            (0, node_test_1.it)('exceptions.csv: one row per open invoice exception', async () => {
                const rows = (0, csvRecords_1.csvRecords)((await get(`${base}/reports/exceptions.csv`)).body);
                const open = Object.values(expected.invoices).flatMap((i) => i.openExceptions.map((id) => `${i.invoiceId} ${id}`)).sort();
                strict_1.default.ok(open.length > 0, 'the firm has open invoice exceptions');
                strict_1.default.deepEqual(rows.map((r) => `${r.id} ${r['openExceptions.id']}`).sort(), open);
            });
            (0, node_test_1.it)('projects.json holds the same rows as projects.csv', async () => {
                const answer = await get(`${base}/reports/projects.json`);
                strict_1.default.equal(answer.status, 200);
                const json = JSON.parse(answer.body);
                strict_1.default.equal(json.report, 'projects');
                strict_1.default.deepEqual(json.rows.map((r) => r.id).sort(), Object.keys(expected.projects).sort());
                const one = json.rows.find((r) => r.id === Object.keys(expected.projects)[0]);
                strict_1.default.equal(one.margin.amount, expected.projects[one.id].margin);
            });
        });
    }
    (0, node_test_1.describe)('the catalogue, caching and bad requests', () => {
        let db;
        let gateway;
        let base;
        (0, node_test_1.before)(async () => {
            db = await (0, simulatedDatabase_1.simulatedDatabase)(firm.events.slice(0, 400), 'in-order');
            gateway = await (0, gateway_1.startGateway)({
                subgraphs: await (0, subgraphs_1.createSubgraphs)({ pool: db.pool }), host: '127.0.0.1', port: 0,
                extensions: [(0, reportsExtension_1.reportsExtension)({ position: (0, checkpoint_1.readModelPosition)(db.pool) })],
            });
            base = gateway.url.replace(/\/graphql$/, '');
        });
        (0, node_test_1.after)(async () => {
            await gateway?.close();
            await db?.drop();
        });
        (0, node_test_1.it)('GET /reports lists every report file with its title and typed parameters', async () => {
            const catalogue = JSON.parse((await get(`${base}/reports`)).body);
            strict_1.default.deepEqual(catalogue.reports.map((r) => r.name), [...(0, catalogue_1.loadReports)().keys()]);
            const invoices = catalogue.reports.find((r) => r.name === 'invoices');
            strict_1.default.equal(invoices.title, 'Invoices');
            strict_1.default.deepEqual(invoices.parameters, [
                { name: 'status', type: 'InvoiceStatus', required: false }, { name: 'paymentState', type: 'PaymentState', required: false },
            ]);
            strict_1.default.equal(invoices.urls.csv, '/reports/invoices.csv');
        });
        (0, node_test_1.it)('answers 304 while the read model stays, and 200 with a new ETag after one event', async () => {
            const first = await get(`${base}/reports/projects.csv`);
            const etag = first.headers.get('etag');
            strict_1.default.ok(etag, 'an ETag');
            strict_1.default.match(first.headers.get('cache-control') ?? '', /no-cache/);
            const again = await get(`${base}/reports/projects.csv`, { 'if-none-match': etag });
            strict_1.default.equal(again.status, 304);
            strict_1.default.equal(again.body, '');
            const json = await get(`${base}/reports/projects.json`, { 'if-none-match': etag });
            strict_1.default.equal(json.status, 200, 'another format is another answer');
            const filtered = await get(`${base}/reports/invoices.csv?status=POSTED`);
            strict_1.default.notEqual(filtered.headers.get('etag'), (await get(`${base}/reports/invoices.csv`)).headers.get('etag'), 'parameters are part of the tag');
            const ingest = await (0, server_1.startIngestServer)({ pool: db.pool, host: '127.0.0.1', port: 0 });
            try {
                const summary = await (0, post_1.postEvents)(firm.events.slice(400, 401), { url: `http://127.0.0.1:${ingest.port}/events`, batchSize: 1, progress: false });
                strict_1.default.equal(summary.accepted, 1);
            }
            finally {
                await ingest.close();
            }
            await new projector_1.Projector(db.pool).drain();
            const moved = await get(`${base}/reports/projects.csv`, { 'if-none-match': etag });
            strict_1.default.equal(moved.status, 200);
            strict_1.default.notEqual(moved.headers.get('etag'), etag);
        });
        (0, node_test_1.it)('refuses bad parameters with a 400 naming the parameter, and unknown reports with a 404', async () => {
            const bad = await get(`${base}/reports/invoices.csv?status=PAID`);
            strict_1.default.equal(bad.status, 400);
            const body = JSON.parse(bad.body);
            strict_1.default.equal(body.error.code, 'BAD_REPORT_PARAMETER');
            strict_1.default.equal(body.error.parameter, 'status');
            strict_1.default.match(body.error.message, /InvoiceStatus/);
            const unknown = JSON.parse((await get(`${base}/reports/invoices.csv?colour=red`)).body);
            strict_1.default.equal(unknown.error.parameter, 'colour');
            strict_1.default.match(unknown.error.message, /status, paymentState/);
            const missing = await get(`${base}/reports/nothing.csv`);
            strict_1.default.equal(missing.status, 404);
            strict_1.default.match(JSON.parse(missing.body).error.message, /projects/);
            const post = await fetch(`${base}/reports/projects.csv`, { method: 'POST' });
            strict_1.default.equal(post.status, 405);
        });
    });
});
//# sourceMappingURL=reports.e2e.test.js.map