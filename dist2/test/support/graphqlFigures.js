"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.graphql = graphql;
exports.data = data;
exports.allNodes = allNodes;
exports.projectFigures = projectFigures;
exports.invoiceFigures = invoiceFigures;
exports.customerFigures = customerFigures;
exports.portfolioFigures = portfolioFigures;
exports.graphqlFigures = graphqlFigures;
exports.sameFields = sameFields;
/**
 * Every figure of every project, invoice and customer, and the portfolio, read
 * through a GraphQL endpoint (the gateway) and put in the oracle's shapes
 * (simulator/oracle.ts), so tests compare the two field by field.
 */
const strict_1 = __importDefault(require("node:assert/strict"));
const big_js_1 = __importDefault(require("big.js"));
/** POSTs one operation; the answer's body parsed. */
async function graphql(url, query, variables, method = 'POST') {
    const response = method === 'POST'
        ? await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
            body: JSON.stringify({ query, variables }),
        })
        : await fetch(`${url}?${new URLSearchParams({ query, ...(variables ? { variables: JSON.stringify(variables) } : {}) })}`, {
            headers: { accept: 'application/graphql-response+json' },
        });
    return { status: response.status, body: await response.json() };
}
/** The data of an operation that must succeed without errors. */
async function data(url, query, variables) {
    const { status, body } = await graphql(url, query, variables);
    strict_1.default.equal(status, 200, JSON.stringify(body));
    strict_1.default.equal(body.errors, undefined, JSON.stringify(body.errors));
    return body.data;
}
const MONEY = '{ amount currency }';
const money = (value, currency) => {
    if (value === null)
        return null;
    if (currency !== undefined)
        strict_1.default.equal(value.currency, currency, `money in ${currency}`);
    return new big_js_1.default(value.amount).toFixed(2);
};
const decimal = (value) => (value === null ? null : new big_js_1.default(value).toFixed());
const percent = (value) => (value === null ? null : new big_js_1.default(value).toFixed(2));
const lower = (value) => value.toLowerCase();
const instant = (value) => (value === null ? null : new Date(value).toISOString());
/** All nodes of a root connection, page by page (500 a page), checking the cursors give no duplicates or gaps. */
async function allNodes(url, field, selection, args = '') {
    const nodes = [];
    let after = null;
    let total;
    for (;;) {
        const page = (await data(url, `query Page($after: String) { ${field}(first: 500, after: $after${args ? `, ${args}` : ''}) {
      totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } nodes ${selection} } }`, { after }))[field];
        total ??= page.totalCount;
        strict_1.default.deepEqual(page.edges.map((e) => e.node.id), page.nodes.map((n) => n.id), 'edges and nodes agree');
        nodes.push(...page.nodes);
        if (!page.pageInfo.hasNextPage)
            break;
        after = page.pageInfo.endCursor;
    }
    strict_1.default.equal(nodes.length, total, `${field}: totalCount is the number of nodes`);
    strict_1.default.equal(new Set(nodes.map((n) => n.id)).size, nodes.length, `${field}: no node twice`);
    return nodes;
}
const PROJECT = `{ id name billingModel status currency legalEntityId customer { id }
  approvedHours billableApprovedHours laborCost ${MONEY} expenseCost ${MONEY} billedAmount ${MONEY}
  unbilledApprovedAmount ${MONEY} unbilledApprovedHours recognizedRevenue ${MONEY} margin ${MONEY} marginPercent revenueBacklog ${MONEY} }`;
const INVOICE = `{ id number customer { id } project { id } status taxStatus paymentState
  netTotal ${MONEY} taxTotal ${MONEY} grossTotal ${MONEY} amountPaid ${MONEY} amountDue ${MONEY}
  draftedAt postedAt sentAt dueDate openExceptions { id } }`;
const CUSTOMER = `{ id name legalEntityId billingCurrency status mergedInto { id } outstandingBalance ${MONEY}
  projects(first: 500) { totalCount nodes { id } } invoices(first: 500) { totalCount nodes { id } } }`;
const PORTFOLIO = `{ currency legalEntityId projectCount approvedHours laborCost ${MONEY} expenseCost ${MONEY} billedAmount ${MONEY}
  unbilledApprovedAmount ${MONEY} recognizedRevenue ${MONEY} margin ${MONEY} marginPercent outstandingBalance ${MONEY} openInvoiceExceptions }`;
function projectFigures(p) {
    const c = p.currency;
    return {
        projectId: p.id, name: p.name, customerId: p.customer.id, billingModel: lower(p.billingModel), status: lower(p.status),
        currency: c, legalEntityId: p.legalEntityId,
        approvedHours: decimal(p.approvedHours), billableApprovedHours: decimal(p.billableApprovedHours),
        laborCost: money(p.laborCost, c), expenseCost: money(p.expenseCost, c), billedAmount: money(p.billedAmount, c),
        unbilledApprovedAmount: money(p.unbilledApprovedAmount, c), unbilledApprovedHours: decimal(p.unbilledApprovedHours),
        recognizedRevenue: money(p.recognizedRevenue, c), margin: money(p.margin, c), marginPercent: percent(p.marginPercent),
        revenueBacklog: money(p.revenueBacklog, c),
    };
}
function invoiceFigures(i) {
    const c = i.netTotal.currency;
    return {
        invoiceId: i.id, projectId: i.project?.id ?? null, customerId: i.customer.id, currency: c,
        status: lower(i.status), taxStatus: lower(i.taxStatus), paymentState: lower(i.paymentState),
        netTotal: money(i.netTotal, c), taxTotal: money(i.taxTotal, c), grossTotal: money(i.grossTotal, c),
        amountPaid: money(i.amountPaid, c), amountDue: money(i.amountDue, c),
        number: i.number, dueDate: i.dueDate,
        draftedAt: instant(i.draftedAt), postedAt: instant(i.postedAt), sentAt: instant(i.sentAt),
        openExceptions: i.openExceptions.map((e) => e.id),
    };
}
function customerFigures(c) {
    strict_1.default.ok(c.projects.totalCount <= 500 && c.invoices.totalCount <= 500, 'one page holds them');
    return {
        customerId: c.id, name: c.name, legalEntityId: c.legalEntityId, billingCurrency: c.billingCurrency, status: c.status,
        mergedInto: c.mergedInto?.id ?? null,
        projectIds: c.projects.nodes.map((n) => n.id).sort(),
        invoiceIds: c.invoices.nodes.map((n) => n.id).sort(),
        outstandingBalance: c.outstandingBalance.map((m) => ({ amount: money(m), currency: m.currency }))
            .sort((a, b) => a.currency.localeCompare(b.currency)),
    };
}
function portfolioFigures(row) {
    const c = row.currency;
    return {
        currency: c, legalEntityId: row.legalEntityId, projectCount: row.projectCount, approvedHours: decimal(row.approvedHours),
        laborCost: money(row.laborCost, c), expenseCost: money(row.expenseCost, c), billedAmount: money(row.billedAmount, c),
        unbilledApprovedAmount: money(row.unbilledApprovedAmount, c), recognizedRevenue: money(row.recognizedRevenue, c),
        margin: money(row.margin, c), marginPercent: percent(row.marginPercent), outstandingBalance: money(row.outstandingBalance, c),
        openInvoiceExceptions: row.openInvoiceExceptions,
    };
}
/**
 * Reads everything through `url`: the projects and invoices by paging their
 * root connections, each customer id in `customerIds` by `customer(id:)`
 * (merged accounts are not listed by `customers`, but answer by id), and the
 * portfolio for all legal entities and for each one.
 */
async function graphqlFigures(url, customerIds, legalEntityIds) {
    const byId = (rows, key) => Object.fromEntries(rows.map((r) => [r[key], r]).sort(([a], [b]) => a.localeCompare(b)));
    const projects = byId((await allNodes(url, 'projects', PROJECT)).map(projectFigures), 'projectId');
    const invoices = byId((await allNodes(url, 'invoices', INVOICE)).map(invoiceFigures), 'invoiceId');
    const survivors = (await allNodes(url, 'customers', '{ id }')).map((c) => c.id).sort();
    const customers = {};
    for (let i = 0; i < customerIds.length; i += 50) {
        const ids = customerIds.slice(i, i + 50);
        const answer = await data(url, `query Customers(${ids.map((_, k) => `$c${k}: ID!`).join(', ')}) {
      ${ids.map((_, k) => `c${k}: customer(id: $c${k}) ${CUSTOMER}`).join('\n')} }`, Object.fromEntries(ids.map((id, k) => [`c${k}`, id])));
        ids.forEach((id, k) => {
            strict_1.default.ok(answer[`c${k}`], `customer ${id} answers`);
            customers[id] = customerFigures(answer[`c${k}`]);
        });
    }
    const portfolio = (await data(url, `{ portfolio ${PORTFOLIO} }`)).portfolio.map(portfolioFigures);
    const portfolioByLegalEntity = [];
    for (const legalEntityId of [...legalEntityIds].sort()) {
        const rows = (await data(url, `query P($le: String) { portfolio(legalEntityId: $le) ${PORTFOLIO} }`, { le: legalEntityId })).portfolio;
        portfolioByLegalEntity.push(...rows.map(portfolioFigures));
    }
    return { projects, invoices, customers: byId(Object.values(customers), 'customerId'), survivors, portfolio, portfolioByLegalEntity };
}
/** The same fields of the oracle's records, JSON-normalised, for a field-by-field comparison. */
function sameFields(expected, like) {
    const fields = Object.keys(Object.values(like)[0] ?? {});
    const out = {};
    for (const [id, record] of Object.entries(expected)) {
        out[id] = {};
        for (const field of fields)
            out[id][field] = normalise(field, record[field]);
    }
    return JSON.parse(JSON.stringify(out));
}
function normalise(field, value) {
    if (value === null || value === undefined)
        return value ?? null;
    if (/At$/.test(field) && typeof value === 'string')
        return new Date(value).toISOString();
    if ((field === 'projectIds' || field === 'invoiceIds') && Array.isArray(value))
        return [...value].sort();
    return value;
}
//# sourceMappingURL=graphqlFigures.js.map