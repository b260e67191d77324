"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.resolvePortfolioFiguresReference = resolvePortfolioFiguresReference;
/** `PortfolioFigures` by key (`EUR`, `EUR|LE-DE`): one grouped statement per `_entities` batch. */
function resolvePortfolioFiguresReference(loadersFor) {
    return (reference, context) => loadersFor(context).portfolio.load(reference.id);
}
//# sourceMappingURL=portfolioFigures.reference.js.map