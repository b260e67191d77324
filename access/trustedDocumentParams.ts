/**
 * Trusted documents on a GraphQL over HTTP request (the gateway's HTTP path,
 * graphql-sse): a GET's query string or a POST's body rewritten as the server
 * behind should read it, with a document id (`documentId`, or
 * `extensions.persistedQuery.sha256Hash`) replaced by its listed document.
 * Neither Apollo Server nor graphql-sse reads `documentId` (and Apollo
 * Server's own persisted queries know only the hashes it cached), so the
 * resolution comes before them. access/trustedDocuments.ts decides; this file
 * only reads and writes the request's parameters.
 */
import { HttpError } from '../http/httpError';
import { AccessError } from './accessError';
import type { Doors, DoorRequest } from './doors';
import type { Principal } from './principal';
import type { DocumentParams, ResolvedDocument } from './trustedDocuments';

/** A GraphQL over HTTP request's parameters: in the query string (GET) or the JSON body (POST). */
export interface GraphQLHttpParams {
  readonly method: string;
  /** The URL's search part, `?query=…` (GET). */
  readonly search: string;
  /** The parsed JSON body (POST); undefined for GET. */
  readonly body: unknown;
}

/** Resolves one operation's parameters; throws to refuse the request. */
export type ResolveDocument = (params: DocumentParams, operationName: unknown) => ResolvedDocument;

/**
 * A request's parameters with its document resolved by the doors' trusted
 * documents (refusals audited there, access/doors.ts).
 * @throws {HttpError} 400 with the refusal's code, as the HTTP servers answer it.
 */
export function resolveAtDoor(doors: Doors, req: DoorRequest, door: string, principal: Principal | null, request: GraphQLHttpParams): GraphQLHttpParams {
  try {
    return resolveHttpParams(request, (params, operationName) => doors.document(req, door, principal, params, operationName));
  } catch (error) {
    if (error instanceof AccessError) throw new HttpError(error.status, error.code, error.message);
    throw error;
  }
}

export function resolveHttpParams(request: GraphQLHttpParams, resolve: ResolveDocument): GraphQLHttpParams {
  if (request.method === 'GET') return { ...request, search: resolveSearch(request.search, resolve) };
  if (request.method !== 'POST') return request;
  const { body } = request;
  // A batch: each operation on its own (Apollo Server refuses batches unless they are switched on).
  if (Array.isArray(body)) return { ...request, body: body.map((operation) => resolveBody(operation, resolve)) };
  return { ...request, body: resolveBody(body, resolve) };
}

function resolveBody(body: unknown, resolve: ResolveDocument): unknown {
  // Not an operation: Apollo Server answers it with its own 400.
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  const { documentId, ...rest } = body as Record<string, unknown>;
  const resolved = resolve({ query: rest.query, documentId, extensions: rest.extensions }, rest.operationName);
  if (!resolved.changed && documentId === undefined) return body;
  const rewritten: Record<string, unknown> = { ...rest, query: resolved.query };
  if (resolved.extensions === undefined) delete rewritten.extensions;
  else rewritten.extensions = resolved.extensions;
  return rewritten;
}

function resolveSearch(search: string, resolve: ResolveDocument): string {
  const params = new URLSearchParams(search);
  let extensions: unknown;
  let readable = true;
  const rawExtensions = params.get('extensions');
  try {
    extensions = rawExtensions === null || rawExtensions === '' ? undefined : JSON.parse(rawExtensions);
  } catch {
    // Apollo Server answers extensions that are not JSON with its own 400 (left as they are); the document is still checked.
    readable = false;
  }
  const resolved = resolve({ query: params.get('query') ?? undefined, documentId: params.get('documentId') ?? undefined, extensions }, params.get('operationName'));
  if (!resolved.changed && !params.has('documentId')) return search;
  params.delete('documentId');
  if (typeof resolved.query === 'string') params.set('query', resolved.query);
  if (readable && resolved.extensions === undefined) params.delete('extensions');
  else if (readable) params.set('extensions', JSON.stringify(resolved.extensions));
  const rewritten = params.toString();
  return rewritten === '' ? '' : `?${rewritten}`;
}
