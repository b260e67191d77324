/** A plain keep-alive HTTP client for benchmarks (node:http, no fetch overhead). */
import http from 'node:http';

export interface Answer { status: number; body: string }

export function request(agent: http.Agent, url: string, method: string, body?: string, contentType = 'application/json'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      method, agent,
      headers: body === undefined ? {} : { 'content-type': contentType, 'content-length': Buffer.byteLength(body) },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A GraphQL POST body. */
export function graphqlBody(query: string, variables: Record<string, unknown> = {}): string {
  return JSON.stringify({ query, variables });
}
