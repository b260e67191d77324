/**
 * The figures over time through the gateway equal the oracle's, for every
 * delivery mode: project months and portfolio months, receivables and
 * unbilled aging at several days (bucket edges included), DSO, and the
 * unbilled facts page by page, as exact decimal strings. "Today" is the
 * subgraphs' pinned clock.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startGateway, type RunningGateway } from '../../gateway/gateway';
import { DELIVERY_MODES } from '../../simulator/delivery';
import { simulateFirm } from '../../simulator/firm';
import { Oracle, type DatedFacts } from '../../simulator/oracle';
import * as overTime from '../../simulator/oracleOverTime';
import { createSubgraphs } from '../../subgraphs';
import { data } from '../support/graphqlFigures';
import { simulatedDatabase } from '../support/simulatedDatabase';
import type { TestDatabase } from '../support/testDatabase';

// Twelve months of work: months spread over a year, disputed invoices aging into every bucket.
const firm = simulateFirm({ seed: 'figures-over-time', scale: 1, months: 12 });
const oracle = new Oracle();
for (const event of firm.events) oracle.apply(event);
const facts: DatedFacts = oracle.datedFacts();
const expected = oracle.figures();
const legalEntityIds = [...new Set(Object.values(expected.projects).map((p) => p.legalEntityId))].sort();
/** The subgraphs' "today": the day after the last event. */
const TODAY = '2026-01-21';

function plusDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** An unpaid invoice's due date, and an unbilled fact's date: the days whose buckets' edges are checked. */
const unpaid = facts.invoices.filter((i) => i.due.gt(0)).sort((a, b) => (a.dueDate < b.dueDate ? -1 : 1));
const unbilledDates = overTime.unbilledFacts(facts, -100_000, TODAY).map((f) => f.factDate);
const EDGES = [0, 1, 30, 31, 60, 61, 90, 91];
const receivableDays = [TODAY, '2025-06-30', '2025-12-10', ...EDGES.map((k) => plusDays(unpaid[unpaid.length - 1]!.dueDate, k))];
const unbilledDays = [TODAY, '2026-04-01', ...EDGES.map((k) => plusDays(unbilledDates[0]!, k))];

const MONEY = '{ amount currency }';
const MONTH_FIELDS = `month approvedHours laborCost ${MONEY} expenseCost ${MONEY} billedAmount ${MONEY} recognizedRevenue ${MONEY} margin ${MONEY}`;
const AGING_FIELDS = `currency legalEntityId asOf current ${MONEY} days1to30 ${MONEY} days31to60 ${MONEY} days61to90 ${MONEY} over90 ${MONEY} total ${MONEY}`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** A served month (or portfolio month) in the oracle's shape: money as its amount, in the row's currency. */
function month(row: Json, currency: string): Record<string, unknown> {
  const amount = (m: Json) => {
    assert.equal(m.currency, currency);
    return m.amount;
  };
  const shaped: Record<string, unknown> = {
    month: row.month, approvedHours: row.approvedHours, laborCost: amount(row.laborCost), expenseCost: amount(row.expenseCost),
    billedAmount: amount(row.billedAmount), recognizedRevenue: amount(row.recognizedRevenue), margin: amount(row.margin),
  };
  if ('projectCount' in row) Object.assign(shaped, { currency: row.currency, legalEntityId: row.legalEntityId, projectCount: row.projectCount });
  return shaped;
}

function aging(row: Json): Record<string, unknown> {
  const amount = (m: Json) => (m === null ? null : (assert.equal(m.currency, row.currency), m.amount));
  return {
    currency: row.currency, legalEntityId: row.legalEntityId, asOf: row.asOf, current: amount(row.current),
    days1to30: amount(row.days1to30), days31to60: amount(row.days31to60), days61to90: amount(row.days61to90),
    over90: amount(row.over90), total: amount(row.total),
  };
}

/** Every node of `unbilledFacts`, `first` a page, checking the cursors neither skip nor repeat. */
async function allUnbilledFacts(url: string, olderThanDays: number, asOf: string | null, first: number): Promise<Json[]> {
  const nodes: Json[] = [];
  let after: string | null = null;
  let total: number | undefined;
  for (;;) {
    const page: Json = (await data(url, `query Facts($after: String, $asOf: Date, $older: Int!, $first: Int) {
      unbilledFacts(olderThanDays: $older, first: $first, after: $after, asOf: $asOf) {
        totalCount pageInfo { hasNextPage endCursor }
        nodes { id kind project { id } customer { id } amount ${MONEY} factDate ageDays } } }`,
    { after, asOf, older: olderThanDays, first })).unbilledFacts;
    total ??= page.totalCount;
    nodes.push(...page.nodes);
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  assert.equal(nodes.length, total, 'totalCount counts every page');
  return nodes.map((n) => ({
    id: n.id, kind: n.kind, projectId: n.project.id, customerId: n.customer.id, amount: n.amount.amount,
    currency: n.amount.currency, factDate: n.factDate, ageDays: n.ageDays,
  }));
}

describe('the figures over time through the gateway equal the oracle', () => {
  it('the firm has every bucket filled at some day, and unbilled facts of several ages', () => {
    const buckets = ['current', 'days1to30', 'days31to60', 'days61to90', 'over90'] as const;
    for (const bucket of buckets) {
      assert.ok(receivableDays.some((day) => overTime.receivablesAging(facts, day).some((row) => row[bucket] !== '0.00')), `receivables ${bucket}`);
    }
    for (const bucket of buckets.slice(1)) {
      assert.ok(unbilledDays.some((day) => overTime.unbilledAging(facts, day).some((row) => row[bucket] !== '0.00')), `unbilled ${bucket}`);
    }
    assert.ok(new Set(Object.values(expected.projects).map((p) => p.currency)).size > 1, 'more than one currency');
  });

  for (const mode of DELIVERY_MODES) {
    describe(`delivered ${mode}`, () => {
      let db: TestDatabase;
      let gateway: RunningGateway;
      let url: string;
      before(async () => {
        db = await simulatedDatabase(firm.events, mode);
        const subgraphs = await createSubgraphs({ pool: db.pool, clock: () => new Date(`${TODAY}T15:30:00Z`) });
        gateway = await startGateway({ subgraphs, host: '127.0.0.1', port: 0 });
        url = gateway.url;
      });
      after(async () => {
        await gateway?.close();
        await db?.drop();
      });

      it('has every month of every project, for the whole year and open ranges, summing to the project figures', async () => {
        const { projects } = await data(url, `{ projects(first: 500) { nodes { id currency
          laborCost { amount } expenseCost { amount } billedAmount { amount } recognizedRevenue { amount } margin { amount } approvedHours
          year: months(from: "2025-01", to: "2025-12") { ${MONTH_FIELDS} }
          all: months { ${MONTH_FIELDS} }
          late: months(from: "2025-10") { ${MONTH_FIELDS} } } } }`);
        assert.equal(projects.nodes.length, Object.keys(expected.projects).length);
        for (const p of projects.nodes) {
          assert.deepEqual(p.year.map((m: Json) => month(m, p.currency)), overTime.projectMonths(facts, p.id, '2025-01', '2025-12'), `${p.id} 2025`);
          assert.deepEqual(p.all.map((m: Json) => month(m, p.currency)), overTime.projectMonths(facts, p.id), `${p.id} all`);
          assert.deepEqual(p.late.map((m: Json) => month(m, p.currency)), overTime.projectMonths(facts, p.id, '2025-10'), `${p.id} from 2025-10`);
          assert.equal(p.year.length, 12);
          const sum = (field: string) => p.all.reduce((s: bigint, m: Json) => s + BigInt(m[field].amount.replace('.', '')), 0n);
          for (const field of ['laborCost', 'expenseCost', 'billedAmount', 'recognizedRevenue', 'margin']) {
            assert.equal(sum(field), BigInt(p[field].amount.replace('.', '')), `${p.id}: its months' ${field} sum to its ${field}`);
          }
        }
      });

      it('has the portfolio months, of every legal entity and of each', async () => {
        const all = (await data(url, `{ portfolioMonths { ${MONTH_FIELDS} currency legalEntityId projectCount } }`)).portfolioMonths;
        assert.deepEqual(all.map((row: Json) => month(row, row.currency)), overTime.portfolioMonths(facts));
        for (const le of legalEntityIds) {
          const rows = (await data(url, `query($le: String) { portfolioMonths(from: "2025-03", to: "2025-08", legalEntityId: $le) {
            ${MONTH_FIELDS} currency legalEntityId projectCount } }`, { le })).portfolioMonths;
          assert.deepEqual(rows.map((row: Json) => month(row, row.currency)), overTime.portfolioMonths(facts, '2025-03', '2025-08', le), le);
        }
      });

      it('has the receivables aging at every day asked, bucket edges included, and today by default', async () => {
        for (const day of receivableDays) {
          const { receivablesAging } = await data(url, `query($d: Date) { receivablesAging(asOf: $d) { ${AGING_FIELDS} } }`, { d: day });
          assert.deepEqual(receivablesAging.map(aging), overTime.receivablesAging(facts, day), `as of ${day}`);
        }
        for (const le of legalEntityIds) {
          const { receivablesAging } = await data(url, `query($le: String) { receivablesAging(legalEntityId: $le) { ${AGING_FIELDS} } }`, { le });
          assert.deepEqual(receivablesAging.map(aging), overTime.receivablesAging(facts, TODAY, le), `${le} today`);
        }
      });

      it('has the unbilled aging at every day asked, bucket edges included, and today by default', async () => {
        for (const day of unbilledDays) {
          const { unbilledAging } = await data(url, `query($d: Date) { unbilledAging(asOf: $d) { ${AGING_FIELDS} } }`, { d: day });
          assert.deepEqual(unbilledAging.map(aging), overTime.unbilledAging(facts, day), `as of ${day}`);
        }
        for (const le of legalEntityIds) {
          const { unbilledAging } = await data(url, `query($le: String) { unbilledAging(legalEntityId: $le) { ${AGING_FIELDS} } }`, { le });
          assert.deepEqual(unbilledAging.map(aging), overTime.unbilledAging(facts, TODAY, le), `${le} today`);
        }
      });

      it('has the DSO today (by default) and on other days, of every legal entity and of each', async () => {
        const today = (await data(url, '{ dso { currency legalEntityId days } }')).dso;
        assert.deepEqual(today, overTime.dso(facts, TODAY));
        assert.ok(today.some((row: Json) => row.days !== null && row.days !== '0.0'), 'a DSO above zero');
        // The window's edges: an invoice dated 89 days before is in it, one dated 90 days before is not.
        const dated = facts.invoices[Math.floor(facts.invoices.length / 2)]!.invoiceDate;
        for (const day of ['2025-03-31', '2025-09-30', '2026-02-15', '2026-06-30', plusDays(dated, 89), plusDays(dated, 90), dated]) {
          assert.deepEqual((await data(url, 'query($d: Date) { dso(asOf: $d) { currency legalEntityId days } }', { d: day })).dso, overTime.dso(facts, day), day);
        }
        for (const le of legalEntityIds) {
          assert.deepEqual((await data(url, 'query($le: String) { dso(legalEntityId: $le) { currency legalEntityId days } }', { le })).dso, overTime.dso(facts, TODAY, le), le);
        }
      });

      it('lists the unbilled facts oldest first, page by page (one a page: every boundary), today by default and on other days', async () => {
        for (const [older, asOf, first] of [[0, null, 1], [10, null, 500], [30, '2026-03-01', 3], [0, '2025-07-01', 500]] as const) {
          const expectedFacts = overTime.unbilledFacts(facts, older, asOf ?? TODAY);
          assert.deepEqual(await allUnbilledFacts(url, older, asOf, first), expectedFacts, `older than ${older} as of ${asOf ?? 'today'}`);
        }
        assert.ok(overTime.unbilledFacts(facts, 0, TODAY).length > 10, 'the firm leaves work unbilled');
      });
    });
  }
});
