/**
 * The key of a `PortfolioFigures` entity: its currency, or currency and legal
 * entity (`EUR`, `EUR|LE-DE`). The project subgraph makes the rows of
 * `Query.portfolio`; billing and revenue resolve their fields of the same row
 * from this key alone. A currency code never contains `|`, so the first `|`
 * separates the two.
 */
export interface PortfolioKey {
  readonly currency: string;
  readonly legalEntityId: string | null;
}

export function portfolioId(key: PortfolioKey): string {
  return key.legalEntityId === null ? key.currency : `${key.currency}|${key.legalEntityId}`;
}

/** The key of an id made by {@link portfolioId}; null for anything else. */
export function parsePortfolioId(id: string): PortfolioKey | null {
  const bar = id.indexOf('|');
  const currency = bar < 0 ? id : id.slice(0, bar);
  if (!/^[A-Z]{3}$/.test(currency)) return null;
  if (bar < 0) return { currency, legalEntityId: null };
  const legalEntityId = id.slice(bar + 1);
  return legalEntityId === '' ? null : { currency, legalEntityId };
}

/**
 * SQL `GROUP BY` giving, in one statement, one row per currency (legal entity
 * NULL) and one per (currency, legal entity); `legal_entity_id` is NOT NULL in
 * the read model, so a NULL there is always the currency-wide row.
 */
export const PORTFOLIO_GROUPING = 'GROUPING SETS ((currency), (currency, legal_entity_id))';

/** The distinct currencies named by portfolio ids (ids that do not parse name none). */
export function currenciesOf(ids: readonly string[]): string[] {
  return [...new Set(ids.map((id) => parsePortfolioId(id)?.currency).filter((c): c is string => c !== undefined))];
}
