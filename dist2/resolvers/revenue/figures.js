"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.projectRevenueById = projectRevenueById;
exports.portfolioRevenueOf = portfolioRevenueOf;
const big_js_1 = __importDefault(require("big.js"));
const amounts_1 = require("../shared/amounts");
const portfolioKey_1 = require("../shared/portfolioKey");
const sql_1 = require("../shared/sql");
async function projectRevenueById(db, ids) {
    const params = new sql_1.Params();
    const { rows } = await db.query(`SELECT id, currency, recognized_revenue, margin, margin_percent, revenue_backlog FROM project.project WHERE ${(0, sql_1.keyCondition)('id', ids, params)}`, params.values);
    return rows.map((row) => ({
        id: row.id,
        recognizedRevenue: (0, amounts_1.money)(row.recognized_revenue, row.currency),
        margin: (0, amounts_1.money)(row.margin, row.currency),
        marginPercent: row.margin_percent === null ? null : new big_js_1.default(row.margin_percent).toFixed(2),
        revenueBacklog: (0, amounts_1.moneyOrNull)(row.revenue_backlog, row.currency),
    }));
}
/**
 * Revenue's sums of the portfolio rows of the given currencies, per currency
 * and per (currency, legal entity), in one statement. marginPercent comes from
 * the row's sums (not an average of the projects' percentages).
 */
async function portfolioRevenueOf(db, currencies) {
    const { rows } = await db.query(`SELECT currency, legal_entity_id, sum(recognized_revenue) AS revenue, sum(labor_cost) + sum(expense_cost) AS cost
     FROM project.project WHERE currency = ANY($1) GROUP BY ${portfolioKey_1.PORTFOLIO_GROUPING}`, [currencies]);
    return rows.map((row) => {
        const revenue = new big_js_1.default(row.revenue);
        const margin = revenue.minus(row.cost);
        return {
            id: (0, portfolioKey_1.portfolioId)({ currency: row.currency, legalEntityId: row.legal_entity_id }),
            recognizedRevenue: (0, amounts_1.money)(revenue, row.currency),
            margin: (0, amounts_1.money)(margin, row.currency),
            marginPercent: (0, amounts_1.percentOf)(margin, revenue),
        };
    });
}
//# sourceMappingURL=figures.js.map