"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createSubgraph = createSubgraph;
require("reflect-metadata");
const customer_1 = require("../../resolvers/billing/customer");
const customer_reference_1 = require("../../resolvers/billing/customer.reference");
const customer_resolver_1 = require("../../resolvers/billing/customer.resolver");
const invoice_reference_1 = require("../../resolvers/billing/invoice.reference");
const invoice_resolver_1 = require("../../resolvers/billing/invoice.resolver");
const invoiceException_resolver_1 = require("../../resolvers/billing/invoiceException.resolver");
const loaders_1 = require("../../resolvers/billing/loaders");
const overTime_resolver_1 = require("../../resolvers/billing/overTime.resolver");
const portfolioFigures_1 = require("../../resolvers/billing/portfolioFigures");
const portfolioFigures_reference_1 = require("../../resolvers/billing/portfolioFigures.reference");
const portfolioFigures_resolver_1 = require("../../resolvers/billing/portfolioFigures.resolver");
const project_1 = require("../../resolvers/billing/project");
const project_reference_1 = require("../../resolvers/billing/project.reference");
const project_resolver_1 = require("../../resolvers/billing/project.resolver");
const federation_1 = require("../../resolvers/shared/federation");
const preparedStatements_1 = require("../../resolvers/shared/preparedStatements");
/**
 * The billing subgraph: owns `Invoice`, `Query.invoice`, `Query.invoices`;
 * adds billing figures and `invoices` to `Project`, `invoices` and
 * `outstandingBalance` to `Customer`, and billing sums to `PortfolioFigures`;
 * receivables and unbilled aging, DSO and the unbilled facts (leakage).
 */
async function createSubgraph(deps) {
    // Every read of the read model as a named statement (prepared once per connection).
    const db = (0, preparedStatements_1.withPreparedStatements)(deps.pool);
    const loadersFor = (0, loaders_1.billingLoaders)(db);
    const clock = deps.clock ?? (() => new Date());
    const { schema, sdl } = await (0, federation_1.buildFederatedSchema)({
        resolvers: [
            new invoice_resolver_1.InvoiceResolver({ db, loadersFor }),
            new invoiceException_resolver_1.InvoiceExceptionResolver(clock),
            new overTime_resolver_1.OverTimeResolver(db, clock),
            new customer_resolver_1.CustomerBillingResolver(loadersFor),
            new project_resolver_1.ProjectBillingResolver(loadersFor),
            new portfolioFigures_resolver_1.PortfolioBillingResolver(loadersFor),
        ],
        orphanedTypes: [customer_1.Customer, project_1.Project, portfolioFigures_1.PortfolioFigures],
        references: {
            Invoice: (0, invoice_reference_1.resolveInvoiceReference)(loadersFor),
            Customer: (0, customer_reference_1.resolveCustomerReference)(),
            Project: (0, project_reference_1.resolveProjectReference)(loadersFor),
            PortfolioFigures: (0, portfolioFigures_reference_1.resolvePortfolioFiguresReference)(loadersFor),
        },
    });
    return { name: 'billing', schema, sdl };
}
//# sourceMappingURL=index.js.map