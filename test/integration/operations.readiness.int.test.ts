/**
 * GET /readyz follows Postgres: ready while it answers, 503 naming Postgres
 * when the server the test owns is really stopped, ready again once it is
 * started again on the same data; /healthz answers all along. On the ingest
 * port and the gateway port of one hub.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startHub, type RunningHub } from '../../cli/hub';
import { createLogger } from '../../cli/logger';
import { loadConfig } from '../../config/config';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../db/embeddedPostgres';
import pg from 'pg';
import { eventually } from '../support/eventually';

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function probe(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('readiness follows Postgres', () => {
  let dataDir: string;
  let pgPort: number;
  let postgres: EmbeddedPostgres | undefined;
  let hub: RunningHub;
  let ports: { ingest: string; gateway: string };
  const logged: string[] = [];

  before(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'sg-readiness-'));
    pgPort = await freePort();
    postgres = await startEmbeddedPostgres({ dataDir, port: pgPort, database: 'servicegraph' });
    const config = loadConfig({ DATABASE_URL: postgres.url, INGEST_PORT: '0', GATEWAY_PORT: '0', RESPONSE_CACHE_MB: '0', LOG_LEVEL: 'error', READ_TIMEOUT_SECONDS: '1' });
    // What the hub logs at warn and above: a client's error id must lead to its line.
    const quiet = createLogger('error');
    hub = await startHub(config, { ...quiet, warn: (line) => logged.push(line), error: (line) => { logged.push(line); quiet.error(line); } });
    ports = { ingest: hub.ingestUrl, gateway: hub.gateway!.url.replace(/\/graphql$/, '') };
  });

  after(async () => {
    await hub?.stop();
    await postgres?.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('is ready on every port while Postgres answers, every check named', async () => {
    for (const base of Object.values(ports)) {
      const ready = await probe(`${base}/readyz`);
      assert.equal(ready.status, 200, JSON.stringify(ready.body));
      assert.equal(ready.body.status, 'ready');
      assert.deepEqual(Object.keys(ready.body.checks as object).sort(), base === ports.gateway ? ['listeners', 'postgres', 'supergraph'] : ['listeners', 'postgres']);
    }
  });

  it('answers another method on a probe or /metrics with 405 and Allow, on every port', async () => {
    for (const base of Object.values(ports)) {
      for (const path of ['/healthz', '/readyz', '/metrics']) {
        const response = await fetch(`${base}${path}`, { method: 'POST', signal: AbortSignal.timeout(10_000) });
        const body = await response.json() as { error: { code: string; message: string } };
        assert.equal(response.status, 405, `POST ${base}${path}: ${JSON.stringify(body)}`);
        assert.match(response.headers.get('allow') ?? '', /GET/);
        assert.equal(body.error.code, 'METHOD_NOT_ALLOWED');
        assert.equal(body.error.message, `expected GET ${path}, got POST ${path}`);
      }
    }
  });

  const POSTGRES_TEXT = /ECONNREFUSED|statement timeout|canceling|terminating|relation|postgres/i;

  async function scrape(): Promise<{ status: number; type: string | null; text: string }> {
    const response = await fetch(`${ports.ingest}/metrics`, { signal: AbortSignal.timeout(10_000) });
    return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
  }

  it('answers a scrape the database holds past READ_TIMEOUT_SECONDS with 503, not a wait nor Postgres\'s text', async () => {
    const locker = new pg.Client({ connectionString: postgres!.url });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE project.project, hub.counter IN ACCESS EXCLUSIVE MODE');
      const started = performance.now();
      const held = await scrape();
      assert.ok(performance.now() - started < 5_000, 'answered once READ_TIMEOUT_SECONDS (1 s) passed, not when the lock went');
      assert.equal(held.status, 503, held.text);
      assert.match(held.type ?? '', /application\/json/);
      const { error } = JSON.parse(held.text);
      assert.equal(error.code, 'DATABASE_UNAVAILABLE');
      assert.doesNotMatch(held.text, POSTGRES_TEXT);
      // GET /status is answered by the ingest thread: its failure too is in the hub's log under the id the client got.
      const status = await fetch(`${ports.ingest}/status`, { signal: AbortSignal.timeout(10_000) });
      assert.equal(status.status, 503);
      const statusId = /error id ([0-9a-f-]{36})/.exec((await status.json() as { error: { message: string } }).error.message)?.[1];
      for (const id of [error.errorId, statusId]) {
        await eventually(`the log line of error ${id}`, () => logged.some((line) => line.includes(id)), { timeoutMs: 5_000, describe: () => logged.join('\n') });
      }
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }
    assert.equal((await scrape()).status, 200);
  });

  it('answers 503 with the reason once Postgres stops, and 200 again once it is back', async () => {
    await postgres!.stop();
    postgres = undefined;
    for (const base of Object.values(ports)) {
      let down = { status: 0, body: {} as Record<string, unknown> };
      await eventually(`${base}/readyz to answer 503`, async () => (down = await probe(`${base}/readyz`)).status === 503,
        { timeoutMs: 20_000, intervalMs: 200, describe: () => JSON.stringify(down) });
      assert.equal(down.body.status, 'not ready');
      assert.match(String(down.body.reason), /^postgres: Postgres is unreachable: /, `${base}: ${JSON.stringify(down.body)}`);
      // The process still runs: liveness does not depend on the database.
      assert.equal((await probe(`${base}/healthz`)).status, 200);
    }
    const scraped = await scrape();
    assert.equal(scraped.status, 503, scraped.text);
    assert.equal(JSON.parse(scraped.text).error.code, 'DATABASE_UNAVAILABLE');
    assert.doesNotMatch(scraped.text, POSTGRES_TEXT);

    postgres = await startEmbeddedPostgres({ dataDir, port: pgPort, database: 'servicegraph' });
    for (const base of Object.values(ports)) {
      let answer = { status: 0, body: {} as Record<string, unknown> };
      await eventually(`${base}/readyz to answer 200`, async () => (answer = await probe(`${base}/readyz`)).status === 200,
        { timeoutMs: 20_000, intervalMs: 200, describe: () => JSON.stringify(answer) });
    }
    // The gateway's older health path stays.
    assert.equal((await probe(`${ports.gateway}/health`)).status, 200);
  });
});
