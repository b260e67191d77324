"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.billingLoaders = billingLoaders;
const loaders_1 = require("../shared/loaders");
const pagination_1 = require("../shared/pagination");
const portfolioKey_1 = require("../shared/portfolioKey");
const figures_1 = require("./figures");
const invoices_1 = require("./invoices");
/** `loadersFor(context)` of one billing subgraph instance. */
function billingLoaders(db) {
    const pagesOf = (parent, keyOf, counts) => new loaders_1.LoaderFamily((request) => (0, loaders_1.loaderOfPages)((ids) => (0, invoices_1.invoicePagesOf)(parent, db, ids, request), keyOf, request.after === null, counts), pagination_1.pageKey);
    return (0, loaders_1.perRequest)(() => {
        const invoiceCount = {
            customer: (0, loaders_1.loaderOfCounts)((ids) => (0, invoices_1.countInvoicesOf)('customer', db, ids)),
            project: (0, loaders_1.loaderOfCounts)((ids) => (0, invoices_1.countInvoicesOf)('project', db, ids)),
        };
        return {
            invoice: (0, loaders_1.loaderById)((ids) => (0, invoices_1.invoicesById)(db, ids), (i) => i.id),
            openExceptions: (0, loaders_1.loaderOfGroups)((ids) => (0, invoices_1.openExceptionsOf)(db, ids), (e) => e.invoiceId),
            invoicePages: {
                customer: pagesOf('customer', (i) => i.customerId, invoiceCount.customer),
                project: pagesOf('project', (i) => i.projectId, invoiceCount.project),
            },
            invoiceCount,
            projectBilling: (0, loaders_1.loaderById)((ids) => (0, figures_1.projectBillingById)(db, ids), (p) => p.id),
            outstandingBalance: (0, loaders_1.loaderOfGroups)((ids) => (0, figures_1.outstandingBalancesOf)(db, ids), (b) => b.customerId),
            portfolio: (0, loaders_1.loaderById)((ids) => (0, figures_1.portfolioBillingOf)(db, (0, portfolioKey_1.currenciesOf)(ids)), (row) => row.id),
        };
    });
}
//# sourceMappingURL=loaders.js.map