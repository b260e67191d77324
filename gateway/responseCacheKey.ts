/**
 * The normalized request a cached response answers: the query text, the
 * operation name, the variables and extensions as canonical JSON (object keys
 * sorted, so `{"a":1,"b":2}` and `{"b":2,"a":1}` are one request) and the
 * Accept header (it chooses the response's media type). GET and POST of the
 * same operation are one request: Apollo Server answers them alike.
 */
import { canonicalJson } from '../events/canonical';

/**
 * The cache key of a GraphQL over HTTP request (and its query text), or undefined when the request
 * is not one the cache answers (a batch, no query text, variables that are not
 * JSON: Apollo Server answers those itself, with its errors).
 */
export function responseCacheKey(method: string, search: string, body: unknown, accept: string | undefined): { key: string; query: string } | undefined {
  let query: unknown;
  let operationName: unknown;
  let variables: unknown;
  let extensions: unknown;
  if (method === 'POST') {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
    ({ query, operationName, variables, extensions } = body as Record<string, unknown>);
  } else if (method === 'GET') {
    const params = new URLSearchParams(search);
    query = params.get('query') ?? undefined;
    operationName = params.get('operationName') ?? undefined;
    try {
      variables = jsonParam(params.get('variables'));
      extensions = jsonParam(params.get('extensions'));
    } catch {
      return undefined;
    }
  } else {
    return undefined;
  }
  if (typeof query !== 'string' || (operationName !== undefined && operationName !== null && typeof operationName !== 'string')) return undefined;
  return { key: JSON.stringify([query, operationName ?? null, canonicalJson(variables ?? null), canonicalJson(extensions ?? null), accept ?? '']), query };
}

function jsonParam(value: string | null): unknown {
  return value === null || value === '' ? undefined : JSON.parse(value);
}

/** The key of `request` among the answers of one partition of requesters (gateway/http.ts: their scopes and legal entities). */
export function inPartition(partition: string, request: { key: string; query: string } | undefined): { key: string; query: string } | undefined {
  return request && { key: JSON.stringify([partition, request.key]), query: request.query };
}
