/**
 * What every live transport (graphql-ws, graphql-sse) does with an operation,
 * independent of the transport: parse and validate against the subscription
 * schema, subscribe through the change feed, and send queries and mutations
 * to the federated gateway.
 */
import {
  createSourceEventStream, getOperationAST, getVariableValues, GraphQLError, Kind, parse, print, validate, type DocumentNode,
  type ExecutionArgs, type ExecutionResult, type GraphQLSchema,
} from 'graphql';
import { OPEN_PRINCIPAL, type Principal } from '../access/principal';
import type { OpenSubscriber, SubscriptionContext } from './fanout';
import { responseKeyResolver, type FederatedExecutor } from './subscriptionSchema';

export interface OperationParams {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

export interface LiveOperations {
  readonly schema: GraphQLSchema;
  /**
   * Execution arguments, or the errors that make the operation unacceptable
   * (GraphQL-spec'd messages with locations). `open` makes the transport's
   * subscriber of a subscription (default: a queue the transport pulls from).
   * `principal` (default: the open one of AUTH=off) is whom its payloads are
   * read for; `credential` its Authorization, for subgraph processes.
   */
  prepare(params: OperationParams, open?: OpenSubscriber, principal?: Principal, credential?: string): ExecutionArgs | readonly GraphQLError[];
  /** Queries and mutations: through the gateway, like any HTTP request. */
  execute(args: ExecutionArgs): Promise<ExecutionResult>;
  /**
   * Subscriptions: joins the fan-out, which delivers each matching change's
   * payload to the subscriber; what it returns is that subscriber (an async
   * iterable until it ends) or the errors of its arguments.
   */
  subscribe(args: ExecutionArgs): Promise<AsyncIterable<ExecutionResult> | ExecutionResult>;
}

export function createLiveOperations(schema: GraphQLSchema, federated: FederatedExecutor): LiveOperations {
  const documents = new Map<string, DocumentNode>();
  return {
    schema,
    prepare({ query, variables, operationName }, open, principal = OPEN_PRINCIPAL, credential) {
      if (typeof query !== 'string' || query.trim() === '') {
        return [new GraphQLError(`expected "query" to be a non-empty GraphQL document, got ${JSON.stringify(query)}`, { extensions: { code: 'BAD_REQUEST' } })];
      }
      let document = documents.get(query);
      if (!document) {
        try {
          document = parse(query);
        } catch (error) {
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
