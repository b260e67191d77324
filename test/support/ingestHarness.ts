/** A disposable ingest server on a fresh migrated database, for the ingest integration tests. */
import { startIngestServer, type IngestServer } from '../../ingest/server';
import { createTestDatabase } from './testDatabase';

export interface HttpAnswer {
  readonly status: number;
  readonly headers: Headers;
  /** The parsed JSON body (every ingest answer is JSON). */
  readonly body: any;
}

export interface IngestHarness {
  readonly db: Awaited<ReturnType<typeof createTestDatabase>>;
  readonly server: IngestServer;
  readonly baseUrl: string;
  /** POST /events; a string body is sent as is, anything else as JSON. */
  post(body: unknown, contentType?: string): Promise<HttpAnswer>;
  request(method: string, path: string, init?: RequestInit): Promise<HttpAnswer>;
  close(): Promise<void>;
}

export async function startIngestHarness(): Promise<IngestHarness> {
  const db = await createTestDatabase();
  const server = await startIngestServer({ pool: db.pool, host: '127.0.0.1', port: 0 });
  const baseUrl = `http://127.0.0.1:${server.port}`;
  const request = async (method: string, path: string, init: RequestInit = {}): Promise<HttpAnswer> => {
    const response = await fetch(baseUrl + path, { ...init, method });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text === '' ? undefined : JSON.parse(text) };
  };
  return {
    db,
    server,
    baseUrl,
    request,
    post: (body, contentType = 'application/json') =>
      request('POST', '/events', { headers: { 'content-type': contentType }, body: typeof body === 'string' ? body : JSON.stringify(body) }),
    async close() {
      await server.close();
      await db.drop();
    },
  };
}
