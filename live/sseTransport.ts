/**
 * graphql-sse (GraphQL over Server-Sent Events) for clients and proxies that
 * cannot hold a WebSocket: a thin adapter around {@link LiveOperations}.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ExecutionResult, GraphQLError } from 'graphql';
import { createHandler } from 'graphql-sse/lib/use/http';
import { whenExpired } from '../access/expiry';
import { OPEN_PRINCIPAL, type Principal } from '../access/principal';
import type { LiveOperations } from './operations';

export type SseHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * `principalOf` tells who sent a request (admitted by the gateway's doors
 * from its Authorization header); an event stream ends when that token expires.
 */
export function createSseHandler(operations: LiveOperations, principalOf: (req: IncomingMessage) => Principal = () => OPEN_PRINCIPAL): SseHandler {
  // The event stream of each reservation (single connection mode), by its token.
  const streams = new Map<string, ServerResponse>();
  const handler = createHandler({
    schema: operations.schema,
    onSubscribe: (req, params) => {
      const prepared = operations.prepare({ query: params.query as string, variables: params.variables, operationName: params.operationName }, undefined, principalOf(req.raw), req.raw.headers.authorization);
      // graphql-sse's protocol: errors before execution go in the accepted event
      // stream, as a `next` event and `complete`. (graphql-sse takes a plain
      // `{ errors }` for execution arguments and answers 400 "Unable to detect
      // operation AST", losing them; a stream of one result is sent as it is.)
      if (Array.isArray(prepared)) return errorsOnly(prepared);
      return prepared as never;
    },
    execute: (args) => operations.execute(args),
    subscribe: (args) => operations.subscribe(args),
    // graphql-sse takes each result as soon as it comes and keeps what its
    // client has not read in memory, without bound. Holding the next result
    // back until the event stream has flushed the last one leaves unread
    // changes in the subscription's queue, which is bounded and coalesces
    // (docs/live.md, Slow subscribers), as graphql-ws's awaited sends do.
    onNext: async (_ctx, req) => {
      const token = streamToken(req.raw);
      const stream = token === undefined ? req.context.res : streams.get(token);
      if (stream) await flushed(stream);
    },
  });
  return async (req, res) => {
    if ((req.headers.accept ?? '').includes('text/event-stream')) {
      const cancel = whenExpired(principalOf(req), () => res.end());
      res.once('close', cancel);
    }
    const token = streamToken(req);
    if (token !== undefined && (req.headers.accept ?? '').includes('text/event-stream')) {
      streams.set(token, res);
      res.once('close', () => {
        if (streams.get(token) === res) streams.delete(token);
      });
    }
    await handler(req, res);
  };
}

/** The reservation token a request names (single connection mode), as graphql-sse reads it. */
function streamToken(req: IncomingMessage): string | undefined {
  const header = req.headers['x-graphql-event-stream-token'];
  if (typeof header === 'string' && header !== '') return header;
  return new URL(req.url ?? '/', 'http://localhost').searchParams.get('token') ?? undefined;
}

/** Resolves once the response has handed everything written to it to the kernel, or is closed. */
async function flushed(res: ServerResponse): Promise<void> {
  while (res.writableLength > 0 && !res.destroyed && !res.writableEnded) {
    // No event says "all written": 'drain' comes only after a write that overflowed the buffer.
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
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
