"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.customerLoaders = customerLoaders;
const loaders_1 = require("../shared/loaders");
const accounts_1 = require("./accounts");
/** `loadersFor(context)` of one customer subgraph instance. */
function customerLoaders(db) {
    return (0, loaders_1.perRequest)(() => ({
        customer: (0, loaders_1.loaderById)((ids) => (0, accounts_1.customersById)(db, ids), (c) => c.id),
    }));
}
//# sourceMappingURL=loaders.js.map