import Big from 'big.js';
import type { Project } from '../../entities';
import type { ColumnRow } from '../../entities/columns';
import type { Money } from '../shared/money';
import { money, moneyOrNull, percentOf } from '../shared/amounts';
import { PORTFOLIO_GROUPING, portfolioId } from '../shared/portfolioKey';
import { inScope, type RowScope } from '../shared/rowScope';
import { keyCondition, Params, type Queryable } from '../shared/sql';

/** Revenue's figures of projects and portfolio rows. */

/** A project's revenue figures: recognized revenue running total and the generated margin columns of its row. */
export interface ProjectRevenue {
  readonly id: string;
  readonly recognizedRevenue: Money;
  readonly margin: Money;
  readonly marginPercent: string | null;
  readonly revenueBacklog: Money | null;
}

/** Projects' revenue figures by id; a project outside `scope` is not found. */
export async function projectRevenueById(db: Queryable, ids: readonly string[], scope: RowScope): Promise<ProjectRevenue[]> {
  const params = new Params();
  const { rows } = await db.query<Pick<ColumnRow<Project>, 'id' | 'currency' | 'recognized_revenue' | 'margin' | 'margin_percent' | 'revenue_backlog'>>(
    `SELECT id, currency, recognized_revenue, margin, margin_percent, revenue_backlog FROM project.project p
     WHERE ${keyCondition('id', ids, params)} AND ${inScope('project', 'p', scope, params)}`,
    params.values,
  );
  return rows.map((row) => ({
    id: row.id,
    recognizedRevenue: money(row.recognized_revenue, row.currency),
    margin: money(row.margin, row.currency),
    marginPercent: row.margin_percent === null ? null : new Big(row.margin_percent).toFixed(2),
    revenueBacklog: moneyOrNull(row.revenue_backlog, row.currency),
  }));
}

/** Revenue's sums of one portfolio row. */
export interface PortfolioRevenue {
  readonly id: string;
  readonly recognizedRevenue: Money;
  readonly margin: Money;
  readonly marginPercent: string | null;
}

/**
 * Revenue's sums of the portfolio rows of the given currencies, per currency
 * and per (currency, legal entity), in one statement, over the projects in
 * `scope`. marginPercent comes from
 * the row's sums (not an average of the projects' percentages).
 */
export async function portfolioRevenueOf(db: Queryable, currencies: readonly string[], scope: RowScope): Promise<PortfolioRevenue[]> {
  const params = new Params();
  const { rows } = await db.query<{ currency: string; legal_entity_id: string | null; revenue: string; cost: string }>(
    `SELECT currency, legal_entity_id, sum(recognized_revenue) AS revenue, sum(labor_cost) + sum(expense_cost) AS cost
     FROM project.project p WHERE currency = ANY(${params.add(currencies)}) AND ${inScope('project', 'p', scope, params)}
     GROUP BY ${PORTFOLIO_GROUPING}`,
    params.values,
  );
  return rows.map((row) => {
    const revenue = new Big(row.revenue);
    const margin = revenue.minus(row.cost);
    return {
      id: portfolioId({ currency: row.currency, legalEntityId: row.legal_entity_id }),
      recognizedRevenue: money(revenue, row.currency),
      margin: money(margin, row.currency),
      marginPercent: percentOf(margin, revenue),
    };
  });
}
