/**
 * A document whose operation cannot be chosen (several operations and no
 * operationName, or an operationName it does not contain) is the client's
 * mistake: 400 with OPERATION_RESOLUTION_FAILURE. Left to @apollo/gateway it
 * becomes a 500 INVALID_GRAPHQL from deep inside the executor.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind } from 'graphql';

export const operationResolutionPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation(context) {
        if (context.operation) return;
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
