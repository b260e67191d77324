/**
 * graphql-sse (GraphQL over Server-Sent Events) for clients and proxies that
 * cannot hold a WebSocket: a thin adapter around {@link LiveOperations}.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ExecutionResult, GraphQLError } from 'graphql';
import { createHandler } from 'graphql-sse/lib/use/http';
import type { LiveOperations } from './operations';

export type SseHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export function createSseHandler(operations: LiveOperations): SseHandler {
  const handler = createHandler({
    schema: operations.schema,
    onSubscribe: (_req, params) => {
      const prepared = operations.prepare({ query: params.query as string, variables: params.variables, operationName: params.operationName });
      // graphql-sse's protocol: errors before execution go in the accepted event
      // stream, as a `next` event and `complete`. (graphql-sse takes a plain
      // `{ errors }` for execution arguments and answers 400 "Unable to detect
      // operation AST", losing them; a stream of one result is sent as it is.)
      if (Array.isArray(prepared)) return errorsOnly(prepared);
      return prepared as never;
    },
    execute: (args) => operations.execute(args),
    subscribe: (args) => operations.subscribe(args),
  });
  return (req, res) => handler(req, res);
}

async function* errorsOnly(errors: readonly GraphQLError[]): AsyncGenerator<ExecutionResult> {
  yield { errors };
}

/** Whether a request to the GraphQL path is meant for graphql-sse (event streams and their reservations). */
export function isSseRequest(req: IncomingMessage): boolean {
  const accept = req.headers.accept ?? '';
  return accept.includes('text/event-stream') || req.method === 'PUT' || req.method === 'DELETE'
    || req.headers['x-graphql-event-stream-token'] !== undefined;
}
