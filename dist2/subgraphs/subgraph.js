"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SUBGRAPH_NAMES = void 0;
exports.isSubgraphName = isSubgraphName;
/** The four domain subgraphs, in the order the supergraph lists them. */
exports.SUBGRAPH_NAMES = ['customer', 'project', 'billing', 'revenue'];
function isSubgraphName(value) {
    return exports.SUBGRAPH_NAMES.includes(value);
}
//# sourceMappingURL=subgraph.js.map