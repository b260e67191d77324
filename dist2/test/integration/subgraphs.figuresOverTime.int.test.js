"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * The figures over time on hand-made facts, where the simulator leaves gaps:
 * facts of every kind on one day (the unbilled facts' keyset across kinds), a
 * milestone approved late in the evening west of UTC (its day is the UTC
 * day), the client's mistakes (clear BAD_USER_INPUT), and "today" from the
 * subgraphs' clock.
 */
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const oracle_1 = require("../../simulator/oracle");
const overTime = __importStar(require("../../simulator/oracleOverTime"));
const subgraphs_1 = require("../../subgraphs");
const events_1 = require("../support/events");
const simulatedReadModel_1 = require("../support/simulatedReadModel");
const subgraphQuery_1 = require("../support/subgraphQuery");
const testDatabase_1 = require("../support/testDatabase");
const EUR = (amount) => ({ amount, currency: 'EUR' });
const events = [
    (0, events_1.anEvent)('ps.customer.account.upserted', { accountId: 'A1', name: 'Globex', legalEntityId: 'LE-A', billingCurrency: 'EUR' }),
    (0, events_1.anEvent)('ps.project.project.created', { projectId: 'P1', accountId: 'A1', name: 'One', billingModel: 'time_and_materials', currency: 'EUR', legalEntityId: 'LE-A' }),
    ...['T1', 'T2', 'T3'].flatMap((id) => [
        (0, events_1.anEvent)('ps.project.time_entry.submitted', { timeEntryId: id, projectId: 'P1', resourceId: 'R1', workDate: '2026-03-02', hours: '2.5', billable: true }),
        (0, events_1.anEvent)('ps.project.time_entry.approved', { timeEntryId: id, approvedBy: 'M', billRate: EUR('100'), costRate: EUR('60') }),
    ]),
    ...['E1', 'E2'].map((id) => (0, events_1.anEvent)('ps.project.expense.approved', { expenseId: id, projectId: 'P1', expenseDate: '2026-03-02', amount: EUR('40.10'), billable: true })),
    // 22:30 in Rio is 01:30 UTC the next day: the fact's day is 2026-03-03.
    (0, events_1.anEvent)('ps.project.milestone.approved', { milestoneId: 'M1', projectId: 'P1', name: 'Go-live', amount: EUR('1000') }, { time: '2026-03-02T22:30:00-03:00' }),
    (0, events_1.anEvent)('ps.project.milestone.approved', { milestoneId: 'M2', projectId: 'P1', name: 'Kick-off', amount: EUR('500') }, { time: '2026-03-02T08:00:00Z' }),
];
(0, node_test_1.describe)('figures over time on facts of every kind on one day', () => {
    let db;
    let subgraphs;
    let billing;
    let revenue;
    const oracle = new oracle_1.Oracle();
    for (const event of events)
        oracle.apply(event);
    const facts = oracle.datedFacts();
    (0, node_test_1.before)(async () => {
        db = await (0, testDatabase_1.createTestDatabase)();
        await (0, simulatedReadModel_1.fillReadModel)(db.pool, events);
        subgraphs = await (0, subgraphs_1.createSubgraphs)({ pool: db.pool, clock: () => new Date('2026-04-15T23:59:00Z') });
        billing = subgraphs.find((s) => s.name === 'billing');
        revenue = subgraphs.find((s) => s.name === 'revenue');
    });
    (0, node_test_1.after)(() => db?.drop());
    (0, node_test_1.it)('lists them one a page in (day, kind, id) order, the milestone on its UTC day, ages counted to the clock’s day', async () => {
        const listed = [];
        let after = null;
        for (;;) {
            const page = (await (0, subgraphQuery_1.query)(billing, `query($after: String) { unbilledFacts(olderThanDays: 0, first: 1, after: $after) {
        pageInfo { hasNextPage endCursor } nodes { id kind factDate ageDays amount { amount currency } } } }`, { after })).unbilledFacts;
            listed.push(...page.nodes.map((n) => `${n.factDate} ${n.kind} ${n.id} ${n.ageDays} ${n.amount.amount}`));
            if (!page.pageInfo.hasNextPage)
                break;
            after = page.pageInfo.endCursor;
        }
        strict_1.default.deepEqual(listed, [
            '2026-03-02 expense E1 44 40.10', '2026-03-02 expense E2 44 40.10', '2026-03-02 milestone M2 44 500.00',
            '2026-03-02 time T1 44 250.00', '2026-03-02 time T2 44 250.00', '2026-03-02 time T3 44 250.00',
            '2026-03-03 milestone M1 43 1000.00',
        ]);
        strict_1.default.deepEqual(listed, overTime.unbilledFacts(facts, 0, '2026-04-15').map((f) => `${f.factDate} ${f.kind} ${f.id} ${f.ageDays} ${f.amount}`));
    });
    (0, node_test_1.it)('counts the age strictly: older than 43 days leaves the fact of 43 days out', async () => {
        const { unbilledFacts } = await (0, subgraphQuery_1.query)(billing, '{ unbilledFacts(olderThanDays: 43) { totalCount nodes { id } } }');
        strict_1.default.equal(unbilledFacts.totalCount, 6);
        strict_1.default.ok(!unbilledFacts.nodes.some((n) => n.id === 'M1'));
    });
    (0, node_test_1.it)('ages the unbilled amount by the day of each fact, the clock’s day by default', async () => {
        const { unbilledAging } = await (0, subgraphQuery_1.query)(billing, '{ unbilledAging { asOf current { amount } days1to30 { amount } days31to60 { amount } total { amount } } }');
        strict_1.default.deepEqual(unbilledAging, [{ asOf: '2026-04-15', current: null, days1to30: { amount: '0.00' }, days31to60: { amount: '2330.20' }, total: { amount: '2330.20' } }]);
        // 2026-04-02 is 30 days after 2026-03-03 and 31 after 2026-03-02.
        const edge = (await (0, subgraphQuery_1.query)(billing, '{ unbilledAging(asOf: "2026-04-02") { days1to30 { amount } days31to60 { amount } } }')).unbilledAging;
        strict_1.default.deepEqual(edge, [{ days1to30: { amount: '1000.00' }, days31to60: { amount: '1330.20' } }]);
    });
    (0, node_test_1.it)('puts the month figures on March', async () => {
        const { _entities } = await (0, subgraphQuery_1.query)(revenue, `{ _entities(representations: [{ __typename: "Project", id: "P1" }]) {
      ... on Project { months(from: "2026-02", to: "2026-04") { month approvedHours laborCost { amount } expenseCost { amount } } } } }`);
        strict_1.default.deepEqual(_entities[0].months, [
            { month: '2026-02', approvedHours: '0', laborCost: { amount: '0.00' }, expenseCost: { amount: '0.00' } },
            { month: '2026-03', approvedHours: '7.5', laborCost: { amount: '450.00' }, expenseCost: { amount: '80.20' } },
            { month: '2026-04', approvedHours: '0', laborCost: { amount: '0.00' }, expenseCost: { amount: '0.00' } },
        ]);
    });
    (0, node_test_1.it)('answers a client mistake with BAD_USER_INPUT saying what was expected and what arrived', async () => {
        const cases = [
            [billing, '{ unbilledFacts(olderThanDays: -1) { totalCount } }', /olderThanDays: expected an integer of 0 or more, got -1/],
            [billing, '{ unbilledFacts(olderThanDays: 1, after: "bogus") { totalCount } }', /after: expected a cursor/],
            [revenue, '{ portfolioMonths(from: "2026-13") { month } }', /from: expected a month YYYY-MM, got "2026-13"/],
            [revenue, '{ portfolioMonths(from: "2026-05", to: "2026-04") { month } }', /from: expected a month no later than to \(2026-04\), got "2026-05"/],
            [revenue, '{ portfolioMonths(from: "1900-01", to: "2200-01") { month } }', /to: expected at most 1200 months after from/],
        ];
        for (const [subgraph, source, message] of cases) {
            const result = await (0, subgraphQuery_1.execute)(subgraph, source);
            strict_1.default.equal(result.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT', source);
            strict_1.default.match(result.errors[0].message, message);
        }
        const badDate = await (0, subgraphQuery_1.execute)(billing, '{ receivablesAging(asOf: "2026-02-30") { currency } }');
        strict_1.default.match(badDate.errors[0].message, /expected a calendar date YYYY-MM-DD, got "2026-02-30"/);
    });
});
//# sourceMappingURL=subgraphs.figuresOverTime.int.test.js.map