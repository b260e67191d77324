import type { Project } from '../../entities';
import type { ColumnRow } from '../../entities/columns';
import { decimalText, money } from '../shared/amounts';
import { PORTFOLIO_GROUPING, type PortfolioKey, portfolioId } from '../shared/portfolioKey';
import { inScope, type RowScope } from '../shared/rowScope';
import { Params, type Queryable } from '../shared/sql';
import type { PortfolioFigures } from './portfolioFigures';

/** The project subgraph's sums of the portfolio, from the projects' rows. */

/** The projects' columns summed (numeric sums are numeric), per currency and legal entity (null: all). */
type PortfolioRow = Pick<ColumnRow<Project>, 'currency' | 'approved_hours' | 'labor_cost' | 'expense_cost'> & {
  legal_entity_id: string | null;
  project_count: number;
};

const SUMS = `count(*)::int AS project_count, sum(approved_hours) AS approved_hours,
  sum(labor_cost) AS labor_cost, sum(expense_cost) AS expense_cost`;

function toFigures(row: PortfolioRow): PortfolioFigures {
  const key: PortfolioKey = { currency: row.currency, legalEntityId: row.legal_entity_id };
  return {
    id: portfolioId(key),
    currency: row.currency,
    legalEntityId: row.legal_entity_id,
    projectCount: row.project_count,
    approvedHours: decimalText(row.approved_hours),
    laborCost: money(row.labor_cost, row.currency),
    expenseCost: money(row.expense_cost, row.currency),
  };
}

/**
 * `Query.portfolio`: one row per currency, of every project in `scope` or of
 * one legal entity's (none when that one is out of scope); sorted by currency.
 */
export async function portfolio(db: Queryable, legalEntityId: string | null, scope: RowScope): Promise<PortfolioFigures[]> {
  const params = new Params();
  const visible = inScope('project', 'p', scope, params);
  const { rows } =
    legalEntityId === null
      ? await db.query<PortfolioRow>(
          `SELECT currency, NULL::text AS legal_entity_id, ${SUMS} FROM project.project p WHERE ${visible} GROUP BY currency ORDER BY currency`,
          params.values,
        )
      : await db.query<PortfolioRow>(
          `SELECT currency, legal_entity_id, ${SUMS} FROM project.project p WHERE legal_entity_id = ${params.add(legalEntityId)} AND ${visible}
           GROUP BY currency, legal_entity_id ORDER BY currency`,
          params.values,
        );
  return rows.map(toFigures);
}

/** Portfolio rows of the given currencies over the projects in `scope`, both per currency and per (currency, legal entity), in one statement. */
export async function portfolioRowsOf(db: Queryable, currencies: readonly string[], scope: RowScope): Promise<PortfolioFigures[]> {
  const params = new Params();
  const { rows } = await db.query<PortfolioRow>(
    `SELECT currency, legal_entity_id, ${SUMS} FROM project.project p
     WHERE currency = ANY(${params.add(currencies)}) AND ${inScope('project', 'p', scope, params)} GROUP BY ${PORTFOLIO_GROUPING}`,
    params.values,
  );
  return rows.map(toFigures);
}
