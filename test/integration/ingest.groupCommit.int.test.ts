import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client, Pool } from 'pg';
import { EVENT_LOG_WRITE_LOCK_KEY } from '../../hub/eventLog';
import { storeEvents } from '../../ingest/eventStore';
import { startGroupCommit } from '../../ingest/groupCommit';
import type { IngestResult } from '../../ingest/outcome';
import { prepareEvents, type PreparedEvent } from '../../ingest/prepare';
import { envelopeOf, exampleOf } from '../fixtures/catalogueExamples';
import { eventually } from '../support/eventually';
import { startIngestHarness, type IngestHarness } from '../support/ingestHarness';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';

/** A valid event with its own id (an invoice sent: the smallest catalogue type). */
function anEvent(id: string, overrides: Record<string, unknown> = {}): Record<string, any> {
  return envelopeOf(exampleOf('ps.billing.invoice.sent'), { id, ...overrides });
}

const changed = { time: '2025-03-02T09:30:00Z' };
const malformed = { time: 'yesterday' };

/** What the tables say, in the order written: the log, the rejected events, the counters. */
async function tables(pool: Pool) {
  const log = await pool.query(`SELECT source, event_id, content_hash FROM hub.event_log ORDER BY position`);
  const rejected = await pool.query(`SELECT source, event_id, reason, errors, body FROM hub.rejected_event ORDER BY rejection_id`);
  const counters = await pool.query(`SELECT name, value::int AS value FROM hub.counter WHERE name IN ('received', 'duplicates', 'rejected') ORDER BY name`);
  return { log: log.rows, rejected: rejected.rows, counters: counters.rows };
}

/**
 * Stores the first request alone and all the others in ONE group: the first
 * store() starts a transaction at once, and the others queue while it runs.
 */
async function storeGrouped(pool: Pool, requests: readonly (readonly PreparedEvent[])[], log?: { warn(message: string): void }) {
  const committer = startGroupCommit(pool, { log });
  const outcomes = await Promise.allSettled(requests.map((prepared) => committer.store(prepared)));
  return { outcomes, stats: committer.stats() };
}

function results(outcomes: readonly PromiseSettledResult<IngestResult>[]): IngestResult[] {
  return outcomes.map((outcome) => {
    assert.equal(outcome.status, 'fulfilled', `expected every request stored, got ${outcome.status === 'rejected' ? String(outcome.reason) : ''}`);
    return (outcome as PromiseFulfilledResult<IngestResult>).value;
  });
}

describe('group commit of the event log', () => {
  let grouped: TestDatabase;
  let sequential: TestDatabase;
  before(async () => ([grouped, sequential] = await Promise.all([createTestDatabase(), createTestDatabase()])));
  after(() => Promise.all([grouped?.drop(), sequential?.drop()]));

  it('should write requests queued behind a transaction in one transaction, answering each exactly as if they had been stored one after the other', async () => {
    const requests = [
      [anEvent('g-0')],
      [anEvent('g-1'), anEvent('g-2'), { id: 42 }],
      // A pair accepted by an earlier request of the group: a duplicate, and a conflict with other content.
      [anEvent('g-1'), anEvent('g-3'), anEvent('g-2', changed), anEvent('g-3')],
      // A pair first refused as invalid is taken by the valid event of a later request.
      [anEvent('g-4', malformed), anEvent('g-0')],
      [anEvent('g-4'), anEvent('g-5'), anEvent('g-4', changed), anEvent('g-5')],
      [anEvent('g-3', changed), anEvent('g-5'), anEvent('g-6')],
    ].map((raws) => prepareEvents(raws));

    const { outcomes, stats } = await storeGrouped(grouped.pool, requests);
    assert.deepEqual(stats, { requests: 6, transactions: 2, groupsRetriedAlone: 0, waiting: 0 });
    const groupedResults = results(outcomes);
    const sequentialResults: IngestResult[] = [];
    for (const prepared of requests) sequentialResults.push(await storeEvents(sequential.pool, prepared));

    assert.deepEqual(groupedResults, sequentialResults);
    assert.deepEqual(await tables(grouped.pool), await tables(sequential.pool));
    // Spelled out, so the sequential oracle cannot be wrong in the same way.
    assert.deepEqual(groupedResults.map((r) => r.results.map((e) => e.status)), [
      ['accepted'],
      ['accepted', 'accepted', 'rejected'],
      ['duplicate', 'accepted', 'rejected', 'duplicate'],
      ['rejected', 'duplicate'],
      ['accepted', 'accepted', 'rejected', 'duplicate'],
      ['rejected', 'duplicate', 'accepted'],
    ]);
    assert.match(groupedResults[2]!.results[2]!.errors![0]!.message, /already accepted/);
    assert.match(groupedResults[4]!.results[2]!.errors![0]!.message, /accepted earlier in this request/);
    // Positions in arrival order: by request, and within each in its order.
    assert.deepEqual((await tables(grouped.pool)).log.map((row) => row.event_id), ['g-0', 'g-1', 'g-2', 'g-3', 'g-4', 'g-5', 'g-6']);
  });
});

describe('group commit when the database fails', () => {
  let db: TestDatabase;
  before(async () => (db = await createTestDatabase()));
  after(() => db?.drop());

  it('should fail every request of a group and commit nothing when the failure is not one request\'s', async () => {
    // The counters cannot move: every transaction fails at its last statement, after its inserts.
    await db.pool.query(`ALTER TABLE hub.counter ADD CONSTRAINT counter_small CHECK (value < 0) NOT VALID`);
    try {
      const requests = [[anEvent('fail-0')], [anEvent('fail-1'), anEvent('fail-2', malformed)], [anEvent('fail-3')], [anEvent('fail-1')]].map((raws) => prepareEvents(raws));
      const warnings: string[] = [];
      const { outcomes, stats } = await storeGrouped(db.pool, requests, { warn: (message) => warnings.push(message) });
      assert.deepEqual(outcomes.map((outcome) => outcome.status), ['rejected', 'rejected', 'rejected', 'rejected']);
      for (const outcome of outcomes) assert.match(String((outcome as PromiseRejectedResult).reason), /counter_small/);
      // The first alone, then the group of three, then each of the three alone.
      assert.deepEqual(stats, { requests: 4, transactions: 5, groupsRetriedAlone: 1, waiting: 0 });
      assert.equal(warnings.length, 1);
      const after = await tables(db.pool);
      assert.deepEqual([after.log, after.rejected], [[], []]);
    } finally {
      await db.pool.query(`ALTER TABLE hub.counter DROP CONSTRAINT counter_small`);
    }
  });

  it('should not let one request whose data the database refuses fail the others of its group', async () => {
    await db.pool.query(`CREATE FUNCTION hub.refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.event_id = 'poison' THEN RAISE EXCEPTION 'poison refused'; END IF; RETURN NEW; END $$`);
    await db.pool.query(`CREATE TRIGGER refuse_poison BEFORE INSERT ON hub.event_log FOR EACH ROW EXECUTE FUNCTION hub.refuse_poison()`);
    try {
      const requests = [[anEvent('p-0')], [anEvent('p-1')], [anEvent('p-2'), anEvent('poison')], [anEvent('p-3'), anEvent('p-1')]].map((raws) => prepareEvents(raws));
      const { outcomes, stats } = await storeGrouped(db.pool, requests, { warn: () => undefined });
      assert.deepEqual(outcomes.map((outcome) => outcome.status), ['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
      assert.match(String((outcomes[2] as PromiseRejectedResult).reason), /poison refused/);
      assert.deepEqual((outcomes[3] as PromiseFulfilledResult<IngestResult>).value.results.map((e) => e.status), ['accepted', 'duplicate']);
      assert.equal(stats.groupsRetriedAlone, 1);
      const after = await tables(db.pool);
      assert.deepEqual(after.log.map((row) => row.event_id), ['p-0', 'p-1', 'p-3']);
      assert.deepEqual(after.counters.map((row) => [row.name, row.value]), [['duplicates', 1], ['received', 3], ['rejected', 0]]);
    } finally {
      await db.pool.query(`DROP TRIGGER refuse_poison ON hub.event_log; DROP FUNCTION hub.refuse_poison()`);
    }
  });

  it('should not retry request by request when the database cannot be reached', async () => {
    const pool = new Pool({ connectionString: 'postgres://postgres@127.0.0.1:1/nowhere', connectionTimeoutMillis: 2000 });
    pool.on('error', () => undefined);
    try {
      const requests = [[anEvent('down-0')], [anEvent('down-1')], [anEvent('down-2')]].map((raws) => prepareEvents(raws));
      const { outcomes, stats } = await storeGrouped(pool, requests);
      assert.deepEqual(outcomes.map((outcome) => outcome.status), ['rejected', 'rejected', 'rejected']);
      assert.deepEqual(stats, { requests: 3, transactions: 2, groupsRetriedAlone: 0, waiting: 0 });
    } finally {
      await pool.end();
    }
  });
});

describe('POST /events grouped', () => {
  let h: IngestHarness;
  before(async () => (h = await startIngestHarness()));
  after(() => h?.close());

  /** Holds the writers' lock until the first request's transaction waits for it and the rest are queued behind it. */
  async function withRequestsQueued<T>(send: () => Promise<T>[]): Promise<{ answers: T[]; transactions: number }> {
    const blocker = new Client({ connectionString: h.db.url });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('SELECT pg_advisory_xact_lock($1)', [EVENT_LOG_WRITE_LOCK_KEY]);
      const before = h.server.groupCommitStats();
      const pending = send();
      await eventually('the requests queued behind the first', () => h.server.groupCommitStats().waiting === pending.length - 1, {
        describe: () => JSON.stringify(h.server.groupCommitStats()),
      });
      assert.equal(h.server.groupCommitStats().transactions, before.transactions + 1);
      await blocker.query('COMMIT');
      const answers = await Promise.all(pending);
      return { answers, transactions: h.server.groupCommitStats().transactions - before.transactions };
    } finally {
      await blocker.end();
    }
  }

  it('should answer each request of a group with its own outcome', async () => {
    const { answers, transactions } = await withRequestsQueued(() => [
      h.post([anEvent('http-0')]),
      h.post([anEvent('http-1'), anEvent('http-2', malformed)]),
      h.post([anEvent('http-1'), anEvent('http-3')]),
      h.post([anEvent('http-1', changed)]),
    ]);
    assert.equal(transactions, 2, 'the queued requests were not written in one transaction');
    assert.deepEqual(answers.map((a) => a.status), [202, 202, 202, 202]);
    assert.deepEqual(answers.map((a) => a.body.results.map((e: any) => e.status)), [['accepted'], ['accepted', 'rejected'], ['duplicate', 'accepted'], ['rejected']]);
  });

  it('should answer 503 to every request of a group when its transaction fails, and store nothing', async () => {
    await h.db.pool.query(`ALTER TABLE hub.counter ADD CONSTRAINT counter_small CHECK (value < 0) NOT VALID`);
    try {
      const { answers, transactions } = await withRequestsQueued(() => [h.post([anEvent('http-fail-0')]), h.post([anEvent('http-fail-1')]), h.post([anEvent('http-fail-2')])]);
      // The first alone, the group of the other two, then each of them alone.
      assert.equal(transactions, 4);
      assert.deepEqual(answers.map((a) => [a.status, a.body.error.code]), Array(3).fill([503, 'DATABASE_UNAVAILABLE']));
      const { rows } = await h.db.pool.query(`SELECT count(*)::int AS n FROM hub.event_log WHERE event_id LIKE 'http-fail-%'`);
      assert.equal(rows[0].n, 0);
    } finally {
      await h.db.pool.query(`ALTER TABLE hub.counter DROP CONSTRAINT counter_small`);
    }
  });
});
