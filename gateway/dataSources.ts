/**
 * How the gateway reaches a subgraph: in process (one-process mode) or over
 * HTTP (one process per subgraph). Both answer a failed subgraph the same way:
 * a GraphQL error with `extensions.code` that the gateway tags with
 * `extensions.serviceName`, instead of a thrown error (which @apollo/gateway
 * would report without naming the subgraph).
 */
import { RemoteGraphQLDataSource, type GraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { execute, parse, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { OPEN_PRINCIPAL, type Principal } from '../access/principal';
import { clientSafeError, type ErrorLog } from '../subgraphs/clientSafeError';
import { Deadline, DeadlineExceeded } from './deadline';
import type { RequestOrigin } from './operationGuard';
import type { Cacheability } from './responseCachePlugin';
import { traceHeaders, type Context } from '../observability/tracing';
import { traceParentOfFetch } from './fetchTrace';

/** Operation texts an in-process subgraph remembers as valid. */
const MAX_VALIDATED_TEXTS = 10_000;

/** `extensions.code` of the error given for a subgraph that cannot be reached or failed outright. */
export const SUBGRAPH_UNAVAILABLE = 'SUBGRAPH_UNAVAILABLE';

/** The per-request context object the gateway hands to the data sources. */
export interface GatewayContext {
  /** Who is asking (access/principal.ts): from the request's token, or OPEN_PRINCIPAL with AUTH=off. */
  readonly principal: Principal;
  /** The request's `Authorization` header as it came, forwarded to subgraph processes, which verify it themselves. */
  readonly credential: string | undefined;
  /** One fresh context object per subgraph per request, made on first use (see {@link InProcessDataSource}). */
  readonly subgraphContexts: Map<string, object>;
  /** Filled by gateway/responseCachePlugin.ts once the response is known. */
  readonly responseCacheability: { verdict?: Cacheability };
  /** Filled by gateway/requestMetrics.ts: the operation's name and whether it failed. */
  readonly operation: { name?: string; failed?: boolean };
  /** The request's execution deadline: once it passes, no subgraph is asked anything more for it. */
  readonly deadline: Deadline;
  /** Where the request came from (the audit log's door and client, for a refusal of the operation guard). */
  readonly origin: RequestOrigin;
  /** The gateway made the document from one its guard admitted (a subscription's payload batch): see gateway/operationGuard.ts. */
  readonly derived: boolean;
  /** While tracing: the request's span, parent of its subgraph fetches' spans (set by gateway/http.ts). */
  traceParent?: Context;
}

/** Where an operation executed through the core comes from: its door and client (default `graphql`, unknown), and whether it is derived. */
export interface ExecutionOrigin {
  readonly door?: string;
  readonly client?: string | null;
  readonly derived?: boolean;
}

/**
 * A fresh gateway context: made once per incoming request, for the principal the doors admitted;
 * `executionTimeoutMs` starts its deadline (default none).
 */
export function createGatewayContext(principal: Principal = OPEN_PRINCIPAL, credential?: string, executionTimeoutMs = Infinity, origin: ExecutionOrigin = {}): GatewayContext {
  return {
    principal, credential, subgraphContexts: new Map(), responseCacheability: {}, operation: {}, deadline: new Deadline(executionTimeoutMs),
    origin: { door: origin.door ?? 'graphql', client: origin.client ?? null }, derived: origin.derived ?? false,
  };
}

/** The request's deadline, when the context has one (a context made elsewhere, e.g. in a test, may not). */
function deadlineOf(context: unknown): Deadline | undefined {
  return (context as Partial<GatewayContext> | undefined)?.deadline;
}

/** Runs a subgraph fetch within the request's deadline: not at all once it has passed, and no longer than it. */
async function withinDeadline(context: unknown, fetch: () => Promise<GatewayGraphQLResponse>): Promise<GatewayGraphQLResponse> {
  const deadline = deadlineOf(context);
  if (!deadline) return fetch();
  if (deadline.exceeded) return { errors: [deadline.exceeded.toGraphQLError()] };
  try {
    return await deadline.race(fetch());
  } catch (error) {
    if (error instanceof DeadlineExceeded) return { errors: [error.toGraphQLError()] };
    throw error;
  }
}

/**
 * Calls a subgraph's schema in this process. Each gateway request gets, per
 * subgraph, one fresh context object shared by all of that request's fetches
 * to the subgraph: the subgraphs key their per-request DataLoaders by the
 * context object, so loaders live exactly one request, as they do when the
 * subgraph runs in its own process. The query planner's fetch documents are
 * reused as they are (no parse) and validated once per operation text: every
 * plan has document objects of its own, and plans of different operations
 * (a live payload's batch sizes, say) send the same entity fetch; validating
 * it again per plan took 20–80 ms of the main thread at a time.
 */
export class InProcessDataSource implements GraphQLDataSource<Record<string, unknown>> {
  /** Operation texts that passed validation (bounded: forgotten all at once when full). */
  private readonly validatedTexts = new Set<string>();
  /** Documents without a text that passed validation. */
  private readonly validatedDocuments = new WeakSet<DocumentNode>();
  private readonly parsed = new Map<string, DocumentNode>();
  /** Validations run (for tests). */
  validations = 0;

  constructor(
    readonly name: string,
    private readonly schema: GraphQLSchema,
    /** Where an error's hidden detail goes under the id its client is told (default stderr). */
    private readonly errorLog?: ErrorLog,
  ) {}

  process(options: GraphQLDataSourceProcessOptions<Record<string, unknown>>): Promise<GatewayGraphQLResponse> {
    return withinDeadline(options.context, () => this.execute(options));
  }

  private async execute(options: GraphQLDataSourceProcessOptions<Record<string, unknown>>): Promise<GatewayGraphQLResponse> {
    try {
      const { request } = options;
      const document = ('document' in options && options.document) || this.parse(request.query ?? '');
      const text = request.query;
      if (text !== undefined ? !this.validatedTexts.has(text) : !this.validatedDocuments.has(document)) {
        this.validations++;
        const errors = validate(this.schema, document);
        if (errors.length > 0) return { errors: errors.map((e) => e.toJSON()) };
        if (text === undefined) this.validatedDocuments.add(document);
        else {
          if (this.validatedTexts.size >= MAX_VALIDATED_TEXTS) this.validatedTexts.clear();
          this.validatedTexts.add(text);
        }
      }
      const result = await execute({
        schema: this.schema,
        document,
        variableValues: request.variables,
        operationName: request.operationName,
        contextValue: this.subgraphContext(options.context),
      });
      return {
        ...(result.data !== undefined ? { data: result.data as Record<string, unknown> | null } : {}),
        // Postgres's own text or a bug's message never reaches a client (subgraphs/clientSafeError.ts).
        ...(result.errors ? { errors: result.errors.map((e) => clientSafeError(e, this.errorLog)) } : {}),
      };
    } catch (error) {
      return unavailable(this.name, error);
    }
  }

  private parse(query: string): DocumentNode {
    let document = this.parsed.get(query);
    if (!document) {
      document = parse(query);
      if (this.parsed.size >= 1000) this.parsed.clear();
      this.parsed.set(query, document);
    }
    return document;
  }

  private subgraphContext(context: unknown): object {
    const contexts = (context as Partial<GatewayContext> | undefined)?.subgraphContexts;
    if (!contexts) return {};
    let own = contexts.get(this.name);
    if (!own) {
      // Who is asking, for the fields that act on it (the operator's desk records who dismissed).
      own = { principal: (context as Partial<GatewayContext>).principal ?? OPEN_PRINCIPAL };
      contexts.set(this.name, own);
    }
    return own;
  }
}

/**
 * The data source of a subgraph an extension of the gateway executes itself
 * (the subscriptions): composed so that clients see its types, but no query
 * plan reaches it (its root fields are subscriptions, refused over HTTP
 * before planning; its entities are references only). Should a plan ever
 * reach it, the fetch fails as an unavailable subgraph, naming it.
 */
export class ServedByExtensionDataSource implements GraphQLDataSource<Record<string, unknown>> {
  constructor(readonly name: string) {}

  async process(): Promise<GatewayGraphQLResponse> {
    return unavailable(this.name, new Error('its fields are served by the gateway itself over WebSocket or Server-Sent Events, never fetched'));
  }
}

/** How long the gateway waits for a subgraph's answer before giving up on it. */
export const DEFAULT_SUBGRAPH_TIMEOUT_MS = 30_000;

/**
 * Connections the gateway opens to one subgraph at most; more fetches at once
 * wait for one of them. Apollo's fetcher opens as many as there are fetches in
 * flight (`maxSockets: Infinity`), and a subgraph process refuses a client's
 * connections past CONNECTIONS_PER_CLIENT (default 64) with 429: a burst of
 * subscription payloads (one federated query per visibility and selection)
 * goes past it. Half the default leaves room for a second gateway on one host.
 */
export const MAX_CONNECTIONS_PER_SUBGRAPH = 32;

/**
 * Calls a subgraph over HTTP. A refused connection, a timeout or a non-GraphQL
 * answer becomes one error `SUBGRAPH_UNAVAILABLE` naming the subgraph, and the
 * rest of the query plan goes on.
 */
export class HttpDataSource extends RemoteGraphQLDataSource<Record<string, unknown>> {
  constructor(
    readonly name: string,
    url: string,
    timeoutMs = DEFAULT_SUBGRAPH_TIMEOUT_MS,
  ) {
    super({ url });
    // Apollo's fetcher (make-fetch-happen) waits forever by default: a hung
    // subgraph would hang every request that needs it.
    const fetcher = this.fetcher;
    this.fetcher = (input, init) => fetcher(input, { ...init, timeout: timeoutMs, maxSockets: MAX_CONNECTIONS_PER_SUBGRAPH } as typeof init);
  }

  /**
   * Carries the request's credential (the client's own `Authorization`, which
   * the subgraph process verifies itself and scopes its rows by) and the
   * trace (the fetch's span, while tracing) to the subgraph's process.
   */
  override willSendRequest({ request, context: gatewayContext }: Parameters<NonNullable<RemoteGraphQLDataSource['willSendRequest']>>[0]): void {
    const credential = (gatewayContext as Partial<GatewayContext> | undefined)?.credential;
    if (credential !== undefined) request.http?.headers.set('authorization', credential);
    const parent = traceParentOfFetch(request);
    if (!parent) return;
    for (const [name, value] of Object.entries(traceHeaders(parent))) request.http?.headers.set(name, value);
  }

  override process(options: GraphQLDataSourceProcessOptions<Record<string, unknown>>): Promise<GatewayGraphQLResponse> {
    return withinDeadline(options.context, async () => {
      try {
        return await super.process(options);
      } catch (error) {
        // A kept-alive connection the subgraph closed as idle just as it was reused: the fetch never reached the
        // subgraph, and a read may be sent again.
        if (!closedUnderUs(error)) return unavailable(this.name, error, this.url);
        try {
          return await super.process(options);
        } catch (again) {
          return unavailable(this.name, again, this.url);
        }
      }
    });
  }
}

function closedUnderUs(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ECONNRESET' || (error instanceof Error && /socket hang up/.test(error.message));
}

function unavailable(name: string, error: unknown, url?: string): GatewayGraphQLResponse {
  const reason = error instanceof Error ? error.message : String(error);
  return {
    errors: [{
      message: `subgraph "${name}" is unavailable${url ? ` at ${url}` : ''}: ${reason}`,
      extensions: { code: SUBGRAPH_UNAVAILABLE },
    }],
  };
}
