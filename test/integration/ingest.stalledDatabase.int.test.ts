/**
 * A Postgres that stops answering (paused: frozen behind a proxy) makes
 * ingest answer 503 with Retry-After within its commit deadline, and
 * /status 503 within its read deadline, instead of hanging; once Postgres
 * answers again ingest recovers by itself, and every event the sender sent
 * again is stored exactly once (nothing answered 202 is lost, nothing doubled).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Pool } from 'pg';
import { createPool } from '../../db/dataSource';
import { startIngestServer, type IngestServer } from '../../ingest/server';
import { simulateFirm } from '../../simulator/firm';
import { startFreezableProxy, type FreezableProxy } from '../support/freezableProxy';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';

const COMMIT_TIMEOUT_MS = 1_500;
const READ_TIMEOUT_MS = 1_500;
const events = simulateFirm({ seed: 'stalled', scale: 0.05 }).events.slice(0, 90);
const [first, second, third] = [events.slice(0, 30), events.slice(30, 60), events.slice(60, 90)];

describe('ingest in front of a Postgres that stops answering', () => {
  let db: TestDatabase;
  let proxy: FreezableProxy;
  let pool: Pool;
  let server: IngestServer;
  let url: string;

  async function post(batch: readonly unknown[]): Promise<{ status: number; body: any; retryAfter: string | null; ms: number }> {
    const started = performance.now();
    const response = await fetch(`${url}/events`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(batch), signal: AbortSignal.timeout(60_000),
    });
    return { status: response.status, body: await response.json(), retryAfter: response.headers.get('retry-after'), ms: performance.now() - started };
  }

  before(async () => {
    db = await createTestDatabase();
    proxy = await startFreezableProxy(db.url);
    pool = createPool(proxy.url, { max: 4, connectionTimeoutMillis: 5_000 });
    server = await startIngestServer({ pool, host: '127.0.0.1', port: 0, commitTimeoutMs: COMMIT_TIMEOUT_MS, readTimeoutMs: READ_TIMEOUT_MS });
    url = `http://127.0.0.1:${server.port}`;
  });
  after(async () => {
    proxy?.thaw();
    await server?.close();
    await pool?.end();
    await proxy?.close();
    await db?.drop();
  });

  it('answers 503 with Retry-After while Postgres is frozen, recovers when it answers again, and stores every event once', async (t) => {
    const accepted = await post(first);
    assert.equal(accepted.status, 202);

    proxy.freeze();
    const refused = await post(second);
    const status = await fetch(`${url}/status`, { signal: AbortSignal.timeout(60_000) });
    const statusBody = await status.json() as any;
    t.diagnostic(`frozen: POST answered ${refused.status} after ${Math.round(refused.ms)} ms; /status ${status.status}`);
    assert.equal(refused.status, 503, JSON.stringify(refused.body));
    assert.equal(refused.retryAfter, '1');
    assert.equal(refused.body.error.code, 'DATABASE_UNAVAILABLE');
    assert.match(refused.body.error.message, /did not commit within 1\.5 s; it was not acknowledged; send it again/);
    assert.match(refused.body.error.message, /error id [0-9a-f-]{36}/);
    assert.ok(refused.ms < 10_000, `answered after ${Math.round(refused.ms)} ms`);
    assert.equal(status.status, 503);
    assert.equal(statusBody.error.code, 'DATABASE_UNAVAILABLE');
    assert.doesNotMatch(JSON.stringify(statusBody), /postgres|relation|ECONN|timeout expired/i, 'nothing of the database\'s own text');

    proxy.thaw();
    // The sender sends the refused request again (the transaction under way may have committed it meanwhile).
    let again = await post(second);
    for (let i = 0; again.status === 503 && i < 20; i++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      again = await post(second);
    }
    assert.equal(again.status, 202, JSON.stringify(again.body));
    assert.equal(again.body.accepted + again.body.duplicates, second.length);
    assert.equal((await post(third)).status, 202, 'ingest serves normally again');

    const stored = await db.pool.query<{ events: string; distinct: string }>(
      'SELECT count(*) AS events, count(DISTINCT (source, event_id)) AS distinct FROM hub.event_log');
    assert.equal(Number(stored.rows[0]!.events), events.length, 'every event sent is stored');
    assert.equal(Number(stored.rows[0]!.distinct), events.length, 'none twice');
  });
});
