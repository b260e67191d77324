"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.operationResolutionPlugin = void 0;
const graphql_1 = require("graphql");
exports.operationResolutionPlugin = {
    async requestDidStart() {
        return {
            async didResolveOperation(context) {
                if (context.operation) {
                    const kind = context.operation.operation;
                    if (kind === 'query')
                        return;
                    const message = kind === 'mutation' || !context.schema.getSubscriptionType()
                        ? `expected a query: this API takes no ${kind}s, it only reads (got a ${kind})`
                        : 'expected a query over a plain request: a subscription needs a stream, over WebSocket (graphql-ws) or Server-Sent Events (graphql-sse) on this path';
                    throw new graphql_1.GraphQLError(message, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } } });
                }
                const operations = context.document.definitions.filter((d) => d.kind === graphql_1.Kind.OPERATION_DEFINITION).length;
                const name = context.request.operationName;
                const message = name
                    ? `expected an operation named "${name}" in the document, got ${operations === 0 ? 'no operation' : `operations without that name`}`
                    : `expected an operationName to choose one of the document's ${operations} operations, got none`;
                throw new graphql_1.GraphQLError(message, { extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } } });
            },
        };
    },
};
//# sourceMappingURL=operationResolution.js.map