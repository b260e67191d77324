"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createSubgraph = createSubgraph;
require("reflect-metadata");
const customer_resolver_1 = require("../../resolvers/customer/customer.resolver");
const customer_reference_1 = require("../../resolvers/customer/customer.reference");
const ingestStatus_resolver_1 = require("../../resolvers/customer/ingestStatus.resolver");
const loaders_1 = require("../../resolvers/customer/loaders");
const federation_1 = require("../../resolvers/shared/federation");
const preparedStatements_1 = require("../../resolvers/shared/preparedStatements");
/** The customer subgraph: owns `Customer`, `Query.customer`, `Query.customers` and `Query.ingestStatus`. */
async function createSubgraph(deps) {
    // Every read of the read model as a named statement (prepared once per connection).
    const db = (0, preparedStatements_1.withPreparedStatements)(deps.pool);
    const loadersFor = (0, loaders_1.customerLoaders)(db);
    const { schema, sdl } = await (0, federation_1.buildFederatedSchema)({
        resolvers: [new customer_resolver_1.CustomerResolver({ db, loadersFor }), new ingestStatus_resolver_1.IngestStatusResolver(deps.pool)],
        references: { Customer: (0, customer_reference_1.resolveCustomerReference)(loadersFor) },
    });
    return { name: 'customer', schema, sdl };
}
//# sourceMappingURL=index.js.map