/**
 * A document whose operation cannot be chosen (several operations and no
 * operationName, or an operationName it does not contain) is the client's
 * mistake: 400 with OPERATION_RESOLUTION_FAILURE. Left to @apollo/gateway it
 * becomes a 500 INVALID_GRAPHQL from deep inside the executor.
 *
 * So is an operation of a kind this path does not run: one of a root type
 * the API lacks (graphql-js validates its fields as if there were nothing to
 * check, and the gateway's planner then fails with a 500), or a subscription
 * over a plain request (it needs a stream: graphql-ws or graphql-sse on the
 * same path): 400 with GRAPHQL_VALIDATION_FAILED.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind } from 'graphql';

export const operationResolutionPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation(context) {
        if (context.operation) {
          const kind = context.operation.operation;
          if (kind === 'query' || (kind === 'mutation' && context.schema.getMutationType())) return;
          const message = kind === 'mutation' || !context.schema.getSubscriptionType()
            ? `expected a query: this API has no ${kind}s (got a ${kind})`
            : 'expected a query or mutation over a plain request: a subscription needs a stream, over WebSocket (graphql-ws) or Server-Sent Events (graphql-sse) on this path';
          throw new GraphQLError(message, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } } });
        }
        const operations = context.document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION).length;
        const name = context.request.operationName;
        const message = name
          ? `expected an operation named "${name}" in the document, got ${operations === 0 ? 'no operation' : `operations without that name`}`
          : `expected an operationName to choose one of the document's ${operations} operations, got none`;
        throw new GraphQLError(message, { extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } } });
      },
    };
  },
};
