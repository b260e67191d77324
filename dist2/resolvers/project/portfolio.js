"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.portfolio = portfolio;
exports.portfolioRowsOf = portfolioRowsOf;
const amounts_1 = require("../shared/amounts");
const portfolioKey_1 = require("../shared/portfolioKey");
const SUMS = `count(*)::int AS project_count, sum(approved_hours) AS approved_hours,
  sum(labor_cost) AS labor_cost, sum(expense_cost) AS expense_cost`;
function toFigures(row) {
    const key = { currency: row.currency, legalEntityId: row.legal_entity_id };
    return {
        id: (0, portfolioKey_1.portfolioId)(key),
        currency: row.currency,
        legalEntityId: row.legal_entity_id,
        projectCount: row.project_count,
        approvedHours: (0, amounts_1.decimalText)(row.approved_hours),
        laborCost: (0, amounts_1.money)(row.labor_cost, row.currency),
        expenseCost: (0, amounts_1.money)(row.expense_cost, row.currency),
    };
}
/** `Query.portfolio`: one row per currency, of every project or of one legal entity's; sorted by currency. */
async function portfolio(db, legalEntityId) {
    const { rows } = legalEntityId === null
        ? await db.query(`SELECT currency, NULL::text AS legal_entity_id, ${SUMS} FROM project.project GROUP BY currency ORDER BY currency`)
        : await db.query(`SELECT currency, legal_entity_id, ${SUMS} FROM project.project WHERE legal_entity_id = $1
           GROUP BY currency, legal_entity_id ORDER BY currency`, [legalEntityId]);
    return rows.map(toFigures);
}
/** Portfolio rows of the given currencies, both per currency and per (currency, legal entity), in one statement. */
async function portfolioRowsOf(db, currencies) {
    const { rows } = await db.query(`SELECT currency, legal_entity_id, ${SUMS} FROM project.project WHERE currency = ANY($1) GROUP BY ${portfolioKey_1.PORTFOLIO_GROUPING}`, [currencies]);
    return rows.map(toFigures);
}
//# sourceMappingURL=portfolio.js.map