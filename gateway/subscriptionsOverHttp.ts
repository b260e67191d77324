/**
 * A subscription sent as a plain HTTP request (POST or GET without
 * `Accept: text/event-stream`) is the client's mistake: 400 with
 * SUBSCRIPTION_NEEDS_STREAM and where to send it instead. The schema served
 * over HTTP shows the Subscription root (so introspection and GraphiQL see
 * it), but a plain HTTP request has one answer, and @apollo/gateway executes
 * no subscription: left to it, the request would fail inside its executor.
 * Subscriptions are served over WebSocket (graphql-transport-ws) and
 * Server-Sent Events (graphql-sse) on the same path, which never reach Apollo
 * Server.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';

export const SUBSCRIPTION_NEEDS_STREAM = 'SUBSCRIPTION_NEEDS_STREAM';

export const refuseSubscriptionsOverHttp: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation(context) {
        if (context.operation?.operation !== 'subscription') return;
        throw new GraphQLError(
          'expected a query over plain HTTP, got a subscription: subscribe over WebSocket (graphql-transport-ws protocol) ' +
            'or Server-Sent Events (graphql-sse, Accept: text/event-stream) on this same path',
          { extensions: { code: SUBSCRIPTION_NEEDS_STREAM, http: { status: 400 } } },
        );
      },
    };
  },
};
