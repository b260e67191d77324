/** A plain keep-alive HTTP client for benchmarks (node:http, no fetch overhead). */
import http from 'node:http';

export interface Answer { status: number; body: string; headers: http.IncomingHttpHeaders }

/** `headers`: extra request headers (e.g. Cache-Control); the answer carries the response's headers. */
export function request(
  agent: http.Agent, url: string, method: string, body?: string, contentType = 'application/json', headers: Readonly<Record<string, string>> = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      method, agent,
      headers: body === undefined ? { ...headers } : { ...headers, 'content-type': contentType, 'content-length': Buffer.byteLength(body) },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), headers: res.headers }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A GraphQL POST body. */
export function graphqlBody(query: string, variables: Record<string, unknown> = {}): string {
  return JSON.stringify({ query, variables });
}
