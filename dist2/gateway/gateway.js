"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.GRAPHQL_PATH = void 0;
exports.principalOfRequest = principalOfRequest;
exports.startGateway = startGateway;
/**
 * The federated gateway: the supergraph composed at start from the subgraphs'
 * SDL, executed by @apollo/gateway on @apollo/server, served on node:http at
 * `http://HOST:PORT/graphql` with the explorer.
 *
 * The subgraphs are reached in process (one-process mode: their schemas run in
 * this process) or over HTTP (one process per subgraph); the supergraph, the
 * query plans and so the answers are the same either way.
 */
const node_http_1 = __importDefault(require("node:http"));
const gateway_1 = require("@apollo/gateway");
const server_1 = require("@apollo/server");
const disabled_1 = require("@apollo/server/plugin/disabled");
const limits_1 = require("../config/limits");
const httpError_1 = require("../http/httpError");
const serverLimits_1 = require("../http/serverLimits");
const deadline_1 = require("./deadline");
const accessError_1 = require("../access/accessError");
const graphqlRefusal_1 = require("../access/graphqlRefusal");
const auditLog_1 = require("../access/auditLog");
const doors_1 = require("../access/doors");
const principal_1 = require("../access/principal");
const compose_1 = require("./compose");
const dataSources_1 = require("./dataSources");
const exampleQueries_1 = require("./exampleQueries");
const operationCache_1 = require("./operationCache");
const nulCharacterPlugin_1 = require("./nulCharacterPlugin");
const operationResolution_1 = require("./operationResolution");
const explorer_1 = require("./explorer");
const http_1 = require("./http");
const responseCache_1 = require("./responseCache");
const responseCachePlugin_1 = require("./responseCachePlugin");
const requestMetrics_1 = require("./requestMetrics");
const probes_1 = require("../observability/probes");
const readinessChecks_1 = require("../observability/readinessChecks");
/** The GraphQL path of the gateway. */
exports.GRAPHQL_PATH = '/graphql';
/** The principal each GraphQL request was admitted as (until the request is collected). */
const admitted = new WeakMap();
/** The principal the gateway's doors admitted a request to the GraphQL path as; undefined before (or for other paths). */
function principalOfRequest(req) {
    return admitted.get(req);
}
/** A browser asking for the explorer (GET, HTML, no query): the page itself needs no token, its queries do. */
function isExplorerPage(req, explorer) {
    if (!explorer || (req.method ?? 'GET').toUpperCase() !== 'GET')
        return false;
    return !new URL(req.url ?? '/', 'http://gateway.invalid').searchParams.has('query') && (0, http_1.acceptsHtml)(req.headers.accept);
}
/**
 * @apollo/gateway gives a failed entity fetch a path into its own query plan
 * (`["invoices", "@", "customer", "_entities"]`), which is no path of the
 * response; such a path is left out (`extensions.serviceName` names the
 * subgraph). Response paths pass unchanged.
 */
function withResponsePath(formatted) {
    if (!formatted.path?.some((p) => p === '@' || p === '_entities'))
        return formatted;
    const { path: _path, ...rest } = formatted;
    return rest;
}
const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
/**
 * Composes the supergraph and starts serving it.
 * @throws {CompositionError} when the subgraphs do not compose (nothing is started then).
 */
async function startGateway(options) {
    const log = options.log ?? silent;
    const supergraph = (0, compose_1.composeSupergraph)(options.subgraphs.map((s) => ({ name: s.name, sdl: s.sdl, url: 'url' in s ? s.url : `in-process://${s.name}` })), { nullability: options.nullability });
    for (const hint of supergraph.hints)
        log.debug(`composition hint: ${hint}`);
    if (supergraph.relaxed.length > 0) {
        log.debug(`nullable at subgraph boundaries: ${supergraph.relaxed.map((f) => `${f.type}.${f.field}`).join(', ')}`);
    }
    if (!(0, operationCache_1.installOperationCache)())
        log.warn('gateway: @apollo/federation-internals is not shaped as expected: every request builds its operation anew');
    const metrics = options.registry ? new requestMetrics_1.GatewayMetrics(options.registry) : undefined;
    const dataSources = new Map();
    for (const subgraph of options.subgraphs) {
        const source = 'url' in subgraph ? new dataSources_1.HttpDataSource(subgraph.name, subgraph.url, options.subgraphTimeoutMs) : new dataSources_1.InProcessDataSource(subgraph.name, subgraph.schema);
        dataSources.set(subgraph.name, metrics ? metrics.timed(subgraph.name, source) : source);
    }
    const gateway = new gateway_1.ApolloGateway({
        supergraphSdl: supergraph.supergraphSdl,
        buildService: ({ name }) => {
            const source = dataSources.get(name);
            if (!source)
                throw new Error(`the supergraph names a subgraph "${name}" that the gateway was not given`);
            return source;
        },
        // The fetch documents are handed to the data sources parsed, so in-process subgraphs skip parsing.
        queryPlannerConfig: { exposeDocumentNodeInFetchNode: true },
        // The query plan cache is on by default (an LRU keyed by the operation's hash); nothing to switch on.
        experimental_didResolveQueryPlan: options.onQueryPlan ? ({ queryPlan }) => options.onQueryPlan(queryPlan) : undefined,
        // Its "schema loaded" notices are start-up chatter: debug.
        logger: { ...log, info: log.debug },
    });
    const volatileFields = new Set(options.responseCache?.volatileFields ?? []);
    const server = new server_1.ApolloServer({
        gateway,
        introspection: true,
        includeStacktraceInErrorResponses: false,
        // A read-only API (queries only): CSRF prevention would refuse the plain
        // GET requests that GraphQL over HTTP allows, and protects no write.
        csrfPrevention: false,
        plugins: [
            (0, disabled_1.ApolloServerPluginLandingPageDisabled)(),
            operationResolution_1.operationResolutionPlugin,
            nulCharacterPlugin_1.nulCharacterPlugin,
            ...(metrics ? [requestMetrics_1.operationMetricsPlugin] : []),
            ...(options.responseCache ? [(0, responseCachePlugin_1.responseCachePlugin)(volatileFields)] : []),
        ],
        formatError: withResponsePath,
        // The process's owner stops the gateway (in order, e.g. before the embedded
        // Postgres); Apollo's own SIGINT/SIGTERM handler would stop it and re-raise
        // the signal, killing the process before the rest is stopped.
        stopOnTerminationSignals: false,
        logger: log,
    });
    await server.start();
    const httpServer = node_http_1.default.createServer();
    (0, serverLimits_1.applyServerLimits)(httpServer, options.serverLimits ?? limits_1.DEFAULT_LIMITS);
    const doors = options.doors ?? doors_1.Doors.open(auditLog_1.NO_AUDIT);
    const core = {
        httpServer,
        schema: gateway.schema,
        registry: options.registry,
        doors,
        principalOf: principalOfRequest,
        async execute(query, variables, operationName, principal, credential) {
            const contextValue = (0, dataSources_1.createGatewayContext)(principal, credential, options.executionTimeoutMs);
            try {
                const response = await contextValue.deadline.race(server.executeOperation({ query, variables, operationName }, { contextValue }));
                if (response.body.kind !== 'single')
                    throw new Error('expected a single result (no @defer or @stream)');
                return response.body.singleResult;
            }
            catch (error) {
                if (error instanceof deadline_1.DeadlineExceeded)
                    return { errors: [error.toGraphQLError()] };
                throw error;
            }
            finally {
                contextValue.deadline.end();
            }
        },
    };
    const extensions = [];
    try {
        for (const make of options.extensions ?? [])
            extensions.push(await make(core));
    }
    catch (error) {
        for (const extension of extensions.reverse())
            await extension.close?.().catch(() => undefined);
        await server.stop();
        throw error;
    }
    const responseCache = options.responseCache
        ? new responseCache_1.ResponseCache({ position: options.responseCache.position, maxBytes: options.responseCache.maxBytes })
        : undefined;
    for (const coordinate of volatileFields) {
        const [type, field] = coordinate.split('.');
        const named = core.schema.getType(type ?? '');
        if (!named || !('getFields' in named) || !(field in named.getFields())) {
            log.warn(`gateway: the response cache's volatile field ${coordinate} is not in the supergraph`);
        }
    }
    const graphql = (0, http_1.createGraphQLRequestListener)({
        server,
        context: async (req) => (0, dataSources_1.createGatewayContext)(principalOfRequest(req) ?? principal_1.OPEN_PRINCIPAL, req.headers.authorization, options.executionTimeoutMs),
        deadline: (context) => context.deadline,
        path: exports.GRAPHQL_PATH,
        maxBodyBytes: options.maxBodyBytes,
        explorer: options.explorer === false ? undefined : (0, explorer_1.createExplorer)(exports.GRAPHQL_PATH, exampleQueries_1.EXAMPLE_QUERIES),
        onError: (error) => log.debug(`gateway http: ${error instanceof Error ? error.message : String(error)}`),
        onInternalError: (message) => log.error(`gateway: ${message}`),
        responseCache: responseCache ? { cache: responseCache, cacheability: (context) => context.responseCacheability.verdict } : undefined,
        onAnswered: metrics ? (operation, outcome, seconds) => metrics.request(operation, outcome, seconds) : undefined,
    });
    const handlers = extensions.flatMap((e) => (e.handleRequest ? [e.handleRequest.bind(e)] : []));
    let closing;
    const endpoints = {
        readiness: [...(options.readiness ?? []), (0, readinessChecks_1.supergraphCheck)(() => (closing ? 'the gateway is closing' : undefined))],
        metrics: options.registry,
    };
    httpServer.on('request', (req, res) => {
        void (async () => {
            const pathname = new URL(req.url ?? '/', 'http://gateway.invalid').pathname;
            try {
                // Liveness and readiness: no token, any Host (access/doors.ts, PROBE_PATHS).
                if (doors_1.PROBE_PATHS.has(pathname)) {
                    if (await (0, probes_1.serveOperations)(req, res, endpoints))
                        return;
                    return graphql(req, res);
                }
                const front = doors.front(req, `${req.method} ${pathname}`);
                for (const [name, value] of Object.entries(front.headers))
                    res.setHeader(name, value);
                if (front.preflight)
                    return void res.writeHead(204).end();
                // Metrics tell how the hub is used: operators only.
                if ((0, probes_1.isOperationsPath)(pathname)) {
                    await doors.admit(req, `${req.method} ${pathname}`, 'operations:read');
                    if (await (0, probes_1.serveOperations)(req, res, endpoints))
                        return;
                }
                // GraphQL needs a valid token; the explorer's page and files, the live page and health checks do not.
                if (pathname === exports.GRAPHQL_PATH && !isExplorerPage(req, options.explorer !== false)) {
                    admitted.set(req, await doors.admit(req, 'graphql', undefined));
                }
            }
            catch (error) {
                if (error instanceof accessError_1.AccessError)
                    return (0, graphqlRefusal_1.sendGraphqlRefusal)(req, res, error);
                throw error;
            }
            for (const handle of handlers)
                if (await handle(req, res))
                    return;
            graphql(req, res);
        })().catch((error) => {
            const failure = (0, httpError_1.internalError)(error, (message) => log.error(`gateway: ${message}`), 'the gateway failed to answer this request');
            if (!res.headersSent)
                (0, httpError_1.sendError)(req, res, failure);
            else
                res.destroy();
        });
    });
    try {
        await new Promise((resolve, reject) => {
            httpServer.once('error', reject);
            httpServer.listen(options.port, options.host, () => {
                httpServer.off('error', reject);
                resolve();
            });
        });
    }
    catch (error) {
        for (const extension of extensions.reverse())
            await extension.close?.().catch(() => undefined);
        await server.stop();
        throw error;
    }
    const port = httpServer.address().port;
    const hostForUrl = options.host.includes(':') ? `[${options.host}]` : options.host;
    return {
        url: `http://${hostForUrl}:${port}${exports.GRAPHQL_PATH}`,
        port,
        supergraph,
        subgraphs: options.subgraphs.map((s) => ({ name: s.name, via: 'url' in s ? s.url : 'in process' })),
        core,
        responseCache,
        close: () => (closing ??= (async () => {
            for (const extension of [...extensions].reverse()) {
                await extension.close?.().catch((error) => log.error(`gateway: closing an extension: ${String(error)}`));
            }
            const closed = new Promise((resolve) => httpServer.close(() => resolve()));
            httpServer.closeIdleConnections();
            const force = setTimeout(() => httpServer.closeAllConnections(), 5_000);
            await closed;
            clearTimeout(force);
            await server.stop();
        })()),
    };
}
//# sourceMappingURL=gateway.js.map