/**
 * The three dashboard reads the query benchmarks measure, each three ways:
 * the federated GraphQL operation, the same data by hand-written SQL (one
 * statement, the answer built as JSON by Postgres: what a careful engineer
 * writes for one screen), and the part one subgraph can answer on its own,
 * sent straight to that subgraph (and through the gateway, for the ratio).
 */
import type { Pool } from 'pg';
import { CUSTOMER_PAGE } from '../gateway/exampleQueries';

export type OperationName = 'project page' | 'customer page' | 'portfolio list';

export interface Operation {
  readonly name: OperationName;
  /** The federated operation and its variables: the first for the sequential client, all in turn at 50 connections. */
  readonly query: string;
  readonly variables: readonly Record<string, unknown>[];
  /** The same data by hand-written SQL: one statement, one JSON text; values per variables. */
  readonly sql: { text: string; values: readonly unknown[][] };
  /** The part of the operation one subgraph answers alone. */
  readonly single: { subgraph: 'project' | 'customer'; query: string };
  /** Ids in a GraphQL answer and in the SQL answer, to check both read the same data. */
  idsOfGraphql(data: any): string[];
  idsOfSql(json: any): string[];
}

const MONEY = '{ amount currency }';

/** Amounts compared as numbers: SQL's numeric text and the API's decimal strings may differ in trailing zeros. */
const n = (amount: string) => Number(amount).toFixed(2);

export const PROJECT_PAGE = `query ProjectPage($id: ID!) {
  project(id: $id) {
    id name status billingModel currency legalEntityId
    customer { id name }
    approvedHours billableApprovedHours laborCost ${MONEY} expenseCost ${MONEY}
    billedAmount ${MONEY} unbilledApprovedAmount ${MONEY} unbilledApprovedHours
    recognizedRevenue ${MONEY} margin ${MONEY} marginPercent revenueBacklog ${MONEY}
    invoices(first: 10) { totalCount nodes { id number status paymentState grossTotal ${MONEY} amountDue ${MONEY} dueDate } }
  }
}`;

/** A project's margin-and-revenue trend: 12 months of figures. */
export const PROJECT_MONTHS = `query ProjectMonths($id: ID!, $from: String!, $to: String!) {
  project(id: $id) {
    id months(from: $from, to: $to) {
      month approvedHours laborCost ${MONEY} expenseCost ${MONEY} billedAmount ${MONEY} recognizedRevenue ${MONEY} margin ${MONEY}
    }
  }
}`;

/** Receivables by age as of today, every currency. */
export const RECEIVABLES_AGING = `query ReceivablesAging {
  receivablesAging { currency asOf current ${MONEY} days1to30 ${MONEY} days31to60 ${MONEY} days61to90 ${MONEY} over90 ${MONEY} total ${MONEY} }
}`;

const PROJECT_PAGE_SINGLE = `query ProjectPageOwnFields($id: ID!) {
  project(id: $id) {
    id name status billingModel currency legalEntityId customer { id }
    approvedHours billableApprovedHours laborCost ${MONEY} expenseCost ${MONEY}
  }
}`;

const CUSTOMER_PAGE_SINGLE = `query CustomerPageOwnFields($id: ID!) {
  customer(id: $id) { id name legalEntityId billingCurrency status mergedInto { id } }
}`;

const PORTFOLIO_LIST = `query PortfolioList($after: String) {
  projects(first: 500, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes {
      id name status currency customer { id name }
      approvedHours laborCost ${MONEY} expenseCost ${MONEY} billedAmount ${MONEY} unbilledApprovedAmount ${MONEY}
      recognizedRevenue ${MONEY} margin ${MONEY} marginPercent
    }
  }
}`;

const PORTFOLIO_LIST_SINGLE = `query PortfolioListOwnFields($after: String) {
  projects(first: 500, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { id name status currency customer { id } approvedHours laborCost ${MONEY} expenseCost ${MONEY} }
  }
}`;

const money = (column: string, currency = 'p.currency') => `json_build_object('amount', ${column}::text, 'currency', ${currency})`;

/** Invoices of one parent, the first `limit` in time order, as JSON nodes (the connection's order). */
const invoiceNodes = (condition: string, limit: number) => `(SELECT coalesce(json_agg(json_build_object(
    'id', i.id, 'number', i.invoice_number, 'status', i.status, 'paymentState', i.payment_state,
    'grossTotal', ${money('i.gross_total', 'i.currency')},
    'amountDue', CASE WHEN i.amount_due IS NULL THEN NULL ELSE ${money('i.amount_due', 'i.currency')} END,
    'dueDate', i.due_date) ORDER BY i.drafted_at, i.id), '[]')
  FROM (SELECT * FROM billing.invoice i WHERE ${condition} ORDER BY i.drafted_at, i.id LIMIT ${limit}) i)`;

const PROJECT_PAGE_SQL = `
SELECT json_build_object(
  'id', p.id, 'name', p.name, 'status', p.status, 'billingModel', p.billing_model, 'currency', p.currency,
  'legalEntityId', p.legal_entity_id,
  'customer', json_build_object('id', c.id, 'name', c.name),
  'approvedHours', p.approved_hours::text, 'billableApprovedHours', p.billable_approved_hours::text,
  'laborCost', ${money('p.labor_cost')}, 'expenseCost', ${money('p.expense_cost')},
  'billedAmount', ${money('p.billed_amount')}, 'unbilledApprovedAmount', ${money('p.unbilled_approved_amount')},
  'unbilledApprovedHours', p.unbilled_approved_hours::text,
  'recognizedRevenue', ${money('p.recognized_revenue')}, 'margin', ${money('p.margin')},
  'marginPercent', p.margin_percent::text,
  'revenueBacklog', CASE WHEN p.revenue_backlog IS NULL THEN NULL ELSE ${money('p.revenue_backlog')} END,
  'invoices', json_build_object(
    'totalCount', (SELECT count(*) FROM billing.invoice WHERE project_id = p.id),
    'nodes', ${invoiceNodes('i.project_id = p.id', 10)})
)::text AS answer
FROM project.project p
LEFT JOIN customer.account a ON a.id = p.account_id
LEFT JOIN customer.account c ON c.id = coalesce(a.root_id, p.account_id)
WHERE p.id = $1`;

const CUSTOMER_PAGE_SQL = `
SELECT json_build_object(
  'id', c.id, 'name', c.name, 'legalEntityId', c.legal_entity_id, 'billingCurrency', c.billing_currency,
  'status', CASE WHEN c.merged_into IS NULL THEN c.status ELSE 'merged' END,
  'mergedInto', CASE WHEN c.merged_into IS NULL THEN NULL ELSE (SELECT json_build_object('id', s.id, 'name', s.name) FROM customer.account s WHERE s.id = c.root_id) END,
  'outstandingBalance', (SELECT coalesce(json_agg(json_build_object('amount', t.outstanding::text, 'currency', t.currency) ORDER BY t.currency), '[]')
    FROM (SELECT b.currency, sum(b.outstanding) AS outstanding FROM billing.account_balance b JOIN customer.account m ON m.id = b.account_id
          WHERE m.root_id = c.id AND b.posted_invoices > 0 GROUP BY b.currency) t),
  'projects', json_build_object(
    'totalCount', (SELECT count(*) FROM project.project p JOIN customer.account m ON m.id = p.account_id WHERE m.root_id = c.id),
    'nodes', (SELECT coalesce(json_agg(json_build_object(
        'id', p.id, 'name', p.name, 'status', p.status, 'billingModel', p.billing_model, 'approvedHours', p.approved_hours::text,
        'billedAmount', ${money('p.billed_amount')}, 'unbilledApprovedAmount', ${money('p.unbilled_approved_amount')},
        'recognizedRevenue', ${money('p.recognized_revenue')}, 'margin', ${money('p.margin')}, 'marginPercent', p.margin_percent::text)
        ORDER BY p.id), '[]')
      FROM (SELECT p.* FROM project.project p JOIN customer.account m ON m.id = p.account_id WHERE m.root_id = c.id ORDER BY p.id LIMIT 10) p)),
  'invoices', json_build_object(
    'totalCount', (SELECT count(*) FROM billing.invoice i JOIN customer.account m ON m.id = i.account_id WHERE m.root_id = c.id),
    'nodes', ${invoiceNodes('i.account_id IN (SELECT m.id FROM customer.account m WHERE m.root_id = c.id)', 5)})
)::text AS answer
FROM customer.account c WHERE c.id = $1`;

const PORTFOLIO_LIST_SQL = `
SELECT json_build_object(
  'totalCount', (SELECT count(*) FROM project.project),
  'nodes', coalesce(json_agg(json_build_object(
    'id', p.id, 'name', p.name, 'status', p.status, 'currency', p.currency,
    'customer', json_build_object('id', c.id, 'name', c.name),
    'approvedHours', p.approved_hours::text, 'laborCost', ${money('p.labor_cost')}, 'expenseCost', ${money('p.expense_cost')},
    'billedAmount', ${money('p.billed_amount')}, 'unbilledApprovedAmount', ${money('p.unbilled_approved_amount')},
    'recognizedRevenue', ${money('p.recognized_revenue')}, 'margin', ${money('p.margin')}, 'marginPercent', p.margin_percent::text)
    ORDER BY p.id), '[]')
)::text AS answer
FROM (SELECT * FROM project.project ORDER BY id LIMIT 500) p
LEFT JOIN customer.account a ON a.id = p.account_id
LEFT JOIN customer.account c ON c.id = coalesce(a.root_id, p.account_id)`;

export interface Subjects {
  /** Projects with the most invoices, most first. */
  readonly projectIds: readonly string[];
  readonly projectInvoices: number;
  /** Customers (survivors) with the most projects, most first. */
  readonly customerIds: readonly string[];
  readonly customerProjects: number;
  readonly projects: number;
}

/**
 * The benchmark's subjects: the `count` projects with the most invoices and
 * customers with the most projects (the first of each for the sequential
 * client; at 50 connections each connection goes through all of them from its
 * own starting point, as 50 users looking at different pages would).
 */
export async function pickSubjects(pool: Pool, count = 50): Promise<Subjects> {
  const project = await pool.query(`SELECT project_id AS id, count(*)::int AS n FROM billing.invoice GROUP BY project_id ORDER BY n DESC, project_id LIMIT $1`, [count]);
  const customer = await pool.query(`SELECT a.root_id AS id, count(*)::int AS n FROM project.project p JOIN customer.account a ON a.id = p.account_id
    GROUP BY a.root_id ORDER BY n DESC, a.root_id LIMIT $1`, [count]);
  const projects = await pool.query(`SELECT count(*)::int AS n FROM project.project`);
  return {
    projectIds: project.rows.map((r) => r.id), projectInvoices: project.rows[0].n,
    customerIds: customer.rows.map((r) => r.id), customerProjects: customer.rows[0].n, projects: projects.rows[0].n,
  };
}

export function operations(subjects: Subjects): Operation[] {
  return [
    {
      name: 'project page', query: PROJECT_PAGE, variables: subjects.projectIds.map((id) => ({ id })),
      sql: { text: PROJECT_PAGE_SQL, values: subjects.projectIds.map((id) => [id]) },
      single: { subgraph: 'project', query: PROJECT_PAGE_SINGLE },
      idsOfGraphql: (d) => [d.project.id, d.project.customer.id, ...d.project.invoices.nodes.map((i: any) => i.id)],
      idsOfSql: (j) => [j.id, j.customer.id, ...j.invoices.nodes.map((i: any) => i.id)],
    },
    {
      name: 'customer page', query: CUSTOMER_PAGE.query, variables: subjects.customerIds.map((id) => ({ id })),
      sql: { text: CUSTOMER_PAGE_SQL, values: subjects.customerIds.map((id) => [id]) },
      single: { subgraph: 'customer', query: CUSTOMER_PAGE_SINGLE },
      idsOfGraphql: (d) => [d.customer.id, ...d.customer.projects.nodes.map((p: any) => `${p.id}:${n(p.margin.amount)}`), ...d.customer.invoices.nodes.map((i: any) => i.id)],
      idsOfSql: (j) => [j.id, ...j.projects.nodes.map((p: any) => `${p.id}:${n(p.margin.amount)}`), ...j.invoices.nodes.map((i: any) => i.id)],
    },
    {
      // The first page, the same for everyone: the page a dashboard opens on.
      name: 'portfolio list', query: PORTFOLIO_LIST, variables: [{}],
      sql: { text: PORTFOLIO_LIST_SQL, values: [[]] },
      single: { subgraph: 'project', query: PORTFOLIO_LIST_SINGLE },
      idsOfGraphql: (d) => d.projects.nodes.map((p: any) => `${p.id}:${p.customer.id}:${n(p.margin.amount)}`),
      idsOfSql: (j) => j.nodes.map((p: any) => `${p.id}:${p.customer.id}:${n(p.margin.amount)}`),
    },
  ];
}
