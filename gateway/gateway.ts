/**
 * The federated gateway: the supergraph composed at start from the subgraphs'
 * SDL, executed by @apollo/gateway on @apollo/server, served on node:http at
 * `http://HOST:PORT/graphql` with the explorer.
 *
 * The subgraphs are reached in process (one-process mode: their schemas run in
 * this process) or over HTTP (one process per subgraph); the supergraph, the
 * query plans and so the answers are the same either way.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway, type GraphQLDataSource } from '@apollo/gateway';
import type { QueryPlan } from '@apollo/query-planner';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { FormattedExecutionResult, GraphQLFormattedError, GraphQLSchema } from 'graphql';
import { DEFAULT_LIMITS, type OperationLimits } from '../config/limits';
import { internalError, sendError } from '../http/httpError';
import { applyServerLimits, type ServerLimits } from '../http/serverLimits';
import { DeadlineExceeded } from './deadline';
import { AccessError } from '../access/accessError';
import { sendGraphqlRefusal } from '../access/graphqlRefusal';
import { NO_AUDIT } from '../access/auditLog';
import { Doors, PROBE_PATHS } from '../access/doors';
import { OPEN_PRINCIPAL, principalPartition, type Principal, type Scope } from '../access/principal';
import { composeSupergraph, type NullabilityMode, type Supergraph } from './compose';
import { createGatewayContext, HttpDataSource, InProcessDataSource, ServedByExtensionDataSource, type ExecutionOrigin, type GatewayContext } from './dataSources';
import { EXAMPLE_QUERIES } from './exampleQueries';
import { nulCharacterPlugin } from './nulCharacterPlugin';
import { scalarInputPlugin } from './scalarInputPlugin';
import { operationResolutionPlugin } from './operationResolution';
import { OperationGuard } from './operationGuard';
import { withoutRequiredScopes } from '../access/requiredScopes';
import { operationGuardPlugin } from './operationGuardPlugin';
import { formatTokenLimit } from './operationLimits';
import { refuseSubscriptionsOverHttp } from './subscriptionsOverHttp';
import { createExplorer } from './explorer';
import { acceptsHtml, createGraphQLRequestListener, namesDocument } from './http';
import { resolveAtDoor } from '../access/trustedDocumentParams';
import { invalidTrustedDocuments } from './trustedDocumentsCheck';
import { ResponseCache } from './responseCache';
import { responseCachePlugin } from './responseCachePlugin';
import { GatewayMetrics, operationMetricsPlugin } from './requestMetrics';
import { instrumented } from './instrumentedDataSource';
import { isOperationsPath, operationsEndpoints, serveOperations, type OperationsEndpoints, type ReadinessCheck } from '../observability/probes';
import { supergraphCheck } from '../observability/readinessChecks';
import type { Registry } from '../observability/metrics';

/** The GraphQL path of the gateway. */
export const GRAPHQL_PATH = '/graphql';

/** A subgraph whose schema runs in the gateway's process. */
export interface InProcessSubgraph {
  readonly name: string;
  /** Subgraph SDL with its federation directives (what `_service { sdl }` answers). */
  readonly sdl: string;
  /** The executable subgraph schema (from @apollo/subgraph `buildSubgraphSchema`). */
  readonly schema: GraphQLSchema;
}

/** A subgraph in its own process, reached over HTTP. */
export interface HttpSubgraph {
  readonly name: string;
  readonly sdl: string;
  readonly url: string;
}

export type GatewaySubgraph = InProcessSubgraph | HttpSubgraph;

/** What the gateway logs through; the CLI's logger fits. */
export interface GatewayLogger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** What an extension of the gateway gets: its HTTP server, its API schema, and its federated executor. */
export interface GatewayCore {
  /** The gateway's node:http server (e.g. to accept WebSocket upgrades); it listens once every extension is made. */
  readonly httpServer: http.Server;
  /** The API schema clients see (the supergraph without federation machinery). */
  readonly schema: GraphQLSchema;
  /** The registry served at /metrics, where extensions add their metrics; undefined when the gateway serves none. */
  readonly registry: Registry | undefined;
  /**
   * Runs an operation through the gateway's whole pipeline (operation guard,
   * plan cache, subgraphs), with a fresh context for `principal` (default:
   * every scope, every legal entity); `credential` (its Authorization header)
   * goes to subgraphs over HTTP, which verify it themselves. `origin` names
   * the door for the audit log of a refusal, or marks a document the caller
   * derived from one the guard admitted.
   */
  execute(
    query: string, variables?: Record<string, unknown>, operationName?: string, principal?: Principal, credential?: string, origin?: ExecutionOrigin,
  ): Promise<FormattedExecutionResult>;
  /** Who may run which operation (scopes of fields, limits): for transports that execute outside Apollo Server (subscriptions). */
  readonly guard: OperationGuard;
  /** The doors every request passes (host, CORS, token, rate limit): extensions admit their own requests through them. */
  readonly doors: Doors;
  /** The principal a request to the GraphQL path was admitted as (undefined for other paths). */
  principalOf(req: http.IncomingMessage): Principal | undefined;
}

/**
 * Makes an extension once the gateway has its schema. An extension that
 * executes part of the schema itself (subscriptions) declares that part as a
 * `subgraph`: it is composed into the supergraph with the domain subgraphs, so
 * clients see one schema over HTTP, and its root fields are never planned by
 * the gateway (see {@link refuseSubscriptionsOverHttp}).
 */
export type GatewayExtensionFactory = ((core: GatewayCore) => GatewayExtension | Promise<GatewayExtension>) & {
  readonly subgraph?: { readonly name: string; readonly sdl: string };
};

/** Something served beside GraphQL on the gateway's port (subscriptions, a live page). */
export interface GatewayExtension {
  /** Tried before the gateway's own routes; returns true when it answered the request. */
  handleRequest?(req: http.IncomingMessage, res: http.ServerResponse): boolean | Promise<boolean>;
  /**
   * The scope a request to one of the extension's paths needs: the gateway's
   * doors admit it (token, rate limit, scope, audit) before `handleRequest`,
   * and `core.principalOf(req)` is then who it was admitted as. `undefined`:
   * a path the extension guards itself, or not its own.
   */
  scopeOf?(pathname: string): Scope | undefined;
  /** Called first when the gateway closes. */
  close?(): Promise<void>;
}

export interface GatewayOptions {
  readonly subgraphs: readonly GatewaySubgraph[];
  readonly host: string;
  /** 0 = any free port. */
  readonly port: number;
  /** Default `boundary`: see gateway/boundaryNullability.ts. */
  readonly nullability?: NullabilityMode;
  /** How long to wait for a subgraph over HTTP (default 30 s); then its fields are null with SUBGRAPH_UNAVAILABLE. */
  readonly subgraphTimeoutMs?: number;
  /** Timeouts and connection limits of its HTTP server (http/serverLimits.ts); default config/limits.ts's. */
  readonly serverLimits?: ServerLimits;
  /** How long one operation may run (default none); then EXECUTION_TIMEOUT (gateway/deadline.ts). */
  readonly executionTimeoutMs?: number;
  /** Largest GraphQL request body, in bytes (default 1 MiB; config/limits.ts). */
  readonly maxBodyBytes?: number;
  /** Depth, aliases, tokens and cost of one operation (default config/limits.ts's); see gateway/operationLimits.ts. */
  readonly operationLimits?: OperationLimits;
  /** Serve the explorer to browsers (default true). */
  readonly explorer?: boolean;
  readonly log?: GatewayLogger;
  /** Called with the query plan of every operation (from the plan cache or new); for tests. */
  readonly onQueryPlan?: (plan: QueryPlan) => void;
  /**
   * Serve repeated queries over HTTP from a cache keyed to the read model's
   * position (gateway/responseCache.ts); off when not given. The gateway knows
   * no database: the caller gives it the position source.
   */
  readonly responseCache?: {
    /** The read model's current position (the projector's checkpoint); any read must start after the call. */
    readonly position: () => Promise<string>;
    /** Bound on the cache's memory; default 64 MiB. */
    readonly maxBytes?: number;
    /** `Type.field` coordinates whose answers change without a read-model commit: never cached. */
    readonly volatileFields: readonly string[];
  };
  /**
   * Who may use the gateway's port (access/doors.ts): host, CORS, token, rate
   * limit, with refusals audited. Default: AUTH=off, any host, nothing recorded.
   */
  readonly doors?: Doors;
  /** Made once the gateway has its schema, before it listens; in order. */
  readonly extensions?: ReadonlyArray<GatewayExtensionFactory>;
  /**
   * Served at GET /metrics with the gateway's own metrics added
   * (gateway/requestMetrics.ts); without it, no metrics are kept.
   */
  readonly registry?: Registry;
  /** Checks GET /readyz makes besides the gateway's own (the supergraph is composed and served). */
  readonly readiness?: readonly ReadinessCheck[];
}

export interface RunningGateway {
  /** `http://host:port/graphql` */
  readonly url: string;
  readonly port: number;
  readonly supergraph: Supergraph;
  /** How each subgraph is reached: `in process` or its URL. */
  readonly subgraphs: ReadonlyArray<{ readonly name: string; readonly via: string }>;
  readonly core: GatewayCore;
  /** The response cache, when one was asked for (its stats show hits and position reads). */
  readonly responseCache: ResponseCache | undefined;
  /** Stops accepting requests, lets running ones finish, stops the gateway. Idempotent. */
  close(): Promise<void>;
}

/** The principal each GraphQL request was admitted as (until the request is collected). */
const admitted = new WeakMap<http.IncomingMessage, Principal>();

/** The principal the gateway's doors admitted a request to the GraphQL path as; undefined before (or for other paths). */
export function principalOfRequest(req: http.IncomingMessage): Principal | undefined {
  return admitted.get(req);
}

/** A browser asking for the explorer (GET, HTML, no query): the page itself needs no token, its queries do. */
function isExplorerPage(req: http.IncomingMessage, explorer: boolean): boolean {
  if (!explorer || (req.method ?? 'GET').toUpperCase() !== 'GET') return false;
  return !namesDocument(new URL(req.url ?? '/', 'http://gateway.invalid').searchParams) && acceptsHtml(req.headers.accept);
}

/**
 * @apollo/gateway gives a failed entity fetch a path into its own query plan
 * (`["invoices", "@", "customer", "_entities"]`), which is no path of the
 * response; such a path is left out (`extensions.serviceName` names the
 * subgraph). Response paths pass unchanged.
 */
function withResponsePath(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (!formatted.path?.some((p) => p === '@' || p === '_entities')) return formatted;
  const { path: _path, ...rest } = formatted;
  return rest;
}

const silent: GatewayLogger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * Composes the supergraph and starts serving it.
 * @throws {CompositionError} when the subgraphs do not compose (nothing is started then).
 */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const log = options.log ?? silent;
  const servedHere = (options.extensions ?? []).flatMap((make) => (make.subgraph ? [make.subgraph] : []));
  const supergraph = composeSupergraph(
    [
      ...options.subgraphs.map((s) => ({ name: s.name, sdl: s.sdl, url: 'url' in s ? s.url : `in-process://${s.name}` })),
      ...servedHere.map((s) => ({ name: s.name, sdl: s.sdl, url: `gateway://${s.name}`, servedByGateway: true })),
    ],
    { nullability: options.nullability },
  );
  for (const hint of supergraph.hints) log.debug(`composition hint: ${hint}`);
  if (supergraph.relaxed.length > 0) {
    log.debug(`nullable at subgraph boundaries: ${supergraph.relaxed.map((f) => `${f.type}.${f.field}`).join(', ')}`);
  }

  const metrics = options.registry ? new GatewayMetrics(options.registry) : undefined;
  const dataSources = new Map<string, GraphQLDataSource<Record<string, unknown>>>();
  for (const subgraph of options.subgraphs) {
    const source = 'url' in subgraph
      ? new HttpDataSource(subgraph.name, subgraph.url, options.subgraphTimeoutMs)
      : new InProcessDataSource(subgraph.name, subgraph.schema, options.log && ((message) => log.error(`subgraph ${subgraph.name}: ${message}`)));
    dataSources.set(subgraph.name, instrumented(subgraph.name, source, metrics));
  }
  for (const { name } of servedHere) dataSources.set(name, new ServedByExtensionDataSource(name));

  const gateway = new ApolloGateway({
    // The field scopes are enforced by the operation guard (gateway/requiredScopes.ts), not by @apollo/gateway.
    supergraphSdl: withoutRequiredScopes(supergraph.supergraphSdl),
    buildService: ({ name }) => {
      const source = dataSources.get(name);
      if (!source) throw new Error(`the supergraph names a subgraph "${name}" that the gateway was not given`);
      return source;
    },
    // The fetch documents are handed to the data sources parsed, so in-process subgraphs skip parsing.
    queryPlannerConfig: { exposeDocumentNodeInFetchNode: true },
    // The query plan cache is on by default (an LRU keyed by the operation's hash); nothing to switch on.
    experimental_didResolveQueryPlan: options.onQueryPlan ? ({ queryPlan }) => options.onQueryPlan!(queryPlan) : undefined,
    // Its "schema loaded" notices are start-up chatter: debug.
    logger: { ...log, info: log.debug },
  });

  const volatileFields = new Set(options.responseCache?.volatileFields ?? []);
  const limits = options.operationLimits ?? DEFAULT_LIMITS;
  const doors = options.doors ?? Doors.open(NO_AUDIT);
  // Made once the gateway has its API schema (after start); no request is served before.
  let guard: OperationGuard | undefined;
  const server = new ApolloServer<GatewayContext>({
    gateway,
    introspection: true,
    // With trusted documents the manifest is the one store of documents by id
    // (resolved before Apollo Server reads the request): no client may add to
    // it at run time, as automatic persisted queries would. Without them,
    // automatic persisted queries work as Apollo Server has them (an in-memory
    // LRU cache).
    persistedQueries: doors.documents.mode === 'off' ? undefined : false,
    includeStacktraceInErrorResponses: false,
    // CSRF prevention would refuse the plain GET requests that GraphQL over
    // HTTP allows; the one mutation is answered only to a JSON POST, which a
    // browser sends cross-site only past the CORS allow-list (docs/graphql.md).
    csrfPrevention: false,
    // Tokens are bounded while parsing (gateway/operationLimits.ts), so a huge document is never parsed whole.
    parseOptions: { maxTokens: limits.graphqlMaxTokens },
    plugins: [
      ApolloServerPluginLandingPageDisabled(), operationResolutionPlugin, refuseSubscriptionsOverHttp, nulCharacterPlugin, scalarInputPlugin,
      operationGuardPlugin(() => guard!), ...(metrics ? [operationMetricsPlugin] : []),
      ...(options.responseCache ? [responseCachePlugin(volatileFields)] : []),
    ],
    formatError: (formatted, error) => withResponsePath(formatTokenLimit(formatted, error, limits)),
    // The process's owner stops the gateway (in order, e.g. before the embedded
    // Postgres); Apollo's own SIGINT/SIGTERM handler would stop it and re-raise
    // the signal, killing the process before the rest is stopped.
    stopOnTerminationSignals: false,
    logger: log,
  });
  await server.start();
  try {
    guard = OperationGuard.fromSupergraph(supergraph.supergraphSdl, gateway.schema!, limits, doors.audit);
  } catch (error) {
    await server.stop();
    throw error;
  }

  const httpServer = http.createServer();
  applyServerLimits(httpServer, options.serverLimits ?? DEFAULT_LIMITS);
  const core: GatewayCore = {
    httpServer,
    schema: gateway.schema!,
    registry: options.registry,
    doors,
    guard,
    principalOf: principalOfRequest,
    async execute(query, variables, operationName, principal, credential, origin) {
      const contextValue = createGatewayContext(principal, credential, options.executionTimeoutMs, origin);
      try {
        const response = await contextValue.deadline.race(server.executeOperation({ query, variables, operationName }, { contextValue }));
        if (response.body.kind !== 'single') throw new Error('expected a single result (no @defer or @stream)');
        return response.body.singleResult;
      } catch (error) {
        if (error instanceof DeadlineExceeded) return { errors: [error.toGraphQLError()] };
        throw error;
      } finally {
        contextValue.deadline.end();
      }
    },
  };
  const trusted = doors.documents.settings;
  if (trusted.mode !== 'off') for (const problem of invalidTrustedDocuments(core.schema, trusted.documents)) log.warn(`gateway: ${problem}`);
  const extensions: GatewayExtension[] = [];
  try {
    for (const make of options.extensions ?? []) extensions.push(await make(core));
  } catch (error) {
    for (const extension of extensions.reverse()) await extension.close?.().catch(() => undefined);
    await server.stop();
    throw error;
  }

  const responseCache = options.responseCache
    ? new ResponseCache({ position: options.responseCache.position, maxBytes: options.responseCache.maxBytes })
    : undefined;
  for (const coordinate of volatileFields) {
    const [type, field] = coordinate.split('.');
    const named = core.schema.getType(type ?? '');
    if (!named || !('getFields' in named) || !(field! in named.getFields())) {
      log.warn(`gateway: the response cache's volatile field ${coordinate} is not in the supergraph`);
    }
  }
  const graphql = createGraphQLRequestListener<GatewayContext>({
    server,
    context: async (req) => createGatewayContext(principalOfRequest(req) ?? OPEN_PRINCIPAL, req.headers.authorization, options.executionTimeoutMs,
      { door: 'graphql', client: req.socket.remoteAddress ?? null }),
    deadline: (context) => context.deadline,
    traced: (context, parent) => { context.traceParent = parent; },
    path: GRAPHQL_PATH,
    resolveDocument: (req, request) => resolveAtDoor(doors, req, 'graphql', principalOfRequest(req) ?? null, request),
    maxBodyBytes: options.maxBodyBytes,
    explorer: options.explorer === false ? undefined : createExplorer(GRAPHQL_PATH, EXAMPLE_QUERIES, {
      // The explorer sends subscriptions over graphql-ws, on the same path, when an extension serves them.
      subscriptions: core.schema.getSubscriptionType() ? GRAPHQL_PATH : undefined,
    }),
    onError: (error) => log.debug(`gateway http: ${error instanceof Error ? error.message : String(error)}`),
    onInternalError: (message) => log.error(`gateway: ${message}`),
    responseCache: responseCache ? {
      cache: responseCache,
      cacheability: (context) => context.responseCacheability.verdict,
      // Whoever may see other rows or fields gets answers of their own (see gateway/http.ts).
      partition: (req) => principalPartition(principalOfRequest(req) ?? OPEN_PRINCIPAL),
    } : undefined,
    onAnswered: metrics ? (operation, outcome, seconds) => metrics.request(operation, outcome, seconds) : undefined,
  });
  const handlers = extensions.flatMap((e) => (e.handleRequest ? [e.handleRequest.bind(e)] : []));
  const scopes = extensions.flatMap((e) => (e.scopeOf ? [e.scopeOf.bind(e)] : []));
  let closing: Promise<void> | undefined;
  const readinessChecks = [...(options.readiness ?? []), supergraphCheck(() => (closing ? 'the gateway is closing' : undefined))];
  const endpoints: OperationsEndpoints = options.registry ? operationsEndpoints(options.registry, readinessChecks) : { readiness: readinessChecks };
  httpServer.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    void (async () => {
      const pathname = new URL(req.url ?? '/', 'http://gateway.invalid').pathname;
      try {
        // Liveness and readiness: no token, any Host (access/doors.ts, PROBE_PATHS).
        if (PROBE_PATHS.has(pathname)) {
          if (await serveOperations(req, res, endpoints)) return;
          return graphql(req, res);
        }
        const front = doors.front(req, `${req.method} ${pathname}`);
        for (const [name, value] of Object.entries(front.headers)) res.setHeader(name, value);
        if (front.preflight) return void res.writeHead(204).end();
        // Metrics tell how the hub is used: operators only.
        if (isOperationsPath(pathname)) {
          await doors.admit(req, `${req.method} ${pathname}`, 'operations:read');
          if (await serveOperations(req, res, endpoints)) return;
        }
        // GraphQL needs a valid token; the explorer's page and files, the live page and health checks do not.
        if (pathname === GRAPHQL_PATH && !isExplorerPage(req, options.explorer !== false)) {
          admitted.set(req, await doors.admit(req, 'graphql', undefined));
        } else {
          const scope = scopes.map((scopeOf) => scopeOf(pathname)).find((s) => s !== undefined);
          if (scope !== undefined) admitted.set(req, await doors.admit(req, `${req.method} ${pathname}`, scope));
        }
      } catch (error) {
        if (error instanceof AccessError) return sendGraphqlRefusal(req, res, error);
        throw error;
      }
      for (const handle of handlers) if (await handle(req, res)) return;
      graphql(req, res);
    })().catch((error: unknown) => {
      const failure = internalError(error, (message) => log.error(`gateway: ${message}`), 'the gateway failed to answer this request');
      if (!res.headersSent) sendError(req, res, failure);
      else res.destroy();
    });
  });
  try {
    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(options.port, options.host, () => {
        httpServer.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    for (const extension of extensions.reverse()) await extension.close?.().catch(() => undefined);
    await server.stop();
    throw error;
  }
  const port = (httpServer.address() as AddressInfo).port;
  const hostForUrl = options.host.includes(':') ? `[${options.host}]` : options.host;

  return {
    url: `http://${hostForUrl}:${port}${GRAPHQL_PATH}`,
    port,
    supergraph,
    subgraphs: options.subgraphs.map((s) => ({ name: s.name, via: 'url' in s ? s.url : 'in process' })),
    core,
    responseCache,
    close: () =>
      (closing ??= (async () => {
        for (const extension of [...extensions].reverse()) {
          await extension.close?.().catch((error) => log.error(`gateway: closing an extension: ${String(error)}`));
        }
        const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
        httpServer.closeIdleConnections();
        const force = setTimeout(() => httpServer.closeAllConnections(), 5_000);
        await closed;
        clearTimeout(force);
        await server.stop();
      })()),
  };
}
