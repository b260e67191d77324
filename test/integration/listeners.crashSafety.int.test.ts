import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startIngestServer, type IngestServer } from '../../ingest/server';
import { readIngestStatus } from '../../hub/status';
import { Random } from '../../simulator/random';
import { deliver } from '../../simulator/delivery';
import { simulateFirm } from '../../simulator/firm';
import { expectedFigures } from '../../simulator/oracle';
import { postEvents } from '../../simulator/post';
import { sameFields } from '../support/graphqlFigures';
import { NOT_READ, readModelFigures } from '../support/readModelFigures';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';

const LISTENER = path.join(__dirname, '..', 'support', 'listenerProcess.js');
const KILLS = 10;

function startListener(url: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [LISTENER], { env: { ...process.env, DATABASE_URL: url }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout!.once('data', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`listener exited with ${code} before it was ready`)));
  });
}

function kill(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the listener has committed a batch past `position` (it was started and given events). */
async function checkpointPast(db: TestDatabase, position: number): Promise<void> {
  for (let waited = 0; ; waited += 5) {
    const { rows } = await db.pool.query(`SELECT coalesce(max(position), 0)::int AS position FROM hub.checkpoint`);
    if (rows[0].position > position) return;
    if (waited > 60_000) assert.fail(`the listener did not move its checkpoint past ${position} in 60 s`);
    await sleep(5);
  }
}

describe('a listener killed with SIGKILL at random points', () => {
  const firm = simulateFirm({ seed: 'crash-safety', scale: 1 });
  const expected = expectedFigures(firm.events);
  let db: TestDatabase;
  let ingest: IngestServer;
  let kills = 0;
  /** Checkpoints seen after each kill: the killed listeners made progress between kills. */
  const checkpoints: number[] = [];

  before(async () => {
    db = await createTestDatabase();
    ingest = await startIngestServer({ pool: db.pool, host: '127.0.0.1', port: 0 });
    // The delivery goes out in one part per kill, so every listener has events to apply when it is
    // killed however fast it catches up (it takes bigger batches while behind) and however slowly
    // a loaded machine restarts it.
    const delivery = [...deliver(firm.events, { mode: 'interleaved', seed: 3, window: 400 })];
    const partSize = Math.ceil(delivery.length / KILLS);
    const random = new Random('kill points');
    let accepted = 0;
    let listener = await startListener(db.url);
    for (; kills < KILLS; kills++) {
      const posting = postEvents(delivery.slice(kills * partSize, (kills + 1) * partSize),
        { url: `http://127.0.0.1:${ingest.port}/events`, batchSize: 50, progress: false, rate: 4000 });
      await checkpointPast(db, checkpoints.at(-1) ?? 0);
      await sleep(random.int(0, 40));
      await kill(listener);
      const { rows } = await db.pool.query(`SELECT coalesce(max(position), 0)::int AS position FROM hub.checkpoint`);
      checkpoints.push(rows[0].position);
      accepted += (await posting).accepted;
      listener = await startListener(db.url);
    }
    assert.equal(accepted, firm.events.length);
    for (let waited = 0; ; waited += 50) {
      const status = await readIngestStatus(db.pool);
      if (status.pending === 0 && status.parked === 0) break;
      if (waited > 60_000) assert.fail(`listener did not catch up: ${JSON.stringify(status)}`);
      await sleep(50);
    }
    await kill(listener);
  });
  after(async () => {
    await ingest?.close();
    await db?.drop();
  });

  it('was killed 10 times while it was applying events', () => {
    assert.equal(kills, KILLS);
    assert.equal(new Set(checkpoints).size, KILLS, `listeners should progress between kills: ${checkpoints.join(', ')}`);
  });
  it('applied every event exactly once', async () => {
    const status = await readIngestStatus(db.pool);
    assert.equal(status.received, firm.events.length);
    assert.equal(status.applied, firm.events.length);
    assert.equal(status.exceptions, 0);
    const changes = await db.pool.query(
      `SELECT event_position, entity_kind, entity_id, count(*) FROM hub.change_feed GROUP BY 1, 2, 3 HAVING count(*) > 1`);
    assert.equal(changes.rowCount, 0, 'a change was written twice for one event');
  });
  it('ends with the figures of the oracle', async () => {
    const actual = await readModelFigures(db.pool);
    assert.deepEqual(actual.projects, sameFields(expected.projects, NOT_READ.projects));
    assert.deepEqual(actual.invoices, sameFields(expected.invoices, NOT_READ.invoices));
    assert.deepEqual(actual.customers, sameFields(expected.customers, NOT_READ.customers));
  });
});
