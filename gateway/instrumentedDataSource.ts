/**
 * A subgraph's data source with what operations need around each fetch of a
 * query plan: its duration in the `servicegraph_subgraph_request_duration_seconds`
 * histogram, and a span (child of the query's span) while tracing, which an
 * HTTP fetch carries on to the subgraph's process (gateway/fetchTrace.ts).
 */
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { activeTracer, childOf, inSpan, ROOT_CONTEXT, SpanKind } from '../observability/tracing';
import type { GatewayContext } from './dataSources';
import { setTraceParentOfFetch } from './fetchTrace';
import type { GatewayMetrics } from './requestMetrics';

export function instrumented<T extends Record<string, unknown>>(name: string, inner: GraphQLDataSource<T>, metrics: GatewayMetrics | undefined): GraphQLDataSource<T> {
  return {
    async process(options: GraphQLDataSourceProcessOptions<T>): Promise<GatewayGraphQLResponse> {
      const end = metrics?.subgraphFetch(name);
      const tracer = activeTracer();
      try {
        if (!tracer) return await inner.process(options);
        const parent = (options.context as Partial<GatewayContext> | undefined)?.traceParent ?? ROOT_CONTEXT;
        const span = tracer.startSpan(`subgraph ${name}`, { kind: SpanKind.CLIENT, attributes: { 'servicegraph.subgraph': name } }, parent);
        setTraceParentOfFetch(options.request, childOf(span));
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
