/**
 * A request a server answers itself with an error: its status, the
 * `extensions.code` a client can act on, and a message saying what was
 * expected and what arrived — as a GraphQL response, so a GraphQL client
 * reads it like any other error. Shared by every HTTP server of the hub.
 */
import type http from 'node:http';

const GRAPHQL_RESPONSE_JSON = 'application/graphql-response+json; charset=utf-8';
const APPLICATION_JSON = 'application/json; charset=utf-8';

export class HttpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly headers: Record<string, string> = {}) {
    super(message);
  }
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
  const body = JSON.stringify({ errors: [{ message: error.message, extensions: { code: error.code } }] });
  res.writeHead(error.status, { ...error.headers, 'content-type': contentType, 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
}
