/**
 * The span of one subgraph fetch, handed from the data source that traces it
 * (gateway/instrumentedDataSource.ts) to the one that sends it over HTTP
 * (gateway/dataSources.ts), which carries it to the subgraph's process in the
 * `traceparent` header. Keyed by the fetch's request object, which
 * @apollo/gateway makes afresh for every fetch of a plan, so parallel
 * fetches of one operation never see each other's span.
 */
import type { GatewayGraphQLRequest } from '@apollo/server-gateway-interface';
import type { Context } from '../observability/tracing';

const parents = new WeakMap<GatewayGraphQLRequest, Context>();

export function setTraceParentOfFetch(request: GatewayGraphQLRequest, parent: Context): void {
  parents.set(request, parent);
}

export function traceParentOfFetch(request: GatewayGraphQLRequest): Context | undefined {
  return parents.get(request);
}
