"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.VOLATILE_FIELDS = exports.serveSubgraph = exports.SUBGRAPH_NAMES = exports.isSubgraphName = void 0;
exports.createSubgraphByName = createSubgraphByName;
exports.createSubgraphs = createSubgraphs;
require("reflect-metadata");
const billing_1 = require("./billing");
const customer_1 = require("./customer");
const project_1 = require("./project");
const revenue_1 = require("./revenue");
const fieldArguments_1 = require("./fieldArguments");
const subgraph_1 = require("./subgraph");
var subgraph_2 = require("./subgraph");
Object.defineProperty(exports, "isSubgraphName", { enumerable: true, get: function () { return subgraph_2.isSubgraphName; } });
Object.defineProperty(exports, "SUBGRAPH_NAMES", { enumerable: true, get: function () { return subgraph_2.SUBGRAPH_NAMES; } });
var serve_1 = require("./serve");
Object.defineProperty(exports, "serveSubgraph", { enumerable: true, get: function () { return serve_1.serveSubgraph; } });
var volatileFields_1 = require("./volatileFields");
Object.defineProperty(exports, "VOLATILE_FIELDS", { enumerable: true, get: function () { return volatileFields_1.VOLATILE_FIELDS; } });
const FACTORIES = {
    customer: customer_1.createSubgraph,
    project: project_1.createSubgraph,
    billing: billing_1.createSubgraph,
    revenue: revenue_1.createSubgraph,
};
/** Builds one domain subgraph on the read model of `deps.pool`. */
async function createSubgraphByName(name, deps) {
    const create = FACTORIES[name];
    if (!create)
        throw new Error(`unknown subgraph ${JSON.stringify(name)}: expected one of ${subgraph_1.SUBGRAPH_NAMES.join(', ')}`);
    // Only an allocation saving (subgraphs/fieldArguments.ts): without it graphql executes as it always does.
    (0, fieldArguments_1.installSharedEmptyArguments)();
    return create(deps);
}
/** Builds the four domain subgraphs, in {@link SUBGRAPH_NAMES} order. */
async function createSubgraphs(deps) {
    const subgraphs = [];
    for (const name of subgraph_1.SUBGRAPH_NAMES)
        subgraphs.push(await createSubgraphByName(name, deps));
    return subgraphs;
}
//# sourceMappingURL=index.js.map