/**
 * A document whose operation cannot be chosen (several operations and no
 * operationName, or an operationName it does not contain) is the client's
 * mistake: 400 with OPERATION_RESOLUTION_FAILURE. Left to @apollo/gateway it
 * becomes a 500 INVALID_GRAPHQL from deep inside the executor.
 *
 * So is a mutation while the API has no Mutation type (graphql-js validates
 * its fields as if there were nothing to check, and the gateway's planner
 * then fails with a 500): 400 with GRAPHQL_VALIDATION_FAILED.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind } from 'graphql';

export const operationResolutionPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation(context) {
        if (context.operation) {
          // Subscriptions over a plain request: gateway/subscriptionsOverHttp.ts.
          const kind = context.operation.operation;
          if (kind !== 'mutation' || context.schema.getMutationType()) return;
          throw new GraphQLError(`expected a query: this API has no ${kind}s (got a ${kind})`, {
            extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } },
          });
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
