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
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import { composeSupergraph, type NullabilityMode, type Supergraph } from './compose';
import { createGatewayContext, HttpDataSource, InProcessDataSource, type GatewayContext } from './dataSources';
import { EXAMPLE_QUERIES } from './exampleQueries';
import { createExplorer } from './explorer';
import { createGraphQLRequestListener } from './http';

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

export interface GatewayOptions {
  readonly subgraphs: readonly GatewaySubgraph[];
  readonly host: string;
  /** 0 = any free port. */
  readonly port: number;
  /** Default `boundary`: see gateway/boundaryNullability.ts. */
  readonly nullability?: NullabilityMode;
  /** Serve the explorer to browsers (default true). */
  readonly explorer?: boolean;
  readonly log?: GatewayLogger;
  /** Called with the query plan of every operation (from the plan cache or new); for tests. */
  readonly onQueryPlan?: (plan: QueryPlan) => void;
}

export interface RunningGateway {
  /** `http://host:port/graphql` */
  readonly url: string;
  readonly port: number;
  readonly supergraph: Supergraph;
  /** How each subgraph is reached: `in process` or its URL. */
  readonly subgraphs: ReadonlyArray<{ readonly name: string; readonly via: string }>;
  /** Stops accepting requests, lets running ones finish, stops the gateway. Idempotent. */
  close(): Promise<void>;
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
  const supergraph = composeSupergraph(
    options.subgraphs.map((s) => ({ name: s.name, sdl: s.sdl, url: 'url' in s ? s.url : `in-process://${s.name}` })),
    { nullability: options.nullability },
  );
  for (const hint of supergraph.hints) log.debug(`composition hint: ${hint}`);
  if (supergraph.relaxed.length > 0) {
    log.debug(`nullable at subgraph boundaries: ${supergraph.relaxed.map((f) => `${f.type}.${f.field}`).join(', ')}`);
  }

  const dataSources = new Map<string, GraphQLDataSource<Record<string, unknown>>>();
  for (const subgraph of options.subgraphs) {
    dataSources.set(subgraph.name, 'url' in subgraph ? new HttpDataSource(subgraph.name, subgraph.url) : new InProcessDataSource(subgraph.name, subgraph.schema));
  }

  const gateway = new ApolloGateway({
    supergraphSdl: supergraph.supergraphSdl,
    buildService: ({ name }) => {
      const source = dataSources.get(name);
      if (!source) throw new Error(`the supergraph names a subgraph "${name}" that the gateway was not given`);
      return source;
    },
    // The fetch documents are handed to the data sources parsed, so in-process subgraphs skip parsing.
    queryPlannerConfig: { exposeDocumentNodeInFetchNode: true },
    // The query plan cache is on by default (an LRU keyed by the operation's hash); nothing to switch on.
    experimental_didResolveQueryPlan: options.onQueryPlan ? ({ queryPlan }) => options.onQueryPlan!(queryPlan) : undefined,
    logger: log,
  });

  const server = new ApolloServer<GatewayContext>({
    gateway,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    // A read-only API (queries only): CSRF prevention would refuse the plain
    // GET requests that GraphQL over HTTP allows, and protects no write.
    csrfPrevention: false,
    plugins: [ApolloServerPluginLandingPageDisabled()],
    formatError: withResponsePath,
    logger: log,
  });
  await server.start();

  const listener = createGraphQLRequestListener<GatewayContext>({
    server,
    context: async () => createGatewayContext(),
    path: GRAPHQL_PATH,
    explorer: options.explorer === false ? undefined : createExplorer(GRAPHQL_PATH, EXAMPLE_QUERIES),
    onError: (error) => log.debug(`gateway http: ${error instanceof Error ? error.message : String(error)}`),
  });
  const httpServer = http.createServer(listener);
  try {
    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(options.port, options.host, () => {
        httpServer.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await server.stop();
    throw error;
  }
  const port = (httpServer.address() as AddressInfo).port;
  const hostForUrl = options.host.includes(':') ? `[${options.host}]` : options.host;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${hostForUrl}:${port}${GRAPHQL_PATH}`,
    port,
    supergraph,
    subgraphs: options.subgraphs.map((s) => ({ name: s.name, via: 'url' in s ? s.url : 'in process' })),
    close: () =>
      (closing ??= (async () => {
        const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
        httpServer.closeIdleConnections();
        const force = setTimeout(() => httpServer.closeAllConnections(), 5_000);
        await closed;
        clearTimeout(force);
        await server.stop();
      })()),
  };
}
