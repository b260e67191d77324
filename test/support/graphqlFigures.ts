/**
 * Every figure of every project, invoice and customer, and the portfolio, read
 * through a GraphQL endpoint (the gateway) and put in the oracle's shapes
 * (simulator/oracle.ts), so tests compare the two field by field.
 */
import assert from 'node:assert/strict';
import { DEFAULT_LIMITS } from '../../config/limits';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

export interface GraphQLAnswer {
  readonly status: number;
  readonly body: Json;
}

/** Request headers of a reader: its `Authorization`, when it has a token. */
export type ReaderHeaders = Readonly<Record<string, string>>;

/** POSTs one operation (with `headers`, e.g. a reader's Authorization); the answer's body parsed. */
export async function graphql(url: string, query: string, variables?: Record<string, unknown>, method: 'POST' | 'GET' = 'POST', headers: ReaderHeaders = {}): Promise<GraphQLAnswer> {
  const response = method === 'POST'
    ? await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
      body: JSON.stringify({ query, variables }),
    })
    : await fetch(`${url}?${new URLSearchParams({ query, ...(variables ? { variables: JSON.stringify(variables) } : {}) })}`, {
      headers: { accept: 'application/graphql-response+json', ...headers },
    });
  return { status: response.status, body: await response.json() };
}

/** The data of an operation that must succeed without errors. */
export async function data(url: string, query: string, variables?: Record<string, unknown>, headers: ReaderHeaders = {}): Promise<Json> {
  const { status, body } = await graphql(url, query, variables, 'POST', headers);
  assert.equal(status, 200, JSON.stringify(body));
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  return body.data;
}

const MONEY = '{ amount currency }';
const money = (value: { amount: string; currency: string } | null, currency?: string) => {
  if (value === null) return null;
  if (currency !== undefined) assert.equal(value.currency, currency, `money in ${currency}`);
  return value.amount;
};
// Served as they are: the API's Decimal and Money texts are compared with the oracle's exact strings.
const decimal = (value: string | null) => value;
const percent = (value: string | null) => value;
const lower = (value: string) => value.toLowerCase();
const instant = (value: string | null) => (value === null ? null : new Date(value).toISOString());

/** All nodes of a root connection, page by page (500 a page), checking the cursors give no duplicates or gaps. */
export async function allNodes(url: string, field: string, selection: string, args = '', headers: ReaderHeaders = {}): Promise<Json[]> {
  const nodes: Json[] = [];
  let after: string | null = null;
  let total: number | undefined;
  for (;;) {
    const page: Json = (await data(url, `query Page($after: String) { ${field}(first: 500, after: $after${args ? `, ${args}` : ''}) {
      totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } nodes ${selection} } }`, { after }, headers))[field];
    total ??= page.totalCount;
    assert.deepEqual(page.edges.map((e: Json) => e.node.id), page.nodes.map((n: Json) => n.id), 'edges and nodes agree');
    nodes.push(...page.nodes);
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  assert.equal(nodes.length, total, `${field}: totalCount is the number of nodes`);
  assert.equal(new Set(nodes.map((n) => n.id)).size, nodes.length, `${field}: no node twice`);
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

export function projectFigures(p: Json): Record<string, unknown> {
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

export function invoiceFigures(i: Json): Record<string, unknown> {
  const c = i.netTotal.currency;
  return {
    invoiceId: i.id, projectId: i.project?.id ?? null, customerId: i.customer.id, currency: c,
    status: lower(i.status), taxStatus: lower(i.taxStatus), paymentState: lower(i.paymentState),
    netTotal: money(i.netTotal, c), taxTotal: money(i.taxTotal, c), grossTotal: money(i.grossTotal, c),
    amountPaid: money(i.amountPaid, c), amountDue: money(i.amountDue, c),
    number: i.number, dueDate: i.dueDate,
    draftedAt: instant(i.draftedAt), postedAt: instant(i.postedAt), sentAt: instant(i.sentAt),
    openExceptions: i.openExceptions.map((e: Json) => e.id),
  };
}

export function customerFigures(c: Json): Record<string, unknown> {
  assert.ok(c.projects.totalCount <= 500 && c.invoices.totalCount <= 500, 'one page holds them');
  return {
    customerId: c.id, name: c.name, legalEntityId: c.legalEntityId, billingCurrency: c.billingCurrency, status: c.status,
    mergedInto: c.mergedInto?.id ?? null,
    projectIds: c.projects.nodes.map((n: Json) => n.id).sort(),
    invoiceIds: c.invoices.nodes.map((n: Json) => n.id).sort(),
    outstandingBalance: c.outstandingBalance.map((m: Json) => ({ amount: money(m), currency: m.currency }))
      .sort((a: Json, b: Json) => a.currency.localeCompare(b.currency)),
  };
}

export function portfolioFigures(row: Json): Record<string, unknown> {
  const c = row.currency;
  return {
    currency: c, legalEntityId: row.legalEntityId, projectCount: row.projectCount, approvedHours: decimal(row.approvedHours),
    laborCost: money(row.laborCost, c), expenseCost: money(row.expenseCost, c), billedAmount: money(row.billedAmount, c),
    unbilledApprovedAmount: money(row.unbilledApprovedAmount, c), recognizedRevenue: money(row.recognizedRevenue, c),
    margin: money(row.margin, c), marginPercent: percent(row.marginPercent), outstandingBalance: money(row.outstandingBalance, c),
    openInvoiceExceptions: row.openInvoiceExceptions,
  };
}

export interface GraphQLFigures {
  projects: Record<string, Record<string, unknown>>;
  invoices: Record<string, Record<string, unknown>>;
  customers: Record<string, Record<string, unknown>>;
  /** Ids `customers` lists (the survivors). */
  survivors: string[];
  portfolio: Record<string, unknown>[];
  portfolioByLegalEntity: Record<string, unknown>[];
}

/**
 * Reads everything through `url`: the projects and invoices by paging their
 * root connections, each customer id in `customerIds` by `customer(id:)`
 * (merged accounts are not listed by `customers`, but answer by id), and the
 * portfolio for all legal entities and for each one; as the reader of
 * `headers` (a token's Authorization) when given.
 */
export async function graphqlFigures(url: string, customerIds: readonly string[], legalEntityIds: readonly string[], headers: ReaderHeaders = {}): Promise<GraphQLFigures> {
  const byId = (rows: Record<string, unknown>[], key: string) =>
    Object.fromEntries(rows.map((r) => [r[key] as string, r]).sort(([a], [b]) => (a as string).localeCompare(b as string)));
  const projects = byId((await allNodes(url, 'projects', PROJECT, '', headers)).map(projectFigures), 'projectId');
  const invoices = byId((await allNodes(url, 'invoices', INVOICE, '', headers)).map(invoiceFigures), 'invoiceId');
  const survivors = (await allNodes(url, 'customers', '{ id }', '', headers)).map((c: Json) => c.id as string).sort();

  const customers: Record<string, Record<string, unknown>> = {};
  // As many customers a request as the default alias limit allows (docs/limits.md).
  for (let i = 0; i < customerIds.length; i += DEFAULT_LIMITS.graphqlMaxAliases) {
    const ids = customerIds.slice(i, i + DEFAULT_LIMITS.graphqlMaxAliases);
    const answer = await data(url, `query Customers(${ids.map((_, k) => `$c${k}: ID!`).join(', ')}) {
      ${ids.map((_, k) => `c${k}: customer(id: $c${k}) ${CUSTOMER}`).join('\n')} }`, Object.fromEntries(ids.map((id, k) => [`c${k}`, id])), headers);
    ids.forEach((id, k) => {
      assert.ok(answer[`c${k}`], `customer ${id} answers`);
      customers[id] = customerFigures(answer[`c${k}`]);
    });
  }

  const portfolio = (await data(url, `{ portfolio ${PORTFOLIO} }`, undefined, headers)).portfolio.map(portfolioFigures);
  const portfolioByLegalEntity: Record<string, unknown>[] = [];
  for (const legalEntityId of [...legalEntityIds].sort()) {
    const rows = (await data(url, `query P($le: String) { portfolio(legalEntityId: $le) ${PORTFOLIO} }`, { le: legalEntityId }, headers)).portfolio;
    portfolioByLegalEntity.push(...rows.map(portfolioFigures));
  }
  return { projects, invoices, customers: byId(Object.values(customers), 'customerId'), survivors, portfolio, portfolioByLegalEntity };
}

/**
 * A served node's `fields` beside the same fields of the oracle's `record`,
 * for one exact comparison of a query that selects only some figures: the
 * names are the oracle's, a Money is its amount exactly as served ("1234.50",
 * never normalised), anything else as it is; a field the node lacks stays
 * undefined and fails the comparison.
 */
export function servedBeside<T extends object>(node: Json, record: T, fields: readonly (keyof T & string)[]): { served: Record<string, unknown>; oracle: Record<string, unknown> } {
  const amountOf = (value: Json) => (value !== null && typeof value === 'object' && 'amount' in value ? money(value) : value);
  return {
    served: Object.fromEntries(fields.map((field) => [field, amountOf(node[field])])),
    oracle: Object.fromEntries(fields.map((field) => [field, record[field]])),
  };
}

/** The oracle's fields the API does not serve: the account a project or invoice names (it serves the customer it counts under). */
export const NOT_SERVED: readonly string[] = ['accountId'];

/**
 * The oracle's records with every field of theirs but `except`,
 * JSON-normalised, for a field-by-field comparison: the fields compared come
 * from the oracle, so a field missing on the compared side fails the
 * comparison instead of going unchecked. Amounts stay the oracle's exact
 * strings ("1234.50").
 */
export function sameFields<T extends object>(expected: Record<string, T>, except: readonly string[]): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [id, record] of Object.entries(expected)) {
    out[id] = {};
    for (const [field, value] of Object.entries(record)) if (!except.includes(field)) out[id][field] = normalise(field, value);
  }
  return JSON.parse(JSON.stringify(out));
}

function normalise(field: string, value: unknown): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (/At$/.test(field) && typeof value === 'string') return new Date(value).toISOString();
  if ((field === 'projectIds' || field === 'invoiceIds') && Array.isArray(value)) return [...value].sort();
  return value;
}
