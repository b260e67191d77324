"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PORTFOLIO_GROUPING = void 0;
exports.portfolioId = portfolioId;
exports.parsePortfolioId = parsePortfolioId;
exports.currenciesOf = currenciesOf;
function portfolioId(key) {
    return key.legalEntityId === null ? key.currency : `${key.currency}|${key.legalEntityId}`;
}
/** The key of an id made by {@link portfolioId}; null for anything else. */
function parsePortfolioId(id) {
    const bar = id.indexOf('|');
    const currency = bar < 0 ? id : id.slice(0, bar);
    if (!/^[A-Z]{3}$/.test(currency))
        return null;
    if (bar < 0)
        return { currency, legalEntityId: null };
    const legalEntityId = id.slice(bar + 1);
    return legalEntityId === '' ? null : { currency, legalEntityId };
}
/**
 * SQL `GROUP BY` giving, in one statement, one row per currency (legal entity
 * NULL) and one per (currency, legal entity); `legal_entity_id` is NOT NULL in
 * the read model, so a NULL there is always the currency-wide row.
 */
exports.PORTFOLIO_GROUPING = 'GROUPING SETS ((currency), (currency, legal_entity_id))';
/** The distinct currencies named by portfolio ids (ids that do not parse name none). */
function currenciesOf(ids) {
    return [...new Set(ids.map((id) => parsePortfolioId(id)?.currency).filter((c) => c !== undefined))];
}
//# sourceMappingURL=portfolioKey.js.map