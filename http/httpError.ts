/**
 * A request a server answers itself with an error: its status, the
 * `extensions.code` a client can act on, and a message saying what was
 * expected and what arrived — as a GraphQL response, so a GraphQL client
 * reads it like any other error. Shared by every HTTP server of the hub.
 */
import { randomUUID } from 'node:crypto';
import type http from 'node:http';

const GRAPHQL_RESPONSE_JSON = 'application/graphql-response+json; charset=utf-8';
const APPLICATION_JSON = 'application/json; charset=utf-8';

export class HttpError extends Error {
  constructor(
    readonly status: number, readonly code: string, message: string, readonly headers: Record<string, string> = {},
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/**
 * A failure of the server's own: the client is told an error id and nothing
 * of the failure; `log` gets the whole failure under that id.
 */
export function internalError(error: unknown, log: (message: string) => void, what = 'the server failed to answer this request'): HttpError {
  const errorId = randomUUID();
  log(`error ${errorId}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  return new HttpError(500, 'INTERNAL_SERVER_ERROR', `${what} (error id ${errorId})`, {}, { errorId });
}

/** Answers an HttpError as a GraphQL response with `extensions.code` (a connection with an unread body is closed after it). */
export function sendError(req: http.IncomingMessage, res: http.ServerResponse, error: HttpError): void {
  if (!req.complete) res.setHeader('connection', 'close');
  if (res.headersSent) {
    res.destroy();
    return;
  }
  // The GraphQL over HTTP media type when the client names it, else plain JSON.
  const contentType = /application\/graphql-response\+json/i.test(req.headers.accept ?? '') ? GRAPHQL_RESPONSE_JSON : APPLICATION_JSON;
  const body = JSON.stringify({ errors: [{ message: error.message, extensions: { code: error.code, ...error.extensions } }] });
  res.writeHead(error.status, { ...error.headers, 'content-type': contentType, 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
}
