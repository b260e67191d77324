"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createLiveOperations = createLiveOperations;
/**
 * What every live transport (graphql-ws, graphql-sse) does with an operation,
 * independent of the transport: parse and validate against the subscription
 * schema, subscribe through the change feed, and send queries and mutations
 * to the federated gateway.
 */
const graphql_1 = require("graphql");
const principal_1 = require("../access/principal");
const subscriptionSchema_1 = require("./subscriptionSchema");
function createLiveOperations(schema, federated) {
    const documents = new Map();
    return {
        schema,
        prepare({ query, variables, operationName }, open, principal = principal_1.OPEN_PRINCIPAL, credential) {
            if (typeof query !== 'string' || query.trim() === '') {
                return [new graphql_1.GraphQLError(`expected "query" to be a non-empty GraphQL document, got ${JSON.stringify(query)}`, { extensions: { code: 'BAD_REQUEST' } })];
            }
            let document = documents.get(query);
            if (!document) {
                try {
                    document = (0, graphql_1.parse)(query);
                }
                catch (error) {
                    return [error instanceof graphql_1.GraphQLError ? withCode(error, 'GRAPHQL_PARSE_FAILED') : new graphql_1.GraphQLError(String(error))];
                }
                const errors = (0, graphql_1.validate)(schema, document);
                if (errors.length > 0)
                    return errors.map((e) => withCode(e, 'GRAPHQL_VALIDATION_FAILED'));
                if (documents.size > 1000)
                    documents.clear();
                documents.set(query, document);
            }
            // Which operation, and its variables, are checked here too, so that every
            // error before execution reaches the client the same way: as a graphql-ws
            // `error` message, or in graphql-sse's event stream.
            const operation = (0, graphql_1.getOperationAST)(document, operationName);
            if (!operation)
                return [operationNotFound(document, operationName)];
            const coerced = (0, graphql_1.getVariableValues)(schema, operation.variableDefinitions ?? [], variables ?? {});
            if (coerced.errors)
                return coerced.errors.map((e) => withCode(e, 'BAD_USER_INPUT'));
            const args = {
                schema, document, variableValues: variables ?? undefined, operationName: operationName ?? undefined, fieldResolver: subscriptionSchema_1.responseKeyResolver,
            };
            const context = { request: args, open, principal, credential };
            args.contextValue = context;
            return args;
        },
        // Formatted errors are plain objects: what the transports serialize anyway.
        execute: (args) => {
            const { principal, credential } = args.contextValue;
            return federated((0, graphql_1.print)(args.document), (args.variableValues ?? {}), args.operationName ?? undefined, principal, credential);
        },
        // Not graphql-js's `subscribe`, which executes every change for every subscriber: the fan-out executes once per group.
        subscribe: (args) => (0, graphql_1.createSourceEventStream)(args),
    };
}
function operationNotFound(document, operationName) {
    const names = document.definitions.flatMap((d) => (d.kind === graphql_1.Kind.OPERATION_DEFINITION ? [d.name?.value ?? '(anonymous)'] : []));
    const message = operationName
        ? `expected operationName to name an operation of the document (${names.join(', ') || 'none'}), got "${operationName}"`
        : `the document has ${names.length} operations (${names.join(', ')}): expected operationName to name the one to run`;
    return new graphql_1.GraphQLError(message, { extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } });
}
function withCode(error, code) {
    return new graphql_1.GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, path: error.path, extensions: { ...error.extensions, code } });
}
//# sourceMappingURL=operations.js.map