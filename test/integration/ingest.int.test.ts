import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { Client, Pool } from 'pg';
import { contentHash } from '../../events/canonical';
import { EVENTS_CHANNEL } from '../../hub/channels';
import { EVENT_LOG_WRITE_LOCK_KEY } from '../../hub/eventLog';
import { storeEvents } from '../../ingest/eventStore';
import { prepareEvents } from '../../ingest/prepare';
import { startIngestServer } from '../../ingest/server';
import { readIngestStatus } from '../../hub/status';
import { CATALOGUE_EXAMPLES, envelopeOf, exampleOf } from '../fixtures/catalogueExamples';
import { startIngestHarness, type IngestHarness } from '../support/ingestHarness';

/** A valid event with its own id (an invoice sent: the smallest catalogue type). */
function anEvent(id: string, overrides: Record<string, unknown> = {}): Record<string, any> {
  return envelopeOf(exampleOf('ps.billing.invoice.sent'), { id, ...overrides });
}

/** The same event with a malformed time. */
function aMalformedEvent(id: string): Record<string, any> {
  return anEvent(id, { time: 'yesterday' });
}

async function logRows(h: IngestHarness, ids: string[]): Promise<any[]> {
  const { rows } = await h.db.pool.query(
    `SELECT position::text AS position, source, event_id, type, subject, sequence::text AS sequence, event_time, content_hash, envelope
       FROM hub.event_log WHERE event_id = ANY($1) ORDER BY position`,
    [ids],
  );
  return rows;
}

async function rejectedRows(h: IngestHarness, ids: string[]): Promise<any[]> {
  const { rows } = await h.db.pool.query(
    `SELECT source, event_id, reason, errors, body FROM hub.rejected_event WHERE event_id = ANY($1) ORDER BY rejection_id`,
    [ids],
  );
  return rows;
}

describe('POST /events', () => {
  let h: IngestHarness;
  before(async () => (h = await startIngestHarness()));
  after(() => h.close());

  describe('accepting', () => {
    it('should accept a single event sent as application/cloudevents+json and store it as received', async () => {
      const event = anEvent('single-1', { sequence: '0007', traceparent: '00-abc-01' });
      const answer = await h.post(event, 'application/cloudevents+json');
      assert.equal(answer.status, 202);
      assert.match(answer.headers.get('content-type')!, /^application\/json/);
      assert.deepEqual(answer.body, { accepted: 1, duplicates: 0, rejected: 0, results: [{ source: event.source, id: 'single-1', status: 'accepted' }] });
      const [row] = await logRows(h, ['single-1']);
      assert.equal(row.source, event.source);
      assert.equal(row.type, 'ps.billing.invoice.sent');
      assert.equal(row.subject, 'INV-1');
      assert.equal(row.sequence, '7');
      assert.equal(row.event_time.toISOString(), '2025-03-01T09:30:00.000Z');
      assert.equal(row.content_hash, contentHash(event));
      assert.deepEqual(row.envelope, event);
    });

    it('should accept a single event sent as application/json with a charset', async () => {
      const answer = await h.post(anEvent('single-2'), 'application/json; charset=UTF-8');
      assert.equal(answer.status, 202);
      assert.equal(answer.body.accepted, 1);
    });

    it('should accept a batch as application/cloudevents-batch+json and store it in request order', async () => {
      const ids = ['batch-1', 'batch-2', 'batch-3'];
      const answer = await h.post(ids.map((id) => anEvent(id)), 'application/cloudevents-batch+json');
      assert.equal(answer.status, 202);
      assert.deepEqual(answer.body.results.map((r: any) => [r.id, r.status]), ids.map((id) => [id, 'accepted']));
      const rows = await logRows(h, ids);
      assert.deepEqual(rows.map((r) => r.event_id), ids);
      assert.ok(BigInt(rows[0].position) < BigInt(rows[1].position) && BigInt(rows[1].position) < BigInt(rows[2].position));
    });

    it('should accept a batch as application/json', async () => {
      const answer = await h.post([anEvent('json-batch-1'), anEvent('json-batch-2')]);
      assert.equal(answer.status, 202);
      assert.equal(answer.body.accepted, 2);
    });

    it('should accept every type of the catalogue', async () => {
      const events = CATALOGUE_EXAMPLES.map((example, i) => envelopeOf(example, { id: `every-type-${i}` }));
      const answer = await h.post(events);
      assert.equal(answer.status, 202);
      assert.equal(answer.body.accepted, events.length, JSON.stringify(answer.body.results.filter((r: any) => r.status !== 'accepted')));
    });
  });

  describe('rejecting inside a batch', () => {
    it('should answer each event of a mixed batch in request order, storing the valid ones', async () => {
      const answer = await h.post([anEvent('mixed-1'), aMalformedEvent('mixed-2'), 'not an event', anEvent('mixed-3'), anEvent('mixed-4', { type: 'ps.unknown' })]);
      assert.equal(answer.status, 202);
      assert.equal(answer.body.accepted, 2);
      assert.equal(answer.body.rejected, 3);
      assert.deepEqual(answer.body.results, [
        { source: '/psa/acme-psa/eu1', id: 'mixed-1', status: 'accepted' },
        {
          source: '/psa/acme-psa/eu1', id: 'mixed-2', status: 'rejected',
          errors: [{ path: 'time', message: 'expected an RFC 3339 timestamp with Z or an offset, e.g. "2025-03-01T09:30:00Z", got "yesterday"' }],
        },
        { source: null, id: null, status: 'rejected', errors: [{ path: '', message: 'expected a CloudEvents event object, got "not an event"' }] },
        { source: '/psa/acme-psa/eu1', id: 'mixed-3', status: 'accepted' },
        {
          source: '/psa/acme-psa/eu1', id: 'mixed-4', status: 'rejected',
          errors: [{ path: 'type', message: 'expected an event type of the catalogue, such as "ps.project.time_entry.submitted" (docs/events.md#catalogue), got "ps.unknown"' }],
        },
      ]);
      assert.deepEqual((await logRows(h, ['mixed-1', 'mixed-2', 'mixed-3', 'mixed-4'])).map((r) => r.event_id), ['mixed-1', 'mixed-3']);
    });

    it('should store rejected events with their errors and body', async () => {
      const bad = aMalformedEvent('stored-bad-1');
      await h.post([bad]);
      const [row] = await rejectedRows(h, ['stored-bad-1']);
      assert.equal(row.source, bad.source);
      assert.equal(row.reason, 'invalid');
      assert.deepEqual(row.errors, [{ path: 'time', message: 'expected an RFC 3339 timestamp with Z or an offset, e.g. "2025-03-01T09:30:00Z", got "yesterday"' }]);
      assert.deepEqual(row.body, bad);
    });

    it('should reject and store text Postgres cannot hold instead of failing the request', async () => {
      const answer = await h.post([anEvent('nul-1', { note: 'a\u0000b' }), anEvent('nul-2')]);
      assert.equal(answer.status, 202);
      assert.deepEqual(answer.body.results.map((r: any) => r.status), ['rejected', 'accepted']);
      assert.equal(answer.body.results[0].errors[0].path, 'note');
      const [row] = await rejectedRows(h, ['nul-1']);
      assert.equal(row.body.note, 'a\uFFFDb');
    });

    it('should let a rejected event take its (source, id) again once corrected', async () => {
      const first = await h.post([aMalformedEvent('retry-1')]);
      assert.equal(first.body.results[0].status, 'rejected');
      const second = await h.post([anEvent('retry-1')]);
      assert.equal(second.body.results[0].status, 'accepted');
      assert.equal((await logRows(h, ['retry-1'])).length, 1);
    });

    it('should accept the valid occurrence of a pair whose earlier occurrence in the same request was invalid', async () => {
      const answer = await h.post([aMalformedEvent('retry-2'), anEvent('retry-2')]);
      assert.deepEqual(answer.body.results.map((r: any) => r.status), ['rejected', 'accepted']);
    });
  });

  describe('duplicates and conflicts', () => {
    it('should answer the same event in a later request as a duplicate and store it once', async () => {
      await h.post([anEvent('dup-1')]);
      const answer = await h.post([anEvent('dup-1')]);
      assert.deepEqual(answer.body, { accepted: 0, duplicates: 1, rejected: 0, results: [{ source: '/psa/acme-psa/eu1', id: 'dup-1', status: 'duplicate' }] });
      assert.equal((await logRows(h, ['dup-1'])).length, 1);
    });

    it('should answer the second occurrence in the same request as a duplicate', async () => {
      const answer = await h.post([anEvent('dup-2'), anEvent('dup-3'), anEvent('dup-2')]);
      assert.deepEqual(answer.body.results.map((r: any) => r.status), ['accepted', 'accepted', 'duplicate']);
      assert.equal((await logRows(h, ['dup-2'])).length, 1);
    });

    it('should count key order and whitespace as the same content', async () => {
      const event = anEvent('dup-4');
      await h.post(event);
      const reordered = JSON.stringify(Object.fromEntries(Object.entries(event).reverse()), null, 2);
      const answer = await h.post(reordered, 'application/cloudevents+json');
      assert.equal(answer.body.results[0].status, 'duplicate');
    });

    it('should reject the same pair with different content as a conflict and keep it for review', async () => {
      await h.post([anEvent('conflict-1')]);
      const changed = anEvent('conflict-1', { data: { invoiceId: 'INV-1', channel: 'portal' } });
      const answer = await h.post([changed]);
      assert.equal(answer.body.rejected, 1);
      assert.deepEqual(answer.body.results[0], {
        source: '/psa/acme-psa/eu1', id: 'conflict-1', status: 'rejected',
        errors: [{ path: '', message: 'expected the same content as the event already accepted with this source and id, got different content: a conflict (kept for review; an id cannot be reused for other content)' }],
      });
      const [logged] = await logRows(h, ['conflict-1']);
      assert.deepEqual(logged.envelope.data, { invoiceId: 'INV-1', channel: 'email' });
      const [rejected] = await rejectedRows(h, ['conflict-1']);
      assert.equal(rejected.reason, 'conflict');
      assert.deepEqual(rejected.body, changed);
      assert.equal(rejected.errors[0].path, '');
    });

    it('should reject a conflicting second occurrence within the same request', async () => {
      const answer = await h.post([anEvent('conflict-2'), anEvent('conflict-2', { time: '2025-03-02T09:30:00Z' }), anEvent('conflict-2')]);
      assert.deepEqual(answer.body.results.map((r: any) => r.status), ['accepted', 'rejected', 'duplicate']);
      assert.match(answer.body.results[1].errors[0].message, /accepted earlier in this request/);
    });

    it('should answer new events, duplicates and conflicts of logged events mixed in one request, storing the new ones in request order', async () => {
      await h.post([anEvent('mixed-old-1'), anEvent('mixed-old-2')]);
      const answer = await h.post([
        anEvent('mixed-new-1'), anEvent('mixed-old-1'), anEvent('mixed-new-2'), anEvent('mixed-old-2', { time: '2025-03-02T09:30:00Z' }), anEvent('mixed-new-3'),
      ]);
      assert.deepEqual(answer.body.results.map((r: any) => [r.id, r.status]), [
        ['mixed-new-1', 'accepted'], ['mixed-old-1', 'duplicate'], ['mixed-new-2', 'accepted'], ['mixed-old-2', 'rejected'], ['mixed-new-3', 'accepted'],
      ]);
      assert.match(answer.body.results[3].errors[0].message, /already accepted/);
      assert.deepEqual([answer.body.accepted, answer.body.duplicates, answer.body.rejected], [3, 1, 1]);
      const rows = await logRows(h, ['mixed-old-1', 'mixed-old-2', 'mixed-new-1', 'mixed-new-2', 'mixed-new-3']);
      assert.deepEqual(rows.map((r) => r.event_id), ['mixed-old-1', 'mixed-old-2', 'mixed-new-1', 'mixed-new-2', 'mixed-new-3']);
      assert.equal(rows[1].event_time.toISOString(), '2025-03-01T09:30:00.000Z');
    });

    it('should answer a request whose every event is already logged without inserting anything', async () => {
      await h.post([anEvent('all-old-1'), anEvent('all-old-2')]);
      const answer = await h.post([anEvent('all-old-2'), anEvent('all-old-1', { time: '2025-03-02T09:30:00Z' })]);
      assert.deepEqual(answer.body.results.map((r: any) => r.status), ['duplicate', 'rejected']);
      assert.equal((await logRows(h, ['all-old-1', 'all-old-2'])).length, 2);
    });

    it('should treat the same id from another source as another event', async () => {
      const answer = await h.post([anEvent('shared-id'), anEvent('shared-id', { source: '/erp/netsuite/us' })]);
      assert.deepEqual(answer.body.results.map((r: any) => r.status), ['accepted', 'accepted']);
    });
  });

  describe('refusing a request', () => {
    const expectError = (answer: { status: number; body: any }, status: number, code: string, message?: RegExp) => {
      assert.equal(answer.status, status);
      assert.equal(answer.body.error.code, code);
      assert.equal(typeof answer.body.error.message, 'string');
      if (message) assert.match(answer.body.error.message, message);
    };

    it('should answer 400 to a body that is not JSON', async () => {
      expectError(await h.post('{"specversion": "1.0",'), 400, 'INVALID_JSON', /^expected a JSON body, got text that does not parse/);
    });

    it('should answer 400 to a body that is not UTF-8', async () => {
      const answer = await h.request('POST', '/events', { headers: { 'content-type': 'application/json' }, body: Buffer.from([0x22, 0xff, 0xfe, 0x22]) });
      expectError(answer, 400, 'INVALID_JSON', /not valid UTF-8/);
    });

    it('should answer 400 to JSON that is neither an event object nor an array', async () => {
      expectError(await h.post('42'), 400, 'NOT_AN_EVENT', /^expected an event object or an array of events, got 42 \(a number\)$/);
      expectError(await h.post('"event"'), 400, 'NOT_AN_EVENT');
      expectError(await h.post('null'), 400, 'NOT_AN_EVENT');
    });

    it('should answer 400 to an empty array', async () => {
      expectError(await h.post([]), 400, 'EMPTY_BATCH', /^expected at least one event, got an empty array$/);
    });

    it('should answer 400 to an array sent as a single event and an object sent as a batch', async () => {
      expectError(await h.post([anEvent('shape-1')], 'application/cloudevents+json'), 400, 'NOT_AN_EVENT', /application\/cloudevents-batch\+json/);
      expectError(await h.post(anEvent('shape-2'), 'application/cloudevents-batch+json'), 400, 'NOT_A_BATCH');
      assert.equal((await logRows(h, ['shape-1', 'shape-2'])).length, 0);
    });

    it('should answer 413 to more than 1000 events and store none of them', async () => {
      const events = Array.from({ length: 1001 }, (_, i) => anEvent(`many-${i}`));
      expectError(await h.post(events), 413, 'TOO_MANY_EVENTS', /^expected at most 1000 events per request, got 1001$/);
      assert.equal((await logRows(h, ['many-0'])).length, 0);
    });

    it('should accept exactly 1000 events', async () => {
      const events = Array.from({ length: 1000 }, (_, i) => anEvent(`thousand-${i}`));
      const answer = await h.post(events);
      assert.equal(answer.status, 202);
      assert.equal(answer.body.accepted, 1000);
    });

    it('should answer 413 to a body over 4 MiB declared by Content-Length', async () => {
      const padding = 'x'.repeat(4 * 1024 * 1024);
      expectError(await h.post([anEvent('huge-1', { padding })]), 413, 'PAYLOAD_TOO_LARGE', /^expected a body of at most 4194304 bytes, got a Content-Length of \d+$/);
    });

    it('should answer 413 to a chunked body as soon as it passes 4 MiB', async () => {
      const chunk = 'x'.repeat(1024 * 1024);
      const answer = await new Promise<{ status: number; body: any }>((resolve, reject) => {
        const req = http.request(`${h.baseUrl}/events`, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
          let text = '';
          res.on('data', (d) => (text += d));
          res.on('end', () => {
            req.destroy(); // stop sending the rest
            resolve({ status: res.statusCode!, body: JSON.parse(text) });
          });
        });
        req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
        req.write('[');
        // 64 MiB offered; the server stops reading after the first 4.
        let sent = 0;
        const writeMore = () => {
          while (sent < 64 && req.write(chunk)) sent++;
          if (sent < 64 && !req.destroyed) req.once('drain', () => (sent++, writeMore()));
          else req.end();
        };
        writeMore();
      });
      expectError(answer, 413, 'PAYLOAD_TOO_LARGE', /collecting stopped after \d+ bytes/);
    });

    it('should answer 415 to another content type, a missing one or a charset other than UTF-8', async () => {
      expectError(await h.post(anEvent('ct-1'), 'text/plain'), 415, 'UNSUPPORTED_MEDIA_TYPE', /application\/cloudevents\+json/);
      expectError(await h.post(anEvent('ct-2'), 'application/json; charset=latin1'), 415, 'UNSUPPORTED_MEDIA_TYPE', /utf-8/);
      expectError(await h.request('POST', '/events', { body: new Uint8Array(Buffer.from(JSON.stringify(anEvent('ct-3')))) }), 415, 'UNSUPPORTED_MEDIA_TYPE', /got none$/);
      assert.equal((await logRows(h, ['ct-1', 'ct-2', 'ct-3'])).length, 0);
    });

    it('should answer 405 with Allow to other methods and 404 to other paths, in JSON', async () => {
      const get = await h.request('GET', '/events');
      expectError(get, 405, 'METHOD_NOT_ALLOWED', /^expected POST \/events, got GET \/events$/);
      assert.equal(get.headers.get('allow'), 'POST');
      const post = await h.request('POST', '/status');
      expectError(post, 405, 'METHOD_NOT_ALLOWED');
      assert.equal(post.headers.get('allow'), 'GET');
      expectError(await h.request('GET', '/nowhere'), 404, 'NOT_FOUND', /^expected POST \/events, or GET \/status, \/parked, \/exceptions, \/rejected, \/audit, \/healthz, \/readyz or \/metrics, got GET \/nowhere$/);
    });
  });

  describe('durability', () => {
    it('should answer 202 only after COMMIT: the events are visible to a fresh connection when the answer arrives', async () => {
      // Hold the writers' lock: the request must wait for it, so no answer may arrive before we release it.
      const blocker = new Client({ connectionString: h.db.url });
      await blocker.connect();
      try {
        await blocker.query('BEGIN');
        await blocker.query('SELECT pg_advisory_xact_lock($1)', [EVENT_LOG_WRITE_LOCK_KEY]);
        let answered = false;
        const pending = h.post([anEvent('durable-1'), anEvent('durable-2')]).then((answer) => ((answered = true), answer));
        await new Promise((resolve) => setTimeout(resolve, 300));
        assert.equal(answered, false, 'answered while the event log was locked');
        await blocker.query('COMMIT');
        const answer = await pending;
        assert.equal(answer.body.accepted, 2);
        const fresh = new Client({ connectionString: h.db.url });
        await fresh.connect();
        const { rows } = await fresh.query(`SELECT event_id FROM hub.event_log WHERE event_id IN ('durable-1', 'durable-2')`);
        await fresh.end();
        assert.equal(rows.length, 2);
      } finally {
        await blocker.end();
      }
    });

    it('should NOTIFY servicegraph_events with the last position after accepting', async () => {
      const listener = new Client({ connectionString: h.db.url });
      await listener.connect();
      try {
        await listener.query(`LISTEN ${EVENTS_CHANNEL}`);
        const notified = new Promise<string>((resolve) => listener.on('notification', (n) => resolve(n.payload!)));
        await h.post([anEvent('notify-1'), anEvent('notify-2')]);
        const payload = await notified;
        const rows = await logRows(h, ['notify-1', 'notify-2']);
        assert.equal(payload, rows[1].position);
      } finally {
        await listener.end();
      }
    });

    it('should keep every accepted event when many requests arrive at once', async () => {
      const requests = Array.from({ length: 12 }, (_, r) => h.post(Array.from({ length: 50 }, (_, i) => anEvent(`concurrent-${r}-${i}`))));
      const answers = await Promise.all(requests);
      assert.deepEqual(answers.map((a) => a.body.accepted), Array(12).fill(50));
      const { rows } = await h.db.pool.query(`SELECT count(*)::int AS n FROM hub.event_log WHERE event_id LIKE 'concurrent-%'`);
      assert.equal(rows[0].n, 600);
    });
  });
});

describe('when the database fails', () => {
  it('should answer 503 with a JSON error and accept nothing', async () => {
    const pool = new Pool({ connectionString: 'postgres://postgres@127.0.0.1:1/nowhere', connectionTimeoutMillis: 2000 });
    pool.on('error', () => undefined);
    const server = await startIngestServer({ pool, host: '127.0.0.1', port: 0 });
    try {
      const response = await fetch(`http://127.0.0.1:${server.port}/events`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([anEvent('down-1')]),
      });
      assert.equal(response.status, 503);
      const body = (await response.json()) as any;
      assert.equal(body.error.code, 'DATABASE_UNAVAILABLE');
      assert.match(body.error.message, /no event of the request was accepted/);
      const status = await fetch(`http://127.0.0.1:${server.port}/status`);
      assert.equal(status.status, 503);
    } finally {
      await server.close();
      await pool.end();
    }
  });

  it('should roll back everything of the request when a statement fails midway', async () => {
    const h = await startIngestHarness();
    try {
      // Make the counter update fail: events inserted before it in the same transaction must vanish.
      await h.db.pool.query(`ALTER TABLE hub.counter ADD CONSTRAINT counter_small CHECK (value < 1)`);
      const answer = await h.post([anEvent('rollback-1'), aMalformedEvent('rollback-2')]);
      assert.equal(answer.status, 503);
      assert.equal((await logRows(h, ['rollback-1'])).length, 0);
      assert.equal((await rejectedRows(h, ['rollback-2'])).length, 0);
      await h.db.pool.query(`ALTER TABLE hub.counter DROP CONSTRAINT counter_small`);
      const retry = await h.post([anEvent('rollback-1')]);
      assert.equal(retry.body.results[0].status, 'accepted');
    } finally {
      await h.close();
    }
  });
});

describe('GET /status', () => {
  let h: IngestHarness;
  before(async () => (h = await startIngestHarness()));
  after(() => h.close());

  it('should start at zero', async () => {
    const answer = await h.request('GET', '/status');
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body, { received: 0, applied: 0, parked: 0, duplicates: 0, rejected: 0, exceptions: 0, pending: 0, stale: 0 });
  });

  it('should count accepted, duplicate and rejected answers', async () => {
    await h.post([anEvent('s-1'), anEvent('s-2'), anEvent('s-1'), aMalformedEvent('s-3')]);
    await h.post([anEvent('s-2'), anEvent('s-2', { time: '2025-01-01T00:00:00Z' }), anEvent('s-4')]);
    const answer = await h.request('GET', '/status');
    assert.deepEqual(answer.body, { received: 3, applied: 0, parked: 0, duplicates: 2, rejected: 2, exceptions: 0, pending: 3, stale: 0 });
  });

  it('should not count refused requests', async () => {
    await h.post('not json');
    await h.post(anEvent('s-5'), 'text/plain');
    assert.equal((await h.request('GET', '/status')).body.received, 3);
  });

  it('should compute pending as received − applied − parked − stale, with the listeners\' counters', async () => {
    for (let i = 0; i < 7; i++) await h.post(anEvent(`p-${i}`));
    // What listeners write: 4 applied (1 of them an exception), 1 parked, 2 stale.
    await h.db.pool.query(`UPDATE hub.counter SET value = CASE name WHEN 'applied' THEN 4 WHEN 'exceptions' THEN 1 WHEN 'stale' THEN 2 ELSE value END`);
    await h.db.pool.query(`INSERT INTO hub.parked_event (position, waiting_for, reason) SELECT position, 'invoice:INV-1', 'test' FROM hub.event_log WHERE event_id = 'p-0'`);
    const answer = await h.request('GET', '/status');
    assert.deepEqual(answer.body, { received: 10, applied: 4, parked: 1, duplicates: 2, rejected: 2, exceptions: 1, pending: 3, stale: 2 });
    assert.deepEqual(await readIngestStatus(h.db.pool), answer.body);
  });
});

describe('durability settings', () => {
  it('should commit accepted events with synchronous_commit on even when the database defaults to off', async () => {
    const h = await startIngestHarness();
    try {
      const database = new URL(h.db.url).pathname.slice(1);
      await h.db.pool.query(`ALTER DATABASE "${database}" SET synchronous_commit = off`);
      const pool = new Pool({ connectionString: h.db.url, max: 1 });
      // Like every pool of the application (db/dataSource.ts): an idle client ended by the server must not be an uncaught error.
      pool.on('error', () => undefined);
      try {
        const client = await pool.connect();
        assert.equal((await client.query(`SHOW synchronous_commit`)).rows[0].synchronous_commit, 'off');
        // The store's transaction raises it for itself only (SET LOCAL semantics).
        client.release();
        // A pool whose clients report synchronous_commit just before the round trip that commits.
        const seen: string[] = [];
        const spy = new Proxy(pool, {
          get: (target, prop) =>
            prop === 'connect'
              ? async () => {
                  const c = await target.connect();
                  const query = c.query.bind(c);
                  (c as any).query = (...args: any[]) => {
                    // The store commits at the end of its last round trip (after the counters and the notification).
                    if (typeof args[0] === 'string' && /(^|;\s*)COMMIT$/.test(args[0])) {
                      return query(`SHOW synchronous_commit`).then((r: any) => (seen.push(r.rows[0].synchronous_commit), (query as any)(...args)));
                    }
                    return (query as any)(...args);
                  };
                  return c;
                }
              : Reflect.get(target, prop),
        });
        const result = await storeEvents(spy as Pool, prepareEvents([anEvent('sync-1')]));
        assert.equal(result.accepted, 1);
        assert.deepEqual(seen, ['on']);
      } finally {
        await pool.end();
      }
    } finally {
      await h.close();
    }
  });
});
