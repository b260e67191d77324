"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createSubgraph = createSubgraph;
require("reflect-metadata");
const customer_resolver_1 = require("../../resolvers/project/customer.resolver");
const customer_reference_1 = require("../../resolvers/project/customer.reference");
const customer_1 = require("../../resolvers/project/customer");
const loaders_1 = require("../../resolvers/project/loaders");
const portfolio_resolver_1 = require("../../resolvers/project/portfolio.resolver");
const portfolioFigures_reference_1 = require("../../resolvers/project/portfolioFigures.reference");
const project_resolver_1 = require("../../resolvers/project/project.resolver");
const project_reference_1 = require("../../resolvers/project/project.reference");
const federation_1 = require("../../resolvers/shared/federation");
const preparedStatements_1 = require("../../resolvers/shared/preparedStatements");
/**
 * The project subgraph: owns `Project` (attributes, hours, costs),
 * `PortfolioFigures` (currency, counts, hours, costs), `Query.project`,
 * `Query.projects`, `Query.portfolio`, and adds `Customer.projects`.
 */
async function createSubgraph(deps) {
    // Every read of the read model as a named statement (prepared once per connection).
    const db = (0, preparedStatements_1.withPreparedStatements)(deps.pool);
    const loadersFor = (0, loaders_1.projectLoaders)(db);
    const { schema, sdl } = await (0, federation_1.buildFederatedSchema)({
        resolvers: [
            new project_resolver_1.ProjectResolver({ db, loadersFor }),
            new customer_resolver_1.CustomerProjectsResolver(loadersFor),
            new portfolio_resolver_1.PortfolioResolver(db),
        ],
        orphanedTypes: [customer_1.Customer],
        references: {
            Project: (0, project_reference_1.resolveProjectReference)(loadersFor),
            Customer: (0, customer_reference_1.resolveCustomerReference)(),
            PortfolioFigures: (0, portfolioFigures_reference_1.resolvePortfolioFiguresReference)(loadersFor),
        },
    });
    return { name: 'project', schema, sdl };
}
//# sourceMappingURL=index.js.map