"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.projectCursor = void 0;
exports.toProject = toProject;
exports.projectsById = projectsById;
exports.projectsPage = projectsPage;
exports.countProjects = countProjects;
exports.projectPagesOfCustomers = projectPagesOfCustomers;
exports.countProjectsOfCustomers = countProjectsOfCustomers;
const cursor_1 = require("../shared/cursor");
const enums_1 = require("../shared/enums");
const amounts_1 = require("../shared/amounts");
const sql_1 = require("../shared/sql");
/** The project's row and the survivor of its account (the account's root). */
const SELECT = `SELECT p.id, p.name, p.billing_model, p.status, p.currency, p.legal_entity_id, p.contract_value,
  p.budget_hours, p.planned_start, p.planned_end, p.created_at, p.approved_hours, p.billable_approved_hours,
  p.labor_cost, p.expense_cost, coalesce(a.root_id, p.account_id) AS customer_id
  FROM project.project p LEFT JOIN customer.account a ON a.id = p.account_id`;
/** Projects are listed by id. */
const PROJECT_ORDER = [{ sql: 'p.id' }];
exports.projectCursor = (0, cursor_1.cursorCodec)('project:id', [cursor_1.anyId]);
function toProject(row) {
    return {
        id: row.id,
        name: row.name,
        billingModel: (0, enums_1.storedEnum)(row.billing_model),
        status: (0, enums_1.storedEnum)(row.status),
        currency: row.currency,
        legalEntityId: row.legal_entity_id,
        approvedHours: (0, amounts_1.decimalText)(row.approved_hours),
        billableApprovedHours: (0, amounts_1.decimalText)(row.billable_approved_hours),
        laborCost: (0, amounts_1.money)(row.labor_cost, row.currency),
        expenseCost: (0, amounts_1.money)(row.expense_cost, row.currency),
        contractValue: (0, amounts_1.moneyOrNull)(row.contract_value, row.currency),
        budgetHours: row.budget_hours === null ? null : (0, amounts_1.decimalText)(row.budget_hours),
        plannedStart: row.planned_start,
        plannedEnd: row.planned_end,
        createdAt: row.created_at,
        customerId: row.customer_id,
    };
}
async function projectsById(db, ids) {
    const params = new sql_1.Params();
    const { rows } = await db.query(`${SELECT} WHERE ${(0, sql_1.keyCondition)('p.id', ids, params)}`, params.values);
    return rows.map(toProject);
}
function where(filter, params) {
    const conditions = [];
    if (filter.customerId != null)
        conditions.push(`a.root_id = ${params.add(filter.customerId)}`);
    if (filter.status != null)
        conditions.push(`p.status = ${params.add(filter.status)}`);
    return conditions.length === 0 ? 'true' : conditions.join(' AND ');
}
/** A page of projects, `first + 1` rows. */
async function projectsPage(db, filter, request) {
    const params = new sql_1.Params();
    const conditions = `${where(filter, params)} AND ${(0, sql_1.afterCondition)(PROJECT_ORDER, request, params)}`;
    const { rows } = await db.query(`${SELECT} WHERE ${conditions} ORDER BY ${(0, sql_1.orderBy)(PROJECT_ORDER)} LIMIT ${params.add(request.first + 1)}`, params.values);
    return rows.map(toProject);
}
async function countProjects(db, filter) {
    const params = new sql_1.Params();
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM project.project p LEFT JOIN customer.account a ON a.id = p.account_id WHERE ${where(filter, params)}`, params.values);
    return rows[0].n;
}
/**
 * One page of projects for each of many customers (survivors), in one
 * statement: `first + 1` rows each, each with the number of its customer's
 * projects after the cursor (all of them on a first page).
 */
async function projectPagesOfCustomers(db, customerIds, request) {
    const params = new sql_1.Params();
    const ofCustomers = (0, sql_1.keyCondition)('a.root_id', customerIds, params);
    const after = (0, sql_1.afterCondition)(PROJECT_ORDER, request, params);
    const { rows } = await db.query(`SELECT * FROM (
       SELECT page.*, row_number() OVER (PARTITION BY page.customer_id ORDER BY page.id) AS rank,
              (count(*) OVER (PARTITION BY page.customer_id))::int AS total
       FROM (${SELECT} WHERE ${ofCustomers} AND ${after}) page
     ) ranked
     WHERE rank <= ${params.add(request.first + 1)} ORDER BY customer_id, id`, params.values);
    return rows.map((row) => ({ value: toProject(row), total: row.total }));
}
/** Projects per customer (survivor), in one statement. */
async function countProjectsOfCustomers(db, customerIds) {
    const params = new sql_1.Params();
    const { rows } = await db.query(`SELECT a.root_id AS id, count(*)::int AS n FROM project.project p JOIN customer.account a ON a.id = p.account_id
     WHERE ${(0, sql_1.keyCondition)('a.root_id', customerIds, params)} GROUP BY a.root_id`, params.values);
    return rows;
}
//# sourceMappingURL=projects.js.map