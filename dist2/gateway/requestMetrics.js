"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.operationMetricsPlugin = exports.GatewayMetrics = exports.MAX_OPERATION_NAMES = void 0;
exports.requestedOperationName = requestedOperationName;
const metrics_1 = require("../observability/metrics");
exports.MAX_OPERATION_NAMES = 200;
class GatewayMetrics {
    constructor(registry) {
        this.registry = registry;
        this.names = new metrics_1.BoundedLabel(exports.MAX_OPERATION_NAMES);
        const registers = [registry];
        this.requests = new metrics_1.Counter({
            name: 'servicegraph_graphql_requests_total', help: 'GraphQL requests over HTTP by operation name (first 200 names, then "other") and outcome.',
            labelNames: ['operation', 'outcome'], registers,
        });
        this.duration = new metrics_1.Histogram({
            name: 'servicegraph_graphql_request_duration_seconds', help: 'GraphQL requests over HTTP, from the request to the last byte of the answer, by operation name.',
            labelNames: ['operation'], buckets: metrics_1.GRAPHQL_BUCKETS, registers,
        });
        this.subgraphDuration = new metrics_1.Histogram({
            name: 'servicegraph_subgraph_request_duration_seconds', help: 'Fetches of a query plan to one subgraph (in process or over HTTP).',
            labelNames: ['subgraph'], buckets: metrics_1.SUBGRAPH_BUCKETS, registers,
        });
    }
    /** Records one answered request; `operation` undefined: the request named none (`anonymous`). */
    request(operation, outcome, seconds) {
        const label = this.names.value(operation ?? 'anonymous');
        this.requests.labels(label, outcome).inc();
        this.duration.labels(label).observe(seconds);
    }
    /** A data source that times each fetch of `inner`. */
    timed(name, inner) {
        const histogram = this.subgraphDuration.labels(name);
        return {
            async process(options) {
                const end = histogram.startTimer();
                try {
                    return await inner.process(options);
                }
                finally {
                    end();
                }
            },
        };
    }
}
exports.GatewayMetrics = GatewayMetrics;
/** Puts the operation's name and whether it failed on the request's context, for the HTTP adapter to count. */
exports.operationMetricsPlugin = {
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
function requestedOperationName(operationName, query) {
    if (typeof operationName === 'string' && operationName !== '')
        return operationName;
    return query === undefined ? undefined : OPERATION_NAME.exec(query)?.[1];
}
//# sourceMappingURL=requestMetrics.js.map