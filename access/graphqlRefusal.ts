/**
 * A refusal of the doors answered to a GraphQL client (the gateway's HTTP
 * path, graphql-sse): a GraphQL response with `errors` only, carrying the
 * refusal's HTTP status and headers (401 with its Bearer challenge, 403, 429).
 */
import type http from 'node:http';
import type { AccessError } from './accessError';

/** The body of a refusal as a GraphQL response: `errors` only, the message and the code. */
export function graphqlRefusalBody(error: AccessError): string {
  return JSON.stringify({ errors: [{ message: error.message, extensions: { code: error.code } }] });
}

/** A refusal of the doors as a GraphQL response: `errors` only, with the HTTP status and headers of the refusal. */
export function sendGraphqlRefusal(req: http.IncomingMessage, res: http.ServerResponse, error: AccessError): void {
  if (res.headersSent) return void res.destroy();
  const body = graphqlRefusalBody(error);
  const contentType = /application\/graphql-response\+json/i.test(req.headers.accept ?? '') ? 'application/graphql-response+json; charset=utf-8' : 'application/json; charset=utf-8';
  res.writeHead(error.status, { ...error.headers(), ...(req.complete ? {} : { connection: 'close' }), 'content-type': contentType, 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
}
