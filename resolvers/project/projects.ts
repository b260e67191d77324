import type { Project as ProjectTable } from '../../entities';
import type { ColumnRow } from '../../entities/columns';
import { anyId, cursorCodec } from '../shared/cursor';
import { storedEnum, type BillingModel, type ProjectStatus } from '../shared/enums';
import { decimalText, money, moneyOrNull } from '../shared/amounts';
import type { PagedRow } from '../shared/loaders';
import type { PageRequest } from '../shared/pagination';
import { inScope, type RowScope } from '../shared/rowScope';
import { afterCondition, keyCondition, orderBy, Params, type Queryable, type SortColumn } from '../shared/sql';
import type { Project } from './project';

/** The reads of `project.project` (one primary-key row per project, figures included). */

type ProjectRow = Pick<ColumnRow<ProjectTable>, 'id' | 'name' | 'billing_model' | 'status' | 'currency' | 'legal_entity_id'
  | 'contract_value' | 'budget_hours' | 'planned_start' | 'planned_end' | 'created_at' | 'approved_hours'
  | 'billable_approved_hours' | 'labor_cost' | 'expense_cost'> & {
  /** The survivor of the project's account. */
  customer_id: string;
};

/** The project's row and the survivor of its account (the account's root). */
const SELECT = `SELECT p.id, p.name, p.billing_model, p.status, p.currency, p.legal_entity_id, p.contract_value,
  p.budget_hours, p.planned_start, p.planned_end, p.created_at, p.approved_hours, p.billable_approved_hours,
  p.labor_cost, p.expense_cost, coalesce(a.root_id, p.account_id) AS customer_id
  FROM project.project p LEFT JOIN customer.account a ON a.id = p.account_id`;

/** Projects are listed by id. */
const PROJECT_ORDER: readonly SortColumn[] = [{ sql: 'p.id' }];
export const projectCursor = cursorCodec('project:id', [anyId]);

export function toProject(row: ProjectRow): Project {
  return {
    id: row.id,
    name: row.name,
    billingModel: storedEnum<BillingModel>(row.billing_model),
    status: storedEnum<ProjectStatus>(row.status),
    currency: row.currency,
    legalEntityId: row.legal_entity_id,
    approvedHours: decimalText(row.approved_hours),
    billableApprovedHours: decimalText(row.billable_approved_hours),
    laborCost: money(row.labor_cost, row.currency),
    expenseCost: money(row.expense_cost, row.currency),
    contractValue: moneyOrNull(row.contract_value, row.currency),
    budgetHours: row.budget_hours === null ? null : decimalText(row.budget_hours),
    plannedStart: row.planned_start,
    plannedEnd: row.planned_end,
    createdAt: row.created_at,
    customerId: row.customer_id,
  };
}

/** Projects by id; one outside `scope` is not found. */
export async function projectsById(db: Queryable, ids: readonly string[], scope: RowScope): Promise<Project[]> {
  const params = new Params();
  const { rows } = await db.query<ProjectRow>(`${SELECT} WHERE ${keyCondition('p.id', ids, params)} AND ${inScope('project', 'p', scope, params)}`, params.values);
  return rows.map(toProject);
}

export interface ProjectFilter {
  /** Projects of the accounts whose survivor is this customer. */
  readonly customerId?: string | null;
  readonly status?: ProjectStatus | null;
}

function where(filter: ProjectFilter, scope: RowScope, params: Params): string {
  const conditions: string[] = [inScope('project', 'p', scope, params)];
  if (filter.customerId != null) conditions.push(`a.root_id = ${params.add(filter.customerId)}`);
  if (filter.status != null) conditions.push(`p.status = ${params.add(filter.status)}`);
  return conditions.join(' AND ');
}

/** A page of the projects in `scope`, `first + 1` rows. */
export async function projectsPage(db: Queryable, filter: ProjectFilter, scope: RowScope, request: PageRequest): Promise<Project[]> {
  const params = new Params();
  const conditions = `${where(filter, scope, params)} AND ${afterCondition(PROJECT_ORDER, request, params)}`;
  const { rows } = await db.query<ProjectRow>(
    `${SELECT} WHERE ${conditions} ORDER BY ${orderBy(PROJECT_ORDER)} LIMIT ${params.add(request.first + 1)}`,
    params.values,
  );
  return rows.map(toProject);
}

export async function countProjects(db: Queryable, filter: ProjectFilter, scope: RowScope): Promise<number> {
  const params = new Params();
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM project.project p LEFT JOIN customer.account a ON a.id = p.account_id WHERE ${where(filter, scope, params)}`,
    params.values,
  );
  return rows[0]!.n;
}

/**
 * One page of projects for each of many customers (survivors), in one
 * statement: `first + 1` rows each, each with the number of its customer's
 * projects after the cursor (all of them on a first page).
 */
export async function projectPagesOfCustomers(db: Queryable, customerIds: readonly string[], scope: RowScope, request: PageRequest): Promise<PagedRow<Project>[]> {
  const params = new Params();
  const ofCustomers = `${keyCondition('a.root_id', customerIds, params)} AND ${inScope('project', 'p', scope, params)}`;
  const after = afterCondition(PROJECT_ORDER, request, params);
  const { rows } = await db.query<ProjectRow & { total: number }>(
    `SELECT * FROM (
       SELECT page.*, row_number() OVER (PARTITION BY page.customer_id ORDER BY page.id) AS rank,
              (count(*) OVER (PARTITION BY page.customer_id))::int AS total
       FROM (${SELECT} WHERE ${ofCustomers} AND ${after}) page
     ) ranked
     WHERE rank <= ${params.add(request.first + 1)} ORDER BY customer_id, id`,
    params.values,
  );
  return rows.map((row) => ({ value: toProject(row), total: row.total }));
}

/** Projects in `scope` per customer (survivor), in one statement. */
export async function countProjectsOfCustomers(db: Queryable, customerIds: readonly string[], scope: RowScope): Promise<{ id: string; n: number }[]> {
  const params = new Params();
  const { rows } = await db.query<{ id: string; n: number }>(
    `SELECT a.root_id AS id, count(*)::int AS n FROM project.project p JOIN customer.account a ON a.id = p.account_id
     WHERE ${keyCondition('a.root_id', customerIds, params)} AND ${inScope('project', 'p', scope, params)} GROUP BY a.root_id`,
    params.values,
  );
  return rows;
}
