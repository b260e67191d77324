/**
 * A subgraph's data source with what operations need around each fetch of a
 * query plan: its duration in the `servicegraph_subgraph_request_duration_seconds`
 * histogram, and a span (child of the query's span) while tracing, made the
 * active context so an HTTP fetch carries it on to the subgraph's process.
 */
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { activeTracer, inSpan, SpanKind } from '../observability/tracing';
import type { GatewayMetrics } from './requestMetrics';

export function instrumented<T extends Record<string, unknown>>(name: string, inner: GraphQLDataSource<T>, metrics: GatewayMetrics | undefined): GraphQLDataSource<T> {
  return {
    async process(options: GraphQLDataSourceProcessOptions<T>): Promise<GatewayGraphQLResponse> {
      const end = metrics?.subgraphFetch(name);
      const tracer = activeTracer();
      try {
        if (!tracer) return await inner.process(options);
        const span = tracer.startSpan(`subgraph ${name}`, { kind: SpanKind.CLIENT, attributes: { 'servicegraph.subgraph': name } });
        return await inSpan(span, async () => {
          const response = await inner.process(options);
          if (response.errors?.length) span.setAttribute('servicegraph.errors', response.errors.length);
          return response;
        });
      } finally {
        end?.();
      }
    },
  };
}
