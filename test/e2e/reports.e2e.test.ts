/**
 * Saved reports over HTTP: every report's CSV and JSON equal the oracle for
 * the simulated firm, in every delivery mode, as exact strings, every field
 * the oracle has (a field missing from the answer fails); every page of a
 * list is read; ETag and If-None-Match follow the read model; bad parameters
 * get a 400 that names them.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startGateway, type RunningGateway } from '../../gateway/gateway';
import { startIngestServer } from '../../ingest/server';
import { Projector } from '../../listeners/projector';
import { loadReports } from '../../reporting/catalogue';
import { reportsExtension } from '../../reporting/reportsExtension';
import { DELIVERY_MODES } from '../../simulator/delivery';
import { simulateFirm } from '../../simulator/firm';
import { Oracle, type ExpectedFigures } from '../../simulator/oracle';
import * as overTime from '../../simulator/oracleOverTime';
import { postEvents } from '../../simulator/post';
import { readModelPosition } from '../../hub/checkpoint';
import { createSubgraphs } from '../../subgraphs';
import { csvRecords } from '../support/csvRecords';
import { assertSameRows, byId, expectedReport, reportOracle } from '../support/expectedReports';
import { simulatedDatabase } from '../support/simulatedDatabase';
import type { TestDatabase } from '../support/testDatabase';

const firm = simulateFirm({ seed: 'saved-reports', scale: 1 });
const oracle = new Oracle();
for (const event of firm.events) oracle.apply(event);
const expected: ExpectedFigures = oracle.figures();
const facts = oracle.datedFacts();
/** A day after the firm's last event, passed as `asOf`: the figures that depend on "today" are the oracle's for it. */
const AS_OF = new Date(Date.parse(firm.events.at(-1)!.time) + 20 * 86_400_000).toISOString().slice(0, 10);
/** The subgraphs' clock, pinned so that the exceptions' `ageHours` are the oracle's. */
const NOW = new Date(`${AS_OF}T09:30:00.000Z`);
const reports = reportOracle(oracle, NOW);
/** The range of the month reports: every month of the firm's facts. */
const [FROM, TO] = ['2025-01', '2026-12'];
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
/** A money field's two CSV cells; a null money is two empty cells. */
const moneyCells = (field: string, money: Json) => ({ [`${field}.amount`]: money?.amount ?? '', [`${field}.currency`]: money?.currency ?? '' });
const upper = (s: string | null) => (s === null ? '' : s.toUpperCase());
const text = (s: string | null | undefined) => s ?? '';
/** A page size that splits every list into several pages. */
const PAGE_SIZE = 4;

async function get(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers });
  return { status: response.status, headers: response.headers, body: await response.text() };
}

describe('saved reports', () => {
  for (const mode of DELIVERY_MODES) {
    describe(`delivered ${mode}`, () => {
      let db: TestDatabase;
      let gateway: RunningGateway;
      let base: string;
      before(async () => {
        db = await simulatedDatabase(firm.events, mode);
        gateway = await startGateway({
          subgraphs: await createSubgraphs({ pool: db.pool, clock: () => NOW }), host: '127.0.0.1', port: 0,
          extensions: [reportsExtension({ position: readModelPosition(db.pool), pageSize: PAGE_SIZE })],
        });
        base = gateway.url.replace(/\/graphql$/, '');
      });
      after(async () => {
        await gateway?.close();
        await db?.drop();
      });

      it('projects.csv: one row per project, every page, every figure as the oracle has it', async () => {
        const answer = await get(`${base}/reports/projects.csv`);
        assert.equal(answer.status, 200, answer.body);
        assert.match(answer.headers.get('content-type') ?? '', /^text\/csv; charset=utf-8/);
        const rows = csvRecords(answer.body);
        assert.ok(Object.keys(expected.projects).length > 2 * PAGE_SIZE, `the report spans several pages (${Object.keys(expected.projects).length} projects)`);
        assert.deepEqual(rows.map((r) => r.id).sort(), Object.keys(expected.projects).sort());
        for (const row of rows) {
          const p = expected.projects[row.id]!;
          assert.deepEqual(row, {
            id: p.projectId, name: p.name, status: upper(p.status), billingModel: upper(p.billingModel), currency: p.currency,
            legalEntityId: p.legalEntityId, 'customer.id': p.customerId, 'customer.name': expected.customers[p.customerId]!.name,
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

      it('invoices.csv, whole and filtered by status and payment state, equals the oracle', async () => {
        const rows = csvRecords((await get(`${base}/reports/invoices.csv`)).body);
        assert.deepEqual(rows.map((r) => r.id).sort(), Object.keys(expected.invoices).sort());
        for (const row of rows) {
          const i = expected.invoices[row.id]!;
          const money = (amount: string | null) => ({ amount: text(amount), currency: amount === null ? '' : i.currency });
          assert.deepEqual({
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
        const posted = csvRecords((await get(`${base}/reports/invoices.csv?status=POSTED&paymentState=PARTIAL`)).body);
        assert.deepEqual(posted.map((r) => r.id).sort(),
          Object.values(expected.invoices).filter((i) => i.status === 'posted' && i.paymentState === 'partial').map((i) => i.invoiceId).sort());
      });

      it('customers.csv: one row per survivor and currency owed, one for a customer owed nothing', async () => {
        const rows = csvRecords((await get(`${base}/reports/customers.csv`)).body);
        const survivors = Object.values(expected.customers).filter((c) => c.status !== 'merged');
        const expectedRows = survivors.flatMap((c) => (c.outstandingBalance.length ? c.outstandingBalance : [null]).map((m) => ({
          id: c.customerId, name: c.name, legalEntityId: c.legalEntityId, billingCurrency: c.billingCurrency, status: c.status,
          'outstandingBalance.amount': m?.amount ?? '', 'outstandingBalance.currency': m?.currency ?? '',
        })));
        const key = (r: Record<string, string>) => `${r.id} ${r['outstandingBalance.currency']}`;
        assert.deepEqual([...rows].sort((a, b) => key(a).localeCompare(key(b))), expectedRows.sort((a, b) => key(a).localeCompare(key(b))));
      });

      it('portfolio.csv, for all legal entities and for one, equals the oracle', async () => {
        const row = (p: ExpectedFigures['portfolio'][number]) => ({
          currency: p.currency, legalEntityId: text(p.legalEntityId), projectCount: String(p.projectCount), approvedHours: p.approvedHours,
          'laborCost.amount': p.laborCost, 'laborCost.currency': p.currency, 'expenseCost.amount': p.expenseCost, 'expenseCost.currency': p.currency,
          'billedAmount.amount': p.billedAmount, 'billedAmount.currency': p.currency,
          'unbilledApprovedAmount.amount': p.unbilledApprovedAmount, 'unbilledApprovedAmount.currency': p.currency,
          'recognizedRevenue.amount': p.recognizedRevenue, 'recognizedRevenue.currency': p.currency,
          'margin.amount': p.margin, 'margin.currency': p.currency, marginPercent: text(p.marginPercent),
          'outstandingBalance.amount': p.outstandingBalance, 'outstandingBalance.currency': p.currency,
          openInvoiceExceptions: String(p.openInvoiceExceptions),
        });
        assert.deepEqual(csvRecords((await get(`${base}/reports/portfolio.csv`)).body), expected.portfolio.map(row));
        const le = expected.portfolioByLegalEntity[0]!.legalEntityId!;
        assert.deepEqual(csvRecords((await get(`${base}/reports/portfolio.csv?legalEntityId=${le}`)).body),
          expected.portfolioByLegalEntity.filter((p) => p.legalEntityId === le).map(row));
      });

      it('exceptions.csv: one row per open invoice exception, every column the oracle\'s', async () => {
        const rows = csvRecords((await get(`${base}/reports/exceptions.csv`)).body);
        const expectedRows = expectedReport(reports, 'exceptions').flatMap((i: Json) => i.openExceptions.map((e: Json) => ({
          id: i.id, number: text(i.number), status: i.status, 'customer.id': i.customer.id, 'customer.name': i.customer.name,
          'project.id': i.project.id, 'project.name': i.project.name, ...moneyCells('grossTotal', i.grossTotal),
          'openExceptions.id': e.id, 'openExceptions.stage': e.stage, 'openExceptions.code': e.code, 'openExceptions.message': text(e.message),
          'openExceptions.raisedAt': e.raisedAt, 'openExceptions.ageHours': String(e.ageHours),
        })));
        assert.ok(expectedRows.length > 0, 'the firm has open invoice exceptions');
        const key = (r: Record<string, string>) => `${r.id} ${r['openExceptions.id']}`;
        assert.deepEqual([...rows].sort((a, b) => key(a).localeCompare(key(b))), expectedRows.sort((a, b) => key(a).localeCompare(key(b))));
      });

      it('portfolio-months.csv, for all legal entities and for one, equals the oracle month by month', async () => {
        const le = expected.portfolioByLegalEntity[0]!.legalEntityId!;
        for (const parameters of [{ from: FROM, to: TO }, { from: FROM, to: TO, legalEntityId: le }] as Record<string, string>[]) {
          const query = new URLSearchParams(parameters).toString();
          const expectedRows = expectedReport(reports, 'portfolio-months', parameters).map((m: Json) => ({
            month: m.month, currency: m.currency, legalEntityId: text(m.legalEntityId), projectCount: String(m.projectCount),
            approvedHours: m.approvedHours, ...moneyCells('laborCost', m.laborCost), ...moneyCells('expenseCost', m.expenseCost),
            ...moneyCells('billedAmount', m.billedAmount), ...moneyCells('recognizedRevenue', m.recognizedRevenue), ...moneyCells('margin', m.margin),
          }));
          assert.ok(expectedRows.some((m) => m.projectCount !== '0'), `${query}: months with figures`);
          const answer = await get(`${base}/reports/portfolio-months.csv?${query}`);
          assert.equal(answer.status, 200, `${query}: ${answer.body}`);
          assert.deepEqual(csvRecords(answer.body), expectedRows, query);
        }
      });

      it('receivables-aging.csv and unbilled-aging.csv equal the oracle as of a day, for all and for one legal entity', async () => {
        const le = expected.portfolioByLegalEntity[0]!.legalEntityId!;
        const row = (a: overTime.AgingFigures, withCurrent: boolean) => ({
          currency: a.currency, legalEntityId: text(a.legalEntityId), asOf: a.asOf,
          ...(withCurrent ? { 'current.amount': text(a.current), 'current.currency': a.current === null ? '' : a.currency } : {}),
          'days1to30.amount': a.days1to30, 'days1to30.currency': a.currency, 'days31to60.amount': a.days31to60, 'days31to60.currency': a.currency,
          'days61to90.amount': a.days61to90, 'days61to90.currency': a.currency, 'over90.amount': a.over90, 'over90.currency': a.currency,
          'total.amount': a.total, 'total.currency': a.currency,
        });
        for (const query of [`asOf=${AS_OF}`, `asOf=${AS_OF}&legalEntityId=${le}`]) {
          const legalEntity = query.includes('legalEntityId') ? le : undefined;
          const receivables = overTime.receivablesAging(facts, AS_OF, legalEntity);
          assert.ok(receivables.some((a) => a.total !== '0.00'), 'receivables are outstanding');
          assert.deepEqual(csvRecords((await get(`${base}/reports/receivables-aging.csv?${query}`)).body), receivables.map((a) => row(a, true)));
          assert.deepEqual(csvRecords((await get(`${base}/reports/unbilled-aging.csv?${query}`)).body),
            overTime.unbilledAging(facts, AS_OF, legalEntity).map((a) => row(a, false)));
        }
      });

      it('project-months.csv: one row per project and month of the range, equal to the oracle', async () => {
        const [from, to] = [FROM, TO];
        const rows = csvRecords((await get(`${base}/reports/project-months.csv?from=${from}&to=${to}`)).body);
        const expectedRows = Object.values(expected.projects).flatMap((p) => overTime.projectMonths(facts, p.projectId, from, to).map((m) => ({
          id: p.projectId, month: m.month, approvedHours: m.approvedHours, laborCost: m.laborCost, expenseCost: m.expenseCost,
          billedAmount: m.billedAmount, recognizedRevenue: m.recognizedRevenue, margin: m.margin,
        })));
        assert.equal(rows.length, expectedRows.length);
        const served = rows.map((r) => ({
          id: r.id, month: r['months.month'], approvedHours: r['months.approvedHours'], laborCost: r['months.laborCost.amount'],
          expenseCost: r['months.expenseCost.amount'], billedAmount: r['months.billedAmount.amount'],
          recognizedRevenue: r['months.recognizedRevenue.amount'], margin: r['months.margin.amount'],
        }));
        const key = (r: { id: string; month: string }) => `${r.id} ${r.month}`;
        assert.deepEqual(served.sort((a, b) => key(a).localeCompare(key(b))), expectedRows.sort((a, b) => key(a).localeCompare(key(b))));
      });

      it('unbilled-facts.csv lists the oracle\'s leakage oldest first, every page', async () => {
        const rows = csvRecords((await get(`${base}/reports/unbilled-facts.csv?olderThanDays=30&asOf=${AS_OF}`)).body);
        const leaks = overTime.unbilledFacts(facts, 30, AS_OF);
        assert.ok(leaks.length > PAGE_SIZE, 'several pages of leakage');
        assert.deepEqual(rows.map((r) => [r.id, r.kind, r.factDate, r.ageDays, r['amount.amount'], r['amount.currency'], r['project.id'], r['customer.id']]),
          leaks.map((f) => [f.id, f.kind, f.factDate, String(f.ageDays), f.amount, f.currency, f.projectId, f.customerId]));
        const missing = await get(`${base}/reports/unbilled-facts.csv`);
        assert.equal(missing.status, 400);
        assert.equal(JSON.parse(missing.body).error.parameter, 'olderThanDays');
      });

      it('every report as JSON equals the oracle\'s rows, every field as an exact string, with and without parameters', async () => {
        const le = expected.portfolioByLegalEntity[0]!.legalEntityId!;
        const cases: Array<[string, Record<string, string>]> = [
          ['projects', {}], ['projects', { status: 'ACTIVE' }], ['invoices', {}], ['invoices', { status: 'POSTED', paymentState: 'PARTIAL' }],
          ['customers', {}], ['portfolio', {}], ['portfolio', { legalEntityId: le }], ['exceptions', {}],
          ['project-months', { from: FROM, to: TO }], ['portfolio-months', { from: FROM, to: TO }],
          ['portfolio-months', { from: FROM, to: TO, legalEntityId: le }],
          ['receivables-aging', { asOf: AS_OF }], ['receivables-aging', { asOf: AS_OF, legalEntityId: le }],
          ['unbilled-aging', { asOf: AS_OF }], ['unbilled-aging', { asOf: AS_OF, legalEntityId: le }],
          ['unbilled-facts', { olderThanDays: '30', asOf: AS_OF }],
        ];
        assert.deepEqual([...new Set(cases.map(([name]) => name))].sort(), [...loadReports().keys()].sort(), 'every report is checked');
        for (const [name, parameters] of cases) {
          const query = new URLSearchParams(parameters).toString();
          const what = `${name}.json?${query}`;
          const answer = await get(`${base}/reports/${name}.json${query ? `?${query}` : ''}`);
          assert.equal(answer.status, 200, `${what}: ${answer.body}`);
          const json = JSON.parse(answer.body);
          assert.deepEqual(Object.keys(json), ['report', 'rows'], what);
          assert.equal(json.report, name, what);
          const rows = expectedReport(reports, name, parameters);
          assert.ok(rows.length > 0, `${what}: the oracle has rows`);
          // The connections' order is the API's (by id, invoices by when drafted); compared here by id.
          if (loadReports().get(name)!.paginated) assertSameRows(byId(json.rows), byId(rows), what);
          else assertSameRows(json.rows, rows, what);
        }
      });
    });
  }

  describe('the catalogue, caching and bad requests', () => {
    let db: TestDatabase;
    let gateway: RunningGateway;
    let base: string;
    before(async () => {
      db = await simulatedDatabase(firm.events.slice(0, 400), 'in-order');
      gateway = await startGateway({
        subgraphs: await createSubgraphs({ pool: db.pool }), host: '127.0.0.1', port: 0,
        extensions: [reportsExtension({ position: readModelPosition(db.pool) })],
      });
      base = gateway.url.replace(/\/graphql$/, '');
    });
    after(async () => {
      await gateway?.close();
      await db?.drop();
    });

    it('GET /reports lists every report file with its title and typed parameters', async () => {
      const catalogue = JSON.parse((await get(`${base}/reports`)).body);
      assert.deepEqual(catalogue.reports.map((r: { name: string }) => r.name), [...loadReports().keys()]);
      const invoices = catalogue.reports.find((r: { name: string }) => r.name === 'invoices');
      assert.equal(invoices.title, 'Invoices');
      assert.deepEqual(invoices.parameters, [
        { name: 'status', type: 'InvoiceStatus', required: false }, { name: 'paymentState', type: 'PaymentState', required: false },
      ]);
      assert.equal(invoices.urls.csv, '/reports/invoices.csv');
    });

    it('answers 304 while the read model stays, and 200 with a new ETag after one event', async () => {
      const first = await get(`${base}/reports/projects.csv`);
      const etag = first.headers.get('etag');
      assert.ok(etag, 'an ETag');
      assert.match(first.headers.get('cache-control') ?? '', /no-cache/);
      const again = await get(`${base}/reports/projects.csv`, { 'if-none-match': etag! });
      assert.equal(again.status, 304);
      assert.equal(again.body, '');
      const json = await get(`${base}/reports/projects.json`, { 'if-none-match': etag! });
      assert.equal(json.status, 200, 'another format is another answer');
      const filtered = await get(`${base}/reports/invoices.csv?status=POSTED`);
      assert.notEqual(filtered.headers.get('etag'), (await get(`${base}/reports/invoices.csv`)).headers.get('etag'), 'parameters are part of the tag');

      const ingest = await startIngestServer({ pool: db.pool, host: '127.0.0.1', port: 0 });
      try {
        const summary = await postEvents(firm.events.slice(400, 401), { url: `http://127.0.0.1:${ingest.port}/events`, batchSize: 1, progress: false });
        assert.equal(summary.accepted, 1);
      } finally {
        await ingest.close();
      }
      await new Projector(db.pool).drain();
      const moved = await get(`${base}/reports/projects.csv`, { 'if-none-match': etag! });
      assert.equal(moved.status, 200);
      assert.notEqual(moved.headers.get('etag'), etag);
    });

    it('refuses bad parameters with a 400 naming the parameter, and unknown reports with a 404', async () => {
      const bad = await get(`${base}/reports/invoices.csv?status=PAID`);
      assert.equal(bad.status, 400);
      const body = JSON.parse(bad.body);
      assert.equal(body.error.code, 'BAD_REPORT_PARAMETER');
      assert.equal(body.error.parameter, 'status');
      assert.match(body.error.message, /InvoiceStatus/);
      const unknown = JSON.parse((await get(`${base}/reports/invoices.csv?colour=red`)).body);
      assert.equal(unknown.error.parameter, 'colour');
      assert.match(unknown.error.message, /status, paymentState/);
      const missing = await get(`${base}/reports/nothing.csv`);
      assert.equal(missing.status, 404);
      assert.match(JSON.parse(missing.body).error.message, /projects/);
      const post = await fetch(`${base}/reports/projects.csv`, { method: 'POST' });
      assert.equal(post.status, 405);
    });
  });
});
