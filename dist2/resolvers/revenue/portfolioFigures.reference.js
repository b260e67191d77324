"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.resolvePortfolioFiguresReference = resolvePortfolioFiguresReference;
/** `PortfolioFigures` by key: revenue's sums of that row, one grouped statement per `_entities` batch. */
function resolvePortfolioFiguresReference(loadersFor) {
    return async (reference, context) => ((await loadersFor(context).portfolio.load(reference.id)) ? { id: reference.id } : null);
}
//# sourceMappingURL=portfolioFigures.reference.js.map