/**
 * The gateway's metrics (docs/operations.md): GraphQL requests by operation
 * name and outcome, their duration, and the duration of each subgraph fetch.
 * Operation names come from clients, so the label keeps the first 200
 * distinct names and counts the rest as `other`.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { BoundedLabel, Counter, GRAPHQL_BUCKETS, Histogram, SUBGRAPH_BUCKETS, type Registry } from '../observability/metrics';

export const MAX_OPERATION_NAMES = 200;

/** What the metrics plugin learns of a request, on its context (a holder: Apollo runs on a shallow copy of the context). */
export interface OperationContext {
  readonly operation: { name?: string; failed?: boolean };
}

export type Outcome = 'success' | 'error';

export class GatewayMetrics {
  private readonly names = new BoundedLabel(MAX_OPERATION_NAMES);
  private readonly requests: Counter<'operation' | 'outcome'>;
  private readonly duration: Histogram<'operation'>;
  private readonly subgraphDuration: Histogram<'subgraph'>;

  constructor(readonly registry: Registry) {
    const registers = [registry];
    this.requests = new Counter({
      name: 'servicegraph_graphql_requests_total', help: 'GraphQL requests over HTTP by operation name (first 200 names, then "other") and outcome.',
      labelNames: ['operation', 'outcome'], registers,
    });
    this.duration = new Histogram({
      name: 'servicegraph_graphql_request_duration_seconds', help: 'GraphQL requests over HTTP, from the request to the last byte of the answer, by operation name.',
      labelNames: ['operation'], buckets: GRAPHQL_BUCKETS, registers,
    });
    this.subgraphDuration = new Histogram({
      name: 'servicegraph_subgraph_request_duration_seconds', help: 'Fetches of a query plan to one subgraph (in process or over HTTP).',
      labelNames: ['subgraph'], buckets: SUBGRAPH_BUCKETS, registers,
    });
  }

  /** Records one answered request; `operation` undefined: the request named none (`anonymous`). */
  request(operation: string | undefined, outcome: Outcome, seconds: number): void {
    const label = this.names.value(operation ?? 'anonymous');
    this.requests.labels(label, outcome).inc();
    this.duration.labels(label).observe(seconds);
  }

  /** Records one fetch to a subgraph. */
  subgraphFetch(subgraph: string): () => void {
    return this.subgraphDuration.labels(subgraph).startTimer();
  }
}

/** Puts the operation's name and whether it failed on the request's context, for the HTTP adapter to count. */
export const operationMetricsPlugin: ApolloServerPlugin<OperationContext> = {
  async requestDidStart({ contextValue, request }) {
    contextValue.operation.name = request.operationName ?? undefined;
    return {
      async didResolveOperation({ operationName }) {
        contextValue.operation.name = operationName ?? undefined;
      },
      async didEncounterErrors() {
        contextValue.operation.failed = true;
      },
    };
  },
};

const OPERATION_NAME = /(?:^|[\s}])(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/;

/** The operation name a request names (its `operationName`, else the document's first named operation); for answers served without executing. */
export function requestedOperationName(operationName: unknown, query: string | undefined): string | undefined {
  if (typeof operationName === 'string' && operationName !== '') return operationName;
  return query === undefined ? undefined : OPERATION_NAME.exec(query)?.[1];
}
