"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.projectLoaders = projectLoaders;
const loaders_1 = require("../shared/loaders");
const pagination_1 = require("../shared/pagination");
const portfolioKey_1 = require("../shared/portfolioKey");
const portfolio_1 = require("./portfolio");
const projects_1 = require("./projects");
/** `loadersFor(context)` of one project subgraph instance. */
function projectLoaders(db) {
    return (0, loaders_1.perRequest)(() => {
        const projectCountOfCustomer = (0, loaders_1.loaderOfCounts)((ids) => (0, projects_1.countProjectsOfCustomers)(db, ids));
        return {
            project: (0, loaders_1.loaderById)((ids) => (0, projects_1.projectsById)(db, ids), (p) => p.id),
            projectPagesOfCustomer: new loaders_1.LoaderFamily((request) => (0, loaders_1.loaderOfPages)((ids) => (0, projects_1.projectPagesOfCustomers)(db, ids, request), (p) => p.customerId, request.after === null, projectCountOfCustomer), pagination_1.pageKey),
            projectCountOfCustomer,
            portfolio: (0, loaders_1.loaderById)((ids) => (0, portfolio_1.portfolioRowsOf)(db, (0, portfolioKey_1.currenciesOf)(ids)), (row) => row.id),
        };
    });
}
//# sourceMappingURL=loaders.js.map