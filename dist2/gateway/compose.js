"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.CompositionError = void 0;
exports.composeSupergraph = composeSupergraph;
/**
 * The supergraph, composed once at start by @apollo/composition from the
 * subgraphs' SDL (no polling, no introspection of a running graph).
 */
const composition_1 = require("@apollo/composition");
const graphql_1 = require("graphql");
const boundaryNullability_1 = require("./boundaryNullability");
/** Composition failed: `messages` are the composer's own, one per error. */
class CompositionError extends Error {
    constructor(messages) {
        super(`the subgraphs do not compose into a supergraph:\n${messages.map((m) => `  - ${m}`).join('\n')}`);
        this.messages = messages;
        this.code = 'COMPOSITION_FAILED';
        this.name = 'CompositionError';
    }
}
exports.CompositionError = CompositionError;
/**
 * Composes the supergraph from the subgraphs' SDL.
 * @throws {CompositionError} with the composer's messages when the SDL does not parse or compose.
 */
function composeSupergraph(subgraphs, options = {}) {
    if (subgraphs.length === 0)
        throw new CompositionError(['no subgraphs to compose']);
    const seen = new Set();
    const documents = [];
    const parseErrors = [];
    for (const subgraph of subgraphs) {
        if (seen.has(subgraph.name))
            parseErrors.push(`[${subgraph.name}] the subgraph is given twice`);
        seen.add(subgraph.name);
        try {
            documents.push({ name: subgraph.name, url: subgraph.url, typeDefs: (0, graphql_1.parse)(subgraph.sdl) });
        }
        catch (error) {
            parseErrors.push(`[${subgraph.name}] its SDL does not parse: ${error instanceof Error ? error.message : String(error)}`);
        }
    }
    if (parseErrors.length > 0)
        throw new CompositionError(parseErrors);
    let relaxed = [];
    let services = documents;
    if ((options.nullability ?? 'boundary') === 'boundary') {
        const result = (0, boundaryNullability_1.relaxBoundaryNullability)(documents);
        relaxed = result.relaxed;
        services = result.subgraphs.map((s, i) => ({ ...documents[i], typeDefs: s.typeDefs }));
    }
    const result = (0, composition_1.composeServices)(services);
    if (result.errors) {
        throw new CompositionError(result.errors.map((e) => (e.extensions?.code ? `${String(e.extensions.code)}: ${e.message}` : e.message)));
    }
    return {
        supergraphSdl: result.supergraphSdl,
        relaxed,
        hints: result.hints.map((h) => `${h.definition.code}: ${h.message}`),
    };
}
//# sourceMappingURL=compose.js.map