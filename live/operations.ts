/**
 * What every live transport (graphql-ws, graphql-sse) does with an operation,
 * independent of the transport: parse (within the token limit) and validate
 * against the subscription schema, ask the gateway's operation guard (field
 * scopes, limits), subscribe through the change feed, and send queries and
 * mutations to the federated gateway.
 */
import {
  createSourceEventStream, getOperationAST, getVariableValues, GraphQLError, Kind, parse, print, validate, type DocumentNode,
  type ExecutionArgs, type ExecutionResult, type GraphQLSchema, type OperationDefinitionNode,
} from 'graphql';
import { OPEN_PRINCIPAL, type Principal } from '../access/principal';
import type { OpenSubscriber, SubscriptionContext } from './fanout';
import { responseKeyResolver, type FederatedExecutor } from './subscriptionSchema';

export interface OperationParams {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

/** Where an operation came from, for the audit log of a refusal: `graphql-ws` or `graphql-sse`, and the client's address. */
export interface LiveOrigin {
  readonly door: string;
  readonly client: string | null;
}

/**
 * Who may run which operation, as the gateway decides it for every path
 * (gateway/operationGuard.ts): declared here, so that live depends on no
 * gateway module.
 */
export interface OperationGate {
  /** Parses within the token limit; throws a GraphQLError (TOKEN_LIMIT_EXCEEDED past it). */
  parse(source: string, origin: LiveOrigin, principal: Principal): DocumentNode;
  /** The errors refusing the operation for `principal` (limits, field scopes), recorded in the audit log; undefined when it may run. */
  check(request: {
    document: DocumentNode; operation: OperationDefinitionNode; variables: Record<string, unknown> | null | undefined; principal: Principal; origin: LiveOrigin;
  }): { readonly errors: readonly GraphQLError[] } | undefined;
}

export interface LiveOperations {
  readonly schema: GraphQLSchema;
  /**
   * Execution arguments, or the errors that make the operation unacceptable
   * (GraphQL-spec'd messages with locations). `open` makes the transport's
   * subscriber of a subscription (default: a queue the transport pulls from).
   * `principal` (default: the open one of AUTH=off) is whom its payloads are
   * read for; `credential` its Authorization, for subgraph processes;
   * `origin` where it came from, for the audit log.
   */
  prepare(params: OperationParams, open?: OpenSubscriber, principal?: Principal, credential?: string, origin?: LiveOrigin): ExecutionArgs | readonly GraphQLError[];
  /** Queries and mutations: through the gateway, like any HTTP request. */
  execute(args: ExecutionArgs): Promise<ExecutionResult>;
  /**
   * Subscriptions: joins the fan-out, which delivers each matching change's
   * payload to the subscriber; what it returns is that subscriber (an async
   * iterable until it ends) or the errors of its arguments.
   */
  subscribe(args: ExecutionArgs): Promise<AsyncIterable<ExecutionResult> | ExecutionResult>;
}

/** Without a gate (tests of the transports alone), any operation may run and documents are parsed without a token limit. */
const OPEN_GATE: OperationGate = { parse: (source) => parse(source), check: () => undefined };

export function createLiveOperations(schema: GraphQLSchema, federated: FederatedExecutor, gate: OperationGate = OPEN_GATE): LiveOperations {
  const documents = new Map<string, DocumentNode>();
  return {
    schema,
    prepare({ query, variables, operationName }, open, principal = OPEN_PRINCIPAL, credential, origin = { door: 'graphql-ws', client: null }) {
      if (typeof query !== 'string' || query.trim() === '') {
        return [new GraphQLError(`expected "query" to be a non-empty GraphQL document, got ${JSON.stringify(query)}`, { extensions: { code: 'BAD_REQUEST' } })];
      }
      let document = documents.get(query);
      if (!document) {
        try {
          document = gate.parse(query, origin, principal);
        } catch (error) {
          if (error instanceof GraphQLError && error.extensions.code !== undefined) return [error];
          return [error instanceof GraphQLError ? withCode(error, 'GRAPHQL_PARSE_FAILED') : new GraphQLError(String(error))];
        }
        const errors = validate(schema, document);
        if (errors.length > 0) return errors.map((e) => withCode(e, 'GRAPHQL_VALIDATION_FAILED'));
        if (documents.size > 1000) documents.clear();
        documents.set(query, document);
      }
      // Which operation, and its variables, are checked here too, so that every
      // error before execution reaches the client the same way: as a graphql-ws
      // `error` message, or in graphql-sse's event stream.
      const operation = getOperationAST(document, operationName);
      if (!operation) return [operationNotFound(document, operationName)];
      const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {});
      if (coerced.errors) return coerced.errors.map((e) => withCode(e, 'BAD_USER_INPUT'));
      // Refused at subscribe time, before anything is subscribed or executed.
      const refusal = gate.check({ document, operation, variables, principal, origin });
      if (refusal) return refusal.errors;
      const args: ExecutionArgs = {
        schema, document, variableValues: variables ?? undefined, operationName: operationName ?? undefined, fieldResolver: responseKeyResolver,
      };
      const context: SubscriptionContext = { request: args, open, principal, credential };
      args.contextValue = context;
      return args;
    },
    // Formatted errors are plain objects: what the transports serialize anyway.
    execute: (args) => {
      const { principal, credential } = args.contextValue as SubscriptionContext;
      return federated(print(args.document), (args.variableValues ?? {}) as Record<string, unknown>, args.operationName ?? undefined, principal, credential) as Promise<ExecutionResult>;
    },
    // Not graphql-js's `subscribe`, which executes every change for every subscriber: the fan-out executes once per group.
    subscribe: (args) => createSourceEventStream(args) as Promise<AsyncIterable<ExecutionResult> | ExecutionResult>,
  };
}

function operationNotFound(document: DocumentNode, operationName: string | null | undefined): GraphQLError {
  const names = document.definitions.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION ? [d.name?.value ?? '(anonymous)'] : []));
  const message = operationName
    ? `expected operationName to name an operation of the document (${names.join(', ') || 'none'}), got "${operationName}"`
    : `the document has ${names.length} operations (${names.join(', ')}): expected operationName to name the one to run`;
  return new GraphQLError(message, { extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } });
}

function withCode(error: GraphQLError, code: string): GraphQLError {
  return new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, path: error.path, extensions: { ...error.extensions, code } });
}
