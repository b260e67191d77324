"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.operationCacheStats = void 0;
exports.installOperationCache = installOperationCache;
/**
 * One federation `Operation` per parsed operation, instead of one per request.
 *
 * @apollo/gateway's `executeQueryPlan` turns the request's operation back into
 * a federation `Operation` (`operationFromDocument(apiSchema, …, { validate:
 * false })`) on every request, for result shaping, even when its query plan
 * comes from the plan cache. For the project page executed afresh that was
 * ≈ 6% of the hub's thread and ≈ 40 KiB of the ≈ 485 KiB a request allocates
 * (heap sampling). The operation depends only on the schema and the parsed
 * document, and Apollo Server hands the gateway the same parsed document for
 * the same query text (its document store), so the operation is kept per
 * operation definition node in a WeakMap: it lives as long as Apollo Server
 * keeps the document, and a new schema or document gets its own.
 *
 * @apollo/gateway takes no operation from outside, so the cache sits at the
 * one place the gateway reaches: `operationFromDocument` of
 * @apollo/federation-internals' `operations` module, which its index
 * re-exports through a getter read at each call. Only the call shape of
 * `executeQueryPlan` is served from the cache (`validate: false`, no
 * operationName, one operation definition followed by fragment definitions
 * only); every other call (the query planner's, composition's) passes through
 * unchanged. Installing is idempotent; if the module's shape is not what this
 * expects (another federation version), nothing is installed and
 * {@link installOperationCache} says so.
 */
const graphql_1 = require("graphql");
const moduleExports_1 = require("./moduleExports");
const CACHED = Symbol('servicegraph operation cache');
/** How often the cache answered, and how often it made an operation (for tests). */
exports.operationCacheStats = { hits: 0, misses: 0 };
/**
 * Installs the cache in the process's @apollo/federation-internals (once).
 * @returns whether the cache is in place.
 */
function installOperationCache() {
    return (0, moduleExports_1.wrapModuleExport)('@apollo/federation-internals/dist/operations', 'operationFromDocument', CACHED, (original) => {
        const bySchema = new WeakMap();
        return (schema, document, options) => {
            const operation = options?.validate === false && options.operationName === undefined ? executionShape(document) : undefined;
            if (!operation)
                return original(schema, document, options);
            let byOperation = bySchema.get(schema);
            if (!byOperation)
                bySchema.set(schema, (byOperation = new WeakMap()));
            let made = byOperation.get(operation);
            if (made === undefined) {
                made = original(schema, document, options);
                byOperation.set(operation, made);
                exports.operationCacheStats.misses++;
            }
            else {
                exports.operationCacheStats.hits++;
            }
            return made;
        };
    });
}
/**
 * The operation definition of a document shaped as `executeQueryPlan` builds
 * it (the operation first, then only fragment definitions of the same parsed
 * document), or undefined. Its fragments come from the document the operation
 * node was parsed with, so the operation node alone identifies the whole.
 */
function executionShape(document) {
    const [first, ...rest] = document.definitions;
    if (first?.kind !== graphql_1.Kind.OPERATION_DEFINITION)
        return undefined;
    for (const definition of rest)
        if (definition.kind !== graphql_1.Kind.FRAGMENT_DEFINITION)
            return undefined;
    return first;
}
//# sourceMappingURL=operationCache.js.map