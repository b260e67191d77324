"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createSubgraph = createSubgraph;
require("reflect-metadata");
const loaders_1 = require("../../resolvers/revenue/loaders");
const months_resolver_1 = require("../../resolvers/revenue/months.resolver");
const portfolioFigures_1 = require("../../resolvers/revenue/portfolioFigures");
const portfolioFigures_reference_1 = require("../../resolvers/revenue/portfolioFigures.reference");
const portfolioFigures_resolver_1 = require("../../resolvers/revenue/portfolioFigures.resolver");
const project_1 = require("../../resolvers/revenue/project");
const project_reference_1 = require("../../resolvers/revenue/project.reference");
const project_resolver_1 = require("../../resolvers/revenue/project.resolver");
const federation_1 = require("../../resolvers/shared/federation");
const preparedStatements_1 = require("../../resolvers/shared/preparedStatements");
/**
 * The revenue subgraph: adds recognized revenue, margin, margin % and backlog
 * to `Project`, and revenue sums to `PortfolioFigures`; the figures over time
 * by month: `Project.months` and `Query.portfolioMonths`.
 */
async function createSubgraph(deps) {
    // Every read of the read model as a named statement (prepared once per connection).
    const db = (0, preparedStatements_1.withPreparedStatements)(deps.pool);
    const loadersFor = (0, loaders_1.revenueLoaders)(db);
    const { schema, sdl } = await (0, federation_1.buildFederatedSchema)({
        resolvers: [new project_resolver_1.ProjectRevenueResolver(loadersFor), new portfolioFigures_resolver_1.PortfolioRevenueResolver(loadersFor), new months_resolver_1.MonthsResolver(db, loadersFor)],
        orphanedTypes: [project_1.Project, portfolioFigures_1.PortfolioFigures],
        references: {
            Project: (0, project_reference_1.resolveProjectReference)(loadersFor),
            PortfolioFigures: (0, portfolioFigures_reference_1.resolvePortfolioFiguresReference)(loadersFor),
        },
    });
    return { name: 'revenue', schema, sdl };
}
//# sourceMappingURL=index.js.map