/**
 * The figures over time on hand-made facts, where the simulator leaves gaps:
 * facts of every kind on one day (the unbilled facts' keyset across kinds), a
 * milestone approved late in the evening west of UTC (its day is the UTC
 * day), the client's mistakes (clear BAD_USER_INPUT), and "today" from the
 * subgraphs' clock.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BusinessEvent } from '../../events/types';
import { Oracle } from '../../simulator/oracle';
import * as overTime from '../../simulator/oracleOverTime';
import { createSubgraphs, type Subgraph } from '../../subgraphs';
import { anEvent } from '../support/events';
import { fillReadModel } from '../support/simulatedReadModel';
import { execute, query } from '../support/subgraphQuery';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';

const EUR = (amount: string) => ({ amount, currency: 'EUR' });

const events: BusinessEvent[] = [
  anEvent('ps.customer.account.upserted', { accountId: 'A1', name: 'Globex', legalEntityId: 'LE-A', billingCurrency: 'EUR' }),
  anEvent('ps.project.project.created', { projectId: 'P1', accountId: 'A1', name: 'One', billingModel: 'time_and_materials', currency: 'EUR', legalEntityId: 'LE-A' }),
  ...['T1', 'T2', 'T3'].flatMap((id) => [
    anEvent('ps.project.time_entry.submitted', { timeEntryId: id, projectId: 'P1', resourceId: 'R1', workDate: '2026-03-02', hours: '2.5', billable: true }),
    anEvent('ps.project.time_entry.approved', { timeEntryId: id, approvedBy: 'M', billRate: EUR('100'), costRate: EUR('60') }),
  ]),
  ...['E1', 'E2'].map((id) => anEvent('ps.project.expense.approved', { expenseId: id, projectId: 'P1', expenseDate: '2026-03-02', amount: EUR('40.10'), billable: true })),
  // 22:30 in Rio is 01:30 UTC the next day: the fact's day is 2026-03-03.
  anEvent('ps.project.milestone.approved', { milestoneId: 'M1', projectId: 'P1', name: 'Go-live', amount: EUR('1000') }, { time: '2026-03-02T22:30:00-03:00' }),
  anEvent('ps.project.milestone.approved', { milestoneId: 'M2', projectId: 'P1', name: 'Kick-off', amount: EUR('500') }, { time: '2026-03-02T08:00:00Z' }),
];

describe('figures over time on facts of every kind on one day', () => {
  let db: TestDatabase;
  let subgraphs: Subgraph[];
  let billing: Subgraph;
  let revenue: Subgraph;
  const oracle = new Oracle();
  for (const event of events) oracle.apply(event);
  const facts = oracle.datedFacts();

  before(async () => {
    db = await createTestDatabase();
    await fillReadModel(db.pool, events);
    subgraphs = await createSubgraphs({ pool: db.pool, clock: () => new Date('2026-04-15T23:59:00Z') });
    billing = subgraphs.find((s) => s.name === 'billing')!;
    revenue = subgraphs.find((s) => s.name === 'revenue')!;
  });
  after(() => db?.drop());

  it('lists them one a page in (day, kind, id) order, the milestone on its UTC day, ages counted to the clock’s day', async () => {
    const listed: unknown[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = (await query(billing, `query($after: String) { unbilledFacts(olderThanDays: 0, first: 1, after: $after) {
        pageInfo { hasNextPage endCursor } nodes { id kind factDate ageDays amount { amount currency } } } }`, { after })).unbilledFacts;
      listed.push(...page.nodes.map((n: any) => `${n.factDate} ${n.kind} ${n.id} ${n.ageDays} ${n.amount.amount}`));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    assert.deepEqual(listed, [
      '2026-03-02 expense E1 44 40.10', '2026-03-02 expense E2 44 40.10', '2026-03-02 milestone M2 44 500.00',
      '2026-03-02 time T1 44 250.00', '2026-03-02 time T2 44 250.00', '2026-03-02 time T3 44 250.00',
      '2026-03-03 milestone M1 43 1000.00',
    ]);
    assert.deepEqual(listed, overTime.unbilledFacts(facts, 0, '2026-04-15').map((f) => `${f.factDate} ${f.kind} ${f.id} ${f.ageDays} ${f.amount}`));
  });

  it('counts the age strictly: older than 43 days leaves the fact of 43 days out', async () => {
    const { unbilledFacts } = await query(billing, '{ unbilledFacts(olderThanDays: 43) { totalCount nodes { id } } }');
    assert.equal(unbilledFacts.totalCount, 6);
    assert.ok(!unbilledFacts.nodes.some((n: any) => n.id === 'M1'));
  });

  it('ages the unbilled amount by the day of each fact, the clock’s day by default', async () => {
    const { unbilledAging } = await query(billing, '{ unbilledAging { asOf current { amount } days1to30 { amount } days31to60 { amount } total { amount } } }');
    assert.deepEqual(unbilledAging, [{ asOf: '2026-04-15', current: null, days1to30: { amount: '0.00' }, days31to60: { amount: '2330.20' }, total: { amount: '2330.20' } }]);
    // 2026-04-02 is 30 days after 2026-03-03 and 31 after 2026-03-02.
    const edge = (await query(billing, '{ unbilledAging(asOf: "2026-04-02") { days1to30 { amount } days31to60 { amount } } }')).unbilledAging;
    assert.deepEqual(edge, [{ days1to30: { amount: '1000.00' }, days31to60: { amount: '1330.20' } }]);
  });

  it('puts the month figures on March', async () => {
    const { _entities } = await query(revenue, `{ _entities(representations: [{ __typename: "Project", id: "P1" }]) {
      ... on Project { months(from: "2026-02", to: "2026-04") { month approvedHours laborCost { amount } expenseCost { amount } } } } }`);
    assert.deepEqual(_entities[0].months, [
      { month: '2026-02', approvedHours: '0', laborCost: { amount: '0.00' }, expenseCost: { amount: '0.00' } },
      { month: '2026-03', approvedHours: '7.5', laborCost: { amount: '450.00' }, expenseCost: { amount: '80.20' } },
      { month: '2026-04', approvedHours: '0', laborCost: { amount: '0.00' }, expenseCost: { amount: '0.00' } },
    ]);
  });

  it('answers a client mistake with BAD_USER_INPUT saying what was expected and what arrived', async () => {
    const cases: [Subgraph, string, RegExp][] = [
      [billing, '{ unbilledFacts(olderThanDays: -1) { totalCount } }', /olderThanDays: expected an integer of 0 or more, got -1/],
      [billing, '{ unbilledFacts(olderThanDays: 1, after: "bogus") { totalCount } }', /after: expected a cursor/],
      [revenue, '{ portfolioMonths(from: "2026-13") { month } }', /from: expected a month YYYY-MM, got "2026-13"/],
      [revenue, '{ portfolioMonths(from: "2026-05", to: "2026-04") { month } }', /from: expected a month no later than to \(2026-04\), got "2026-05"/],
      [revenue, '{ portfolioMonths(from: "1900-01", to: "2200-01") { month } }', /to: expected at most 1200 months after from/],
    ];
    for (const [subgraph, source, message] of cases) {
      const result = await execute(subgraph, source);
      assert.equal(result.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT', source);
      assert.match(result.errors![0]!.message, message);
    }
    const badDate = await execute(billing, '{ receivablesAging(asOf: "2026-02-30") { currency } }');
    assert.match(badDate.errors![0]!.message, /expected a calendar date YYYY-MM-DD, got "2026-02-30"/);
  });
});
