"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_test_1 = require("node:test");
const graphql_1 = require("graphql");
const status_1 = require("../../hub/status");
const firm_1 = require("../../simulator/firm");
const oracle_1 = require("../../simulator/oracle");
const subgraphs_1 = require("../../subgraphs");
const simulatedReadModel_1 = require("../support/simulatedReadModel");
const subgraphQuery_1 = require("../support/subgraphQuery");
const testDatabase_1 = require("../support/testDatabase");
/*
 * Every figure of every project, invoice, customer and portfolio row, read
 * from the four subgraphs the way the gateway reads them (root fields of the
 * owner, then `_entities` batches for the fields other subgraphs add), equals
 * the simulator's oracle. The end-to-end comparison through the gateway is
 * the gateway's test; this one pins each subgraph's share.
 */
const firm = (0, firm_1.simulateFirm)({ seed: 'subgraph-figures', scale: 1 });
const expected = (0, oracle_1.expectedFigures)(firm.events);
const NOW = new Date('2025-06-01T00:00:00Z');
const amount = (money) => (money === null ? null : money.amount);
const instant = (value) => (value === null ? null : new Date(value).toISOString());
const lower = (value) => value.toLowerCase();
function byId(rows) {
    return new Map(rows.filter((r) => r !== null).map((r) => [r.id, r]));
}
/** The oracle's records with only the given fields, as JSON. */
function expectedOf(records, fields) {
    const out = {};
    for (const [id, record] of Object.entries(records)) {
        out[id] = Object.fromEntries(fields.map((f) => [f, record[f]]));
    }
    return JSON.parse(JSON.stringify(out));
}
for (const mode of ['in-order', 'duplicates', 'interleaved']) {
    (0, node_test_1.describe)(`subgraphs answer the oracle's figures (delivered ${mode})`, () => {
        let db;
        let graphs;
        (0, node_test_1.before)(async () => {
            db = await (0, testDatabase_1.createTestDatabase)();
            await (0, simulatedReadModel_1.fillReadModel)(db.pool, firm.events, mode);
            const built = await (0, subgraphs_1.createSubgraphs)({ pool: db.pool, clock: () => NOW });
            graphs = Object.fromEntries(built.map((s) => [s.name, s]));
        });
        (0, node_test_1.after)(async () => {
            await db?.drop();
        });
        (0, node_test_1.it)('every project: attributes and hours from project, billing and revenue figures through _entities', async () => {
            const { projects } = await (0, subgraphQuery_1.query)(graphs.project, `{ projects(first: 500) { totalCount nodes {
        id name billingModel status currency legalEntityId approvedHours billableApprovedHours
        laborCost { amount currency } expenseCost { amount currency } customer { id } } } }`);
            const ids = projects.nodes.map((p) => p.id);
            strict_1.default.equal(projects.totalCount, Object.keys(expected.projects).length);
            const billing = byId(await (0, subgraphQuery_1.entities)(graphs.billing, 'Project', ids, 'id billedAmount { amount currency } unbilledApprovedAmount { amount currency } unbilledApprovedHours'));
            const revenue = byId(await (0, subgraphQuery_1.entities)(graphs.revenue, 'Project', ids, 'id recognizedRevenue { amount currency } margin { amount currency } marginPercent revenueBacklog { amount currency }'));
            const actual = {};
            for (const p of projects.nodes) {
                const b = billing.get(p.id);
                const r = revenue.get(p.id);
                for (const money of [p.laborCost, p.expenseCost, b.billedAmount, b.unbilledApprovedAmount, r.recognizedRevenue, r.margin, r.revenueBacklog]) {
                    if (money !== null)
                        strict_1.default.equal(money.currency, p.currency, `${p.id}: every amount in the project currency`);
                }
                actual[p.id] = {
                    projectId: p.id, name: p.name, customerId: p.customer.id, billingModel: lower(p.billingModel), status: lower(p.status),
                    currency: p.currency, legalEntityId: p.legalEntityId, approvedHours: p.approvedHours, billableApprovedHours: p.billableApprovedHours,
                    laborCost: amount(p.laborCost), expenseCost: amount(p.expenseCost), billedAmount: amount(b.billedAmount),
                    unbilledApprovedAmount: amount(b.unbilledApprovedAmount), unbilledApprovedHours: b.unbilledApprovedHours,
                    recognizedRevenue: amount(r.recognizedRevenue), margin: amount(r.margin), marginPercent: r.marginPercent,
                    revenueBacklog: amount(r.revenueBacklog),
                };
            }
            strict_1.default.deepEqual(actual, expectedOf(expected.projects, [
                'projectId', 'name', 'customerId', 'billingModel', 'status', 'currency', 'legalEntityId', 'approvedHours', 'billableApprovedHours',
                'laborCost', 'expenseCost', 'billedAmount', 'unbilledApprovedAmount', 'unbilledApprovedHours', 'recognizedRevenue', 'margin',
                'marginPercent', 'revenueBacklog',
            ]));
        });
        (0, node_test_1.it)('a project by id, and by key for the gateway, is the same row; unknown ids are null', async () => {
            const id = Object.keys(expected.projects)[0];
            const { project, missing } = await (0, subgraphQuery_1.query)(graphs.project, `query($id: ID!) { project(id: $id) { id name approvedHours }
        missing: project(id: "PRJ-NOPE") { id } }`, { id });
            strict_1.default.deepEqual(project, { id, name: expected.projects[id].name, approvedHours: expected.projects[id].approvedHours });
            strict_1.default.equal(missing, null);
            for (const name of ['project', 'billing', 'revenue']) {
                const found = await (0, subgraphQuery_1.entities)(graphs[name], 'Project', [id, 'PRJ-NOPE'], 'id');
                strict_1.default.deepEqual(found, [{ id }, null], name);
            }
        });
        (0, node_test_1.it)('every invoice, from invoices() and by key, with its customer (the survivor) and project', async () => {
            const selection = `id number status taxStatus paymentState currency netTotal { amount } taxTotal { amount } grossTotal { amount }
        amountPaid { amount } amountDue { amount } draftedAt postedAt sentAt dueDate openExceptions { id } customer { id } project { id }`;
            const { invoices } = await (0, subgraphQuery_1.query)(graphs.billing, `{ invoices(first: 500) { totalCount nodes { ${selection} } } }`);
            const toFigures = (i) => ({
                invoiceId: i.id, projectId: i.project.id, customerId: i.customer.id, currency: i.currency, status: lower(i.status),
                taxStatus: lower(i.taxStatus), paymentState: lower(i.paymentState), netTotal: amount(i.netTotal), taxTotal: amount(i.taxTotal),
                grossTotal: amount(i.grossTotal), amountPaid: amount(i.amountPaid), amountDue: amount(i.amountDue), number: i.number,
                dueDate: i.dueDate, draftedAt: instant(i.draftedAt), postedAt: instant(i.postedAt), sentAt: instant(i.sentAt),
                openExceptions: i.openExceptions.map((e) => e.id),
            });
            const wanted = expectedOf(expected.invoices, [
                'invoiceId', 'projectId', 'customerId', 'currency', 'status', 'taxStatus', 'paymentState', 'netTotal', 'taxTotal', 'grossTotal',
                'amountPaid', 'amountDue', 'number', 'dueDate', 'draftedAt', 'postedAt', 'sentAt', 'openExceptions',
            ]);
            for (const i of Object.values(wanted))
                for (const t of ['draftedAt', 'postedAt', 'sentAt'])
                    i[t] = instant(i[t]);
            strict_1.default.equal(invoices.totalCount, Object.keys(wanted).length);
            strict_1.default.deepEqual(Object.fromEntries(invoices.nodes.map((i) => [i.id, toFigures(i)])), wanted);
            const byKey = await (0, subgraphQuery_1.entities)(graphs.billing, 'Invoice', Object.keys(wanted), selection);
            strict_1.default.deepEqual(Object.fromEntries(byKey.map((i) => [i.id, toFigures(i)])), wanted);
            strict_1.default.ok(Object.values(expected.invoices).some((i) => i.accountId !== i.customerId), 'the firm has invoices of a merged account');
        });
        (0, node_test_1.it)('open exceptions say their age against the clock', async () => {
            const { invoices } = await (0, subgraphQuery_1.query)(graphs.billing, `{ invoices(first: 500, hasOpenException: true) {
        nodes { id openExceptions { id stage code raisedAt ageHours } } } }`);
            const withOpen = Object.values(expected.invoices).filter((i) => i.openExceptions.length > 0);
            strict_1.default.ok(withOpen.length > 0, 'the firm leaves an exception open');
            strict_1.default.deepEqual(invoices.nodes.map((i) => i.id).sort(), withOpen.map((i) => i.invoiceId).sort());
            for (const exception of invoices.nodes.flatMap((i) => i.openExceptions)) {
                const hours = (NOW.getTime() - new Date(exception.raisedAt).getTime()) / 3_600_000;
                strict_1.default.ok(Math.abs(exception.ageHours - hours) <= 0.005, `${exception.id}: ${exception.ageHours} h, expected ${hours}`);
            }
        });
        (0, node_test_1.it)('every customer: merged accounts answer with status merged and their survivor, balances count under the survivor', async () => {
            const ids = Object.keys(expected.customers);
            const owned = await (0, subgraphQuery_1.entities)(graphs.customer, 'Customer', ids, 'id name legalEntityId billingCurrency status mergedInto { id }');
            const billing = byId(await (0, subgraphQuery_1.entities)(graphs.billing, 'Customer', ids, 'id outstandingBalance { amount currency } invoices(first: 500) { totalCount nodes { id } }'));
            const projects = byId(await (0, subgraphQuery_1.entities)(graphs.project, 'Customer', ids, 'id projects(first: 500) { totalCount nodes { id } }'));
            const actual = Object.fromEntries(owned.map((c) => {
                const b = billing.get(c.id);
                const p = projects.get(c.id);
                strict_1.default.equal(b.invoices.totalCount, b.invoices.nodes.length);
                strict_1.default.equal(p.projects.totalCount, p.projects.nodes.length);
                return [c.id, {
                        customerId: c.id, name: c.name, legalEntityId: c.legalEntityId, billingCurrency: c.billingCurrency, status: c.status,
                        mergedInto: c.mergedInto?.id ?? null, projectIds: p.projects.nodes.map((n) => n.id),
                        invoiceIds: b.invoices.nodes.map((n) => n.id).sort(), outstandingBalance: b.outstandingBalance,
                    }];
            }));
            strict_1.default.deepEqual(actual, expectedOf(expected.customers, [
                'customerId', 'name', 'legalEntityId', 'billingCurrency', 'status', 'mergedInto', 'projectIds', 'invoiceIds', 'outstandingBalance',
            ]));
            const merged = Object.values(expected.customers).filter((c) => c.status === 'merged');
            strict_1.default.ok(merged.length > 0, 'the firm merges an account');
            for (const m of merged) {
                const { customer } = await (0, subgraphQuery_1.query)(graphs.customer, `query($id: ID!) { customer(id: $id) { id status mergedInto { id status } } }`, { id: m.customerId });
                strict_1.default.deepEqual(customer, { id: m.customerId, status: 'merged', mergedInto: { id: m.mergedInto, status: expected.customers[m.mergedInto].status } });
            }
        });
        (0, node_test_1.it)('customers lists the survivors only, and projects/invoices filter by customer with merged accounts included', async () => {
            const { customers } = await (0, subgraphQuery_1.query)(graphs.customer, '{ customers(first: 500) { totalCount nodes { id status } } }');
            const survivors = Object.values(expected.customers).filter((c) => c.mergedInto === null);
            strict_1.default.deepEqual(customers.nodes.map((c) => c.id), survivors.map((c) => c.customerId));
            strict_1.default.equal(customers.totalCount, survivors.length);
            strict_1.default.ok(customers.nodes.every((c) => c.status !== 'merged'));
            const survivor = survivors.find((c) => Object.values(expected.customers).some((m) => m.mergedInto === c.customerId));
            const { projects } = await (0, subgraphQuery_1.query)(graphs.project, `query($c: ID!) { projects(first: 500, customerId: $c) { totalCount nodes { id } } }`, { c: survivor.customerId });
            strict_1.default.deepEqual(projects.nodes.map((p) => p.id), survivor.projectIds);
            const { invoices } = await (0, subgraphQuery_1.query)(graphs.billing, `query($c: ID!) { invoices(first: 500, customerId: $c) { totalCount nodes { id } } }`, { c: survivor.customerId });
            strict_1.default.deepEqual(invoices.nodes.map((i) => i.id).sort(), survivor.invoiceIds);
            strict_1.default.equal(invoices.totalCount, survivor.invoiceIds.length);
        });
        (0, node_test_1.it)('the portfolio per currency and per legal entity, each subgraph adding its sums to the same rows', async () => {
            const rowsOf = async (legalEntityId) => {
                const { portfolio } = await (0, subgraphQuery_1.query)(graphs.project, `query($le: String) { portfolio(legalEntityId: $le) {
          id currency legalEntityId projectCount approvedHours laborCost { amount } expenseCost { amount } } }`, { le: legalEntityId });
                const ids = portfolio.map((r) => r.id);
                const billing = byId(await (0, subgraphQuery_1.entities)(graphs.billing, 'PortfolioFigures', ids, 'id billedAmount { amount } unbilledApprovedAmount { amount } outstandingBalance { amount currency } openInvoiceExceptions'));
                const revenue = byId(await (0, subgraphQuery_1.entities)(graphs.revenue, 'PortfolioFigures', ids, 'id recognizedRevenue { amount } margin { amount } marginPercent'));
                return portfolio.map((p) => {
                    const b = billing.get(p.id);
                    const r = revenue.get(p.id);
                    strict_1.default.equal(b.outstandingBalance.currency, p.currency);
                    return {
                        currency: p.currency, legalEntityId: p.legalEntityId, projectCount: p.projectCount, approvedHours: p.approvedHours,
                        laborCost: amount(p.laborCost), expenseCost: amount(p.expenseCost), billedAmount: amount(b.billedAmount),
                        unbilledApprovedAmount: amount(b.unbilledApprovedAmount), recognizedRevenue: amount(r.recognizedRevenue), margin: amount(r.margin),
                        marginPercent: r.marginPercent, outstandingBalance: amount(b.outstandingBalance), openInvoiceExceptions: b.openInvoiceExceptions,
                    };
                });
            };
            strict_1.default.deepEqual(await rowsOf(null), JSON.parse(JSON.stringify(expected.portfolio)));
            const legalEntities = [...new Set(expected.portfolioByLegalEntity.map((r) => r.legalEntityId))];
            const byEntity = [];
            for (const le of legalEntities)
                byEntity.push(...(await rowsOf(le)));
            strict_1.default.deepEqual(byEntity, JSON.parse(JSON.stringify(expected.portfolioByLegalEntity)));
            strict_1.default.deepEqual(await rowsOf('LE-NOWHERE'), []);
        });
        (0, node_test_1.it)('ingestStatus answers the ingest counts, stale included', async () => {
            const { ingestStatus } = await (0, subgraphQuery_1.query)(graphs.customer, '{ ingestStatus { received applied parked duplicates rejected exceptions pending stale } }');
            strict_1.default.deepEqual(ingestStatus, { ...(await (0, status_1.readIngestStatus)(db.pool)) });
            strict_1.default.equal(ingestStatus.received, expected.events.applied);
            strict_1.default.equal(ingestStatus.pending, 0);
        });
        (0, node_test_1.it)('a query needs a context object (the loaders of a request live on it)', async () => {
            const withContext = await (0, subgraphQuery_1.execute)(graphs.project, '{ project(id: "x") { id } }');
            strict_1.default.deepEqual(withContext, { data: { project: null } });
            const without = await (0, graphql_1.graphql)({ schema: graphs.project.schema, source: '{ project(id: "x") { id } }' });
            strict_1.default.match(String(without.errors?.[0]?.message), /need a context object per request/);
        });
    });
}
//# sourceMappingURL=subgraphs.figures.int.test.js.map