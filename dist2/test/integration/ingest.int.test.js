"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const strict_1 = __importDefault(require("node:assert/strict"));
const node_http_1 = __importDefault(require("node:http"));
const node_test_1 = require("node:test");
const pg_1 = require("pg");
const canonical_1 = require("../../events/canonical");
const channels_1 = require("../../hub/channels");
const eventLog_1 = require("../../hub/eventLog");
const eventStore_1 = require("../../ingest/eventStore");
const prepare_1 = require("../../ingest/prepare");
const server_1 = require("../../ingest/server");
const status_1 = require("../../hub/status");
const catalogueExamples_1 = require("../fixtures/catalogueExamples");
const ingestHarness_1 = require("../support/ingestHarness");
/** A valid event with its own id (an invoice sent: the smallest catalogue type). */
function anEvent(id, overrides = {}) {
    return (0, catalogueExamples_1.envelopeOf)((0, catalogueExamples_1.exampleOf)('ps.billing.invoice.sent'), { id, ...overrides });
}
/** The same event with a malformed time. */
function aMalformedEvent(id) {
    return anEvent(id, { time: 'yesterday' });
}
async function logRows(h, ids) {
    const { rows } = await h.db.pool.query(`SELECT position::text AS position, source, event_id, type, subject, sequence::text AS sequence, event_time, content_hash, envelope
       FROM hub.event_log WHERE event_id = ANY($1) ORDER BY position`, [ids]);
    return rows;
}
async function rejectedRows(h, ids) {
    const { rows } = await h.db.pool.query(`SELECT source, event_id, reason, errors, body FROM hub.rejected_event WHERE event_id = ANY($1) ORDER BY rejection_id`, [ids]);
    return rows;
}
(0, node_test_1.describe)('POST /events', () => {
    let h;
    (0, node_test_1.before)(async () => (h = await (0, ingestHarness_1.startIngestHarness)()));
    (0, node_test_1.after)(() => h.close());
    (0, node_test_1.describe)('accepting', () => {
        (0, node_test_1.it)('should accept a single event sent as application/cloudevents+json and store it as received', async () => {
            const event = anEvent('single-1', { sequence: '0007', traceparent: '00-abc-01' });
            const answer = await h.post(event, 'application/cloudevents+json');
            strict_1.default.equal(answer.status, 202);
            strict_1.default.match(answer.headers.get('content-type'), /^application\/json/);
            strict_1.default.deepEqual(answer.body, { accepted: 1, duplicates: 0, rejected: 0, results: [{ source: event.source, id: 'single-1', status: 'accepted' }] });
            const [row] = await logRows(h, ['single-1']);
            strict_1.default.equal(row.source, event.source);
            strict_1.default.equal(row.type, 'ps.billing.invoice.sent');
            strict_1.default.equal(row.subject, 'INV-1');
            strict_1.default.equal(row.sequence, '7');
            strict_1.default.equal(row.event_time.toISOString(), '2025-03-01T09:30:00.000Z');
            strict_1.default.equal(row.content_hash, (0, canonical_1.contentHash)(event));
            strict_1.default.deepEqual(row.envelope, event);
        });
        (0, node_test_1.it)('should accept a single event sent as application/json with a charset', async () => {
            const answer = await h.post(anEvent('single-2'), 'application/json; charset=UTF-8');
            strict_1.default.equal(answer.status, 202);
            strict_1.default.equal(answer.body.accepted, 1);
        });
        (0, node_test_1.it)('should accept a batch as application/cloudevents-batch+json and store it in request order', async () => {
            const ids = ['batch-1', 'batch-2', 'batch-3'];
            const answer = await h.post(ids.map((id) => anEvent(id)), 'application/cloudevents-batch+json');
            strict_1.default.equal(answer.status, 202);
            strict_1.default.deepEqual(answer.body.results.map((r) => [r.id, r.status]), ids.map((id) => [id, 'accepted']));
            const rows = await logRows(h, ids);
            strict_1.default.deepEqual(rows.map((r) => r.event_id), ids);
            strict_1.default.ok(BigInt(rows[0].position) < BigInt(rows[1].position) && BigInt(rows[1].position) < BigInt(rows[2].position));
        });
        (0, node_test_1.it)('should accept a batch as application/json', async () => {
            const answer = await h.post([anEvent('json-batch-1'), anEvent('json-batch-2')]);
            strict_1.default.equal(answer.status, 202);
            strict_1.default.equal(answer.body.accepted, 2);
        });
        (0, node_test_1.it)('should accept every type of the catalogue', async () => {
            const events = catalogueExamples_1.CATALOGUE_EXAMPLES.map((example, i) => (0, catalogueExamples_1.envelopeOf)(example, { id: `every-type-${i}` }));
            const answer = await h.post(events);
            strict_1.default.equal(answer.status, 202);
            strict_1.default.equal(answer.body.accepted, events.length, JSON.stringify(answer.body.results.filter((r) => r.status !== 'accepted')));
        });
    });
    (0, node_test_1.describe)('rejecting inside a batch', () => {
        (0, node_test_1.it)('should answer each event of a mixed batch in request order, storing the valid ones', async () => {
            const answer = await h.post([anEvent('mixed-1'), aMalformedEvent('mixed-2'), 'not an event', anEvent('mixed-3'), anEvent('mixed-4', { type: 'ps.unknown' })]);
            strict_1.default.equal(answer.status, 202);
            strict_1.default.equal(answer.body.accepted, 2);
            strict_1.default.equal(answer.body.rejected, 3);
            strict_1.default.deepEqual(answer.body.results, [
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
            strict_1.default.deepEqual((await logRows(h, ['mixed-1', 'mixed-2', 'mixed-3', 'mixed-4'])).map((r) => r.event_id), ['mixed-1', 'mixed-3']);
        });
        (0, node_test_1.it)('should store rejected events with their errors and body', async () => {
            const bad = aMalformedEvent('stored-bad-1');
            await h.post([bad]);
            const [row] = await rejectedRows(h, ['stored-bad-1']);
            strict_1.default.equal(row.source, bad.source);
            strict_1.default.equal(row.reason, 'invalid');
            strict_1.default.deepEqual(row.errors, [{ path: 'time', message: 'expected an RFC 3339 timestamp with Z or an offset, e.g. "2025-03-01T09:30:00Z", got "yesterday"' }]);
            strict_1.default.deepEqual(row.body, bad);
        });
        (0, node_test_1.it)('should reject and store text Postgres cannot hold instead of failing the request', async () => {
            const answer = await h.post([anEvent('nul-1', { note: 'a\u0000b' }), anEvent('nul-2')]);
            strict_1.default.equal(answer.status, 202);
            strict_1.default.deepEqual(answer.body.results.map((r) => r.status), ['rejected', 'accepted']);
            strict_1.default.equal(answer.body.results[0].errors[0].path, 'note');
            const [row] = await rejectedRows(h, ['nul-1']);
            strict_1.default.equal(row.body.note, 'a\uFFFDb');
        });
        (0, node_test_1.it)('should let a rejected event take its (source, id) again once corrected', async () => {
            const first = await h.post([aMalformedEvent('retry-1')]);
            strict_1.default.equal(first.body.results[0].status, 'rejected');
            const second = await h.post([anEvent('retry-1')]);
            strict_1.default.equal(second.body.results[0].status, 'accepted');
            strict_1.default.equal((await logRows(h, ['retry-1'])).length, 1);
        });
        (0, node_test_1.it)('should accept the valid occurrence of a pair whose earlier occurrence in the same request was invalid', async () => {
            const answer = await h.post([aMalformedEvent('retry-2'), anEvent('retry-2')]);
            strict_1.default.deepEqual(answer.body.results.map((r) => r.status), ['rejected', 'accepted']);
        });
    });
    (0, node_test_1.describe)('duplicates and conflicts', () => {
        (0, node_test_1.it)('should answer the same event in a later request as a duplicate and store it once', async () => {
            await h.post([anEvent('dup-1')]);
            const answer = await h.post([anEvent('dup-1')]);
            strict_1.default.deepEqual(answer.body, { accepted: 0, duplicates: 1, rejected: 0, results: [{ source: '/psa/acme-psa/eu1', id: 'dup-1', status: 'duplicate' }] });
            strict_1.default.equal((await logRows(h, ['dup-1'])).length, 1);
        });
        (0, node_test_1.it)('should answer the second occurrence in the same request as a duplicate', async () => {
            const answer = await h.post([anEvent('dup-2'), anEvent('dup-3'), anEvent('dup-2')]);
            strict_1.default.deepEqual(answer.body.results.map((r) => r.status), ['accepted', 'accepted', 'duplicate']);
            strict_1.default.equal((await logRows(h, ['dup-2'])).length, 1);
        });
        (0, node_test_1.it)('should count key order and whitespace as the same content', async () => {
            const event = anEvent('dup-4');
            await h.post(event);
            const reordered = JSON.stringify(Object.fromEntries(Object.entries(event).reverse()), null, 2);
            const answer = await h.post(reordered, 'application/cloudevents+json');
            strict_1.default.equal(answer.body.results[0].status, 'duplicate');
        });
        (0, node_test_1.it)('should reject the same pair with different content as a conflict and keep it for review', async () => {
            await h.post([anEvent('conflict-1')]);
            const changed = anEvent('conflict-1', { data: { invoiceId: 'INV-1', channel: 'portal' } });
            const answer = await h.post([changed]);
            strict_1.default.equal(answer.body.rejected, 1);
            strict_1.default.deepEqual(answer.body.results[0], {
                source: '/psa/acme-psa/eu1', id: 'conflict-1', status: 'rejected',
                errors: [{ path: '', message: 'expected the same content as the event already accepted with this source and id, got different content: a conflict (kept for review; an id cannot be reused for other content)' }],
            });
            const [logged] = await logRows(h, ['conflict-1']);
            strict_1.default.deepEqual(logged.envelope.data, { invoiceId: 'INV-1', channel: 'email' });
            const [rejected] = await rejectedRows(h, ['conflict-1']);
            strict_1.default.equal(rejected.reason, 'conflict');
            strict_1.default.deepEqual(rejected.body, changed);
            strict_1.default.equal(rejected.errors[0].path, '');
        });
        (0, node_test_1.it)('should reject a conflicting second occurrence within the same request', async () => {
            const answer = await h.post([anEvent('conflict-2'), anEvent('conflict-2', { time: '2025-03-02T09:30:00Z' }), anEvent('conflict-2')]);
            strict_1.default.deepEqual(answer.body.results.map((r) => r.status), ['accepted', 'rejected', 'duplicate']);
            strict_1.default.match(answer.body.results[1].errors[0].message, /accepted earlier in this request/);
        });
        (0, node_test_1.it)('should answer new events, duplicates and conflicts of logged events mixed in one request, storing the new ones in request order', async () => {
            await h.post([anEvent('mixed-old-1'), anEvent('mixed-old-2')]);
            const answer = await h.post([
                anEvent('mixed-new-1'), anEvent('mixed-old-1'), anEvent('mixed-new-2'), anEvent('mixed-old-2', { time: '2025-03-02T09:30:00Z' }), anEvent('mixed-new-3'),
            ]);
            strict_1.default.deepEqual(answer.body.results.map((r) => [r.id, r.status]), [
                ['mixed-new-1', 'accepted'], ['mixed-old-1', 'duplicate'], ['mixed-new-2', 'accepted'], ['mixed-old-2', 'rejected'], ['mixed-new-3', 'accepted'],
            ]);
            strict_1.default.match(answer.body.results[3].errors[0].message, /already accepted/);
            strict_1.default.deepEqual([answer.body.accepted, answer.body.duplicates, answer.body.rejected], [3, 1, 1]);
            const rows = await logRows(h, ['mixed-old-1', 'mixed-old-2', 'mixed-new-1', 'mixed-new-2', 'mixed-new-3']);
            strict_1.default.deepEqual(rows.map((r) => r.event_id), ['mixed-old-1', 'mixed-old-2', 'mixed-new-1', 'mixed-new-2', 'mixed-new-3']);
            strict_1.default.equal(rows[1].event_time.toISOString(), '2025-03-01T09:30:00.000Z');
        });
        (0, node_test_1.it)('should answer a request whose every event is already logged without inserting anything', async () => {
            await h.post([anEvent('all-old-1'), anEvent('all-old-2')]);
            const answer = await h.post([anEvent('all-old-2'), anEvent('all-old-1', { time: '2025-03-02T09:30:00Z' })]);
            strict_1.default.deepEqual(answer.body.results.map((r) => r.status), ['duplicate', 'rejected']);
            strict_1.default.equal((await logRows(h, ['all-old-1', 'all-old-2'])).length, 2);
        });
        (0, node_test_1.it)('should treat the same id from another source as another event', async () => {
            const answer = await h.post([anEvent('shared-id'), anEvent('shared-id', { source: '/erp/netsuite/us' })]);
            strict_1.default.deepEqual(answer.body.results.map((r) => r.status), ['accepted', 'accepted']);
        });
    });
    (0, node_test_1.describe)('refusing a request', () => {
        const expectError = (answer, status, code, message) => {
            strict_1.default.equal(answer.status, status);
            strict_1.default.equal(answer.body.error.code, code);
            strict_1.default.equal(typeof answer.body.error.message, 'string');
            if (message)
                strict_1.default.match(answer.body.error.message, message);
        };
        (0, node_test_1.it)('should answer 400 to a body that is not JSON', async () => {
            expectError(await h.post('{"specversion": "1.0",'), 400, 'INVALID_JSON', /^expected a JSON body, got text that does not parse/);
        });
        (0, node_test_1.it)('should answer 400 to a body that is not UTF-8', async () => {
            const answer = await h.request('POST', '/events', { headers: { 'content-type': 'application/json' }, body: Buffer.from([0x22, 0xff, 0xfe, 0x22]) });
            expectError(answer, 400, 'INVALID_JSON', /not valid UTF-8/);
        });
        (0, node_test_1.it)('should answer 400 to JSON that is neither an event object nor an array', async () => {
            expectError(await h.post('42'), 400, 'NOT_AN_EVENT', /^expected an event object or an array of events, got 42 \(a number\)$/);
            expectError(await h.post('"event"'), 400, 'NOT_AN_EVENT');
            expectError(await h.post('null'), 400, 'NOT_AN_EVENT');
        });
        (0, node_test_1.it)('should answer 400 to an empty array', async () => {
            expectError(await h.post([]), 400, 'EMPTY_BATCH', /^expected at least one event, got an empty array$/);
        });
        (0, node_test_1.it)('should answer 400 to an array sent as a single event and an object sent as a batch', async () => {
            expectError(await h.post([anEvent('shape-1')], 'application/cloudevents+json'), 400, 'NOT_AN_EVENT', /application\/cloudevents-batch\+json/);
            expectError(await h.post(anEvent('shape-2'), 'application/cloudevents-batch+json'), 400, 'NOT_A_BATCH');
            strict_1.default.equal((await logRows(h, ['shape-1', 'shape-2'])).length, 0);
        });
        (0, node_test_1.it)('should answer 413 to more than 1000 events and store none of them', async () => {
            const events = Array.from({ length: 1001 }, (_, i) => anEvent(`many-${i}`));
            expectError(await h.post(events), 413, 'TOO_MANY_EVENTS', /^expected at most 1000 events per request, got 1001$/);
            strict_1.default.equal((await logRows(h, ['many-0'])).length, 0);
        });
        (0, node_test_1.it)('should accept exactly 1000 events', async () => {
            const events = Array.from({ length: 1000 }, (_, i) => anEvent(`thousand-${i}`));
            const answer = await h.post(events);
            strict_1.default.equal(answer.status, 202);
            strict_1.default.equal(answer.body.accepted, 1000);
        });
        (0, node_test_1.it)('should answer 413 to a body over 4 MiB declared by Content-Length', async () => {
            const padding = 'x'.repeat(4 * 1024 * 1024);
            expectError(await h.post([anEvent('huge-1', { padding })]), 413, 'PAYLOAD_TOO_LARGE', /^expected a body of at most 4194304 bytes, got a Content-Length of \d+$/);
        });
        (0, node_test_1.it)('should answer 413 to a chunked body as soon as it passes 4 MiB', async () => {
            const chunk = 'x'.repeat(1024 * 1024);
            const answer = await new Promise((resolve, reject) => {
                const req = node_http_1.default.request(`${h.baseUrl}/events`, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
                    let text = '';
                    res.on('data', (d) => (text += d));
                    res.on('end', () => {
                        req.destroy(); // stop sending the rest
                        resolve({ status: res.statusCode, body: JSON.parse(text) });
                    });
                });
                req.on('error', (error) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
                req.write('[');
                // 64 MiB offered; the server stops reading after the first 4.
                let sent = 0;
                const writeMore = () => {
                    while (sent < 64 && req.write(chunk))
                        sent++;
                    if (sent < 64 && !req.destroyed)
                        req.once('drain', () => (sent++, writeMore()));
                    else
                        req.end();
                };
                writeMore();
            });
            expectError(answer, 413, 'PAYLOAD_TOO_LARGE', /collecting stopped after \d+ bytes/);
        });
        (0, node_test_1.it)('should answer 415 to another content type, a missing one or a charset other than UTF-8', async () => {
            expectError(await h.post(anEvent('ct-1'), 'text/plain'), 415, 'UNSUPPORTED_MEDIA_TYPE', /application\/cloudevents\+json/);
            expectError(await h.post(anEvent('ct-2'), 'application/json; charset=latin1'), 415, 'UNSUPPORTED_MEDIA_TYPE', /utf-8/);
            expectError(await h.request('POST', '/events', { body: new Uint8Array(Buffer.from(JSON.stringify(anEvent('ct-3')))) }), 415, 'UNSUPPORTED_MEDIA_TYPE', /got none$/);
            strict_1.default.equal((await logRows(h, ['ct-1', 'ct-2', 'ct-3'])).length, 0);
        });
        (0, node_test_1.it)('should answer 405 with Allow to other methods and 404 to other paths, in JSON', async () => {
            const get = await h.request('GET', '/events');
            expectError(get, 405, 'METHOD_NOT_ALLOWED', /^expected POST \/events, got GET \/events$/);
            strict_1.default.equal(get.headers.get('allow'), 'POST');
            const post = await h.request('POST', '/status');
            expectError(post, 405, 'METHOD_NOT_ALLOWED');
            strict_1.default.equal(post.headers.get('allow'), 'GET');
            expectError(await h.request('GET', '/nowhere'), 404, 'NOT_FOUND', /^expected POST \/events, or GET \/status, \/parked, \/exceptions, \/rejected, \/audit, \/healthz, \/readyz or \/metrics, got GET \/nowhere$/);
        });
    });
    (0, node_test_1.describe)('durability', () => {
        (0, node_test_1.it)('should answer 202 only after COMMIT: the events are visible to a fresh connection when the answer arrives', async () => {
            // Hold the writers' lock: the request must wait for it, so no answer may arrive before we release it.
            const blocker = new pg_1.Client({ connectionString: h.db.url });
            await blocker.connect();
            try {
                await blocker.query('BEGIN');
                await blocker.query('SELECT pg_advisory_xact_lock($1)', [eventLog_1.EVENT_LOG_WRITE_LOCK_KEY]);
                let answered = false;
                const pending = h.post([anEvent('durable-1'), anEvent('durable-2')]).then((answer) => ((answered = true), answer));
                await new Promise((resolve) => setTimeout(resolve, 300));
                strict_1.default.equal(answered, false, 'answered while the event log was locked');
                await blocker.query('COMMIT');
                const answer = await pending;
                strict_1.default.equal(answer.body.accepted, 2);
                const fresh = new pg_1.Client({ connectionString: h.db.url });
                await fresh.connect();
                const { rows } = await fresh.query(`SELECT event_id FROM hub.event_log WHERE event_id IN ('durable-1', 'durable-2')`);
                await fresh.end();
                strict_1.default.equal(rows.length, 2);
            }
            finally {
                await blocker.end();
            }
        });
        (0, node_test_1.it)('should NOTIFY servicegraph_events with the last position after accepting', async () => {
            const listener = new pg_1.Client({ connectionString: h.db.url });
            await listener.connect();
            try {
                await listener.query(`LISTEN ${channels_1.EVENTS_CHANNEL}`);
                const notified = new Promise((resolve) => listener.on('notification', (n) => resolve(n.payload)));
                await h.post([anEvent('notify-1'), anEvent('notify-2')]);
                const payload = await notified;
                const rows = await logRows(h, ['notify-1', 'notify-2']);
                strict_1.default.equal(payload, rows[1].position);
            }
            finally {
                await listener.end();
            }
        });
        (0, node_test_1.it)('should keep every accepted event when many requests arrive at once', async () => {
            const requests = Array.from({ length: 12 }, (_, r) => h.post(Array.from({ length: 50 }, (_, i) => anEvent(`concurrent-${r}-${i}`))));
            const answers = await Promise.all(requests);
            strict_1.default.deepEqual(answers.map((a) => a.body.accepted), Array(12).fill(50));
            const { rows } = await h.db.pool.query(`SELECT count(*)::int AS n FROM hub.event_log WHERE event_id LIKE 'concurrent-%'`);
            strict_1.default.equal(rows[0].n, 600);
        });
    });
});
(0, node_test_1.describe)('when the database fails', () => {
    (0, node_test_1.it)('should answer 503 with a JSON error and accept nothing', async () => {
        const pool = new pg_1.Pool({ connectionString: 'postgres://postgres@127.0.0.1:1/nowhere', connectionTimeoutMillis: 2000 });
        pool.on('error', () => undefined);
        const server = await (0, server_1.startIngestServer)({ pool, host: '127.0.0.1', port: 0 });
        try {
            const response = await fetch(`http://127.0.0.1:${server.port}/events`, {
                method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([anEvent('down-1')]),
            });
            strict_1.default.equal(response.status, 503);
            const body = (await response.json());
            strict_1.default.equal(body.error.code, 'DATABASE_UNAVAILABLE');
            strict_1.default.match(body.error.message, /no event of the request was accepted/);
            const status = await fetch(`http://127.0.0.1:${server.port}/status`);
            strict_1.default.equal(status.status, 503);
        }
        finally {
            await server.close();
            await pool.end();
        }
    });
    (0, node_test_1.it)('should roll back everything of the request when a statement fails midway', async () => {
        const h = await (0, ingestHarness_1.startIngestHarness)();
        try {
            // Make the counter update fail: events inserted before it in the same transaction must vanish.
            await h.db.pool.query(`ALTER TABLE hub.counter ADD CONSTRAINT counter_small CHECK (value < 1)`);
            const answer = await h.post([anEvent('rollback-1'), aMalformedEvent('rollback-2')]);
            strict_1.default.equal(answer.status, 503);
            strict_1.default.equal((await logRows(h, ['rollback-1'])).length, 0);
            strict_1.default.equal((await rejectedRows(h, ['rollback-2'])).length, 0);
            await h.db.pool.query(`ALTER TABLE hub.counter DROP CONSTRAINT counter_small`);
            const retry = await h.post([anEvent('rollback-1')]);
            strict_1.default.equal(retry.body.results[0].status, 'accepted');
        }
        finally {
            await h.close();
        }
    });
});
(0, node_test_1.describe)('GET /status', () => {
    let h;
    (0, node_test_1.before)(async () => (h = await (0, ingestHarness_1.startIngestHarness)()));
    (0, node_test_1.after)(() => h.close());
    (0, node_test_1.it)('should start at zero', async () => {
        const answer = await h.request('GET', '/status');
        strict_1.default.equal(answer.status, 200);
        strict_1.default.deepEqual(answer.body, { received: 0, applied: 0, parked: 0, duplicates: 0, rejected: 0, exceptions: 0, pending: 0, stale: 0 });
    });
    (0, node_test_1.it)('should count accepted, duplicate and rejected answers', async () => {
        await h.post([anEvent('s-1'), anEvent('s-2'), anEvent('s-1'), aMalformedEvent('s-3')]);
        await h.post([anEvent('s-2'), anEvent('s-2', { time: '2025-01-01T00:00:00Z' }), anEvent('s-4')]);
        const answer = await h.request('GET', '/status');
        strict_1.default.deepEqual(answer.body, { received: 3, applied: 0, parked: 0, duplicates: 2, rejected: 2, exceptions: 0, pending: 3, stale: 0 });
    });
    (0, node_test_1.it)('should not count refused requests', async () => {
        await h.post('not json');
        await h.post(anEvent('s-5'), 'text/plain');
        strict_1.default.equal((await h.request('GET', '/status')).body.received, 3);
    });
    (0, node_test_1.it)('should compute pending as received − applied − parked − stale, with the listeners\' counters', async () => {
        for (let i = 0; i < 7; i++)
            await h.post(anEvent(`p-${i}`));
        // What listeners write: 4 applied (1 of them an exception), 1 parked, 2 stale.
        await h.db.pool.query(`UPDATE hub.counter SET value = CASE name WHEN 'applied' THEN 4 WHEN 'exceptions' THEN 1 WHEN 'stale' THEN 2 ELSE value END`);
        await h.db.pool.query(`INSERT INTO hub.parked_event (position, waiting_for, reason) SELECT position, 'invoice:INV-1', 'test' FROM hub.event_log WHERE event_id = 'p-0'`);
        const answer = await h.request('GET', '/status');
        strict_1.default.deepEqual(answer.body, { received: 10, applied: 4, parked: 1, duplicates: 2, rejected: 2, exceptions: 1, pending: 3, stale: 2 });
        strict_1.default.deepEqual(await (0, status_1.readIngestStatus)(h.db.pool), answer.body);
    });
});
(0, node_test_1.describe)('durability settings', () => {
    (0, node_test_1.it)('should commit accepted events with synchronous_commit on even when the database defaults to off', async () => {
        const h = await (0, ingestHarness_1.startIngestHarness)();
        try {
            const database = new URL(h.db.url).pathname.slice(1);
            await h.db.pool.query(`ALTER DATABASE "${database}" SET synchronous_commit = off`);
            const pool = new pg_1.Pool({ connectionString: h.db.url, max: 1 });
            // Like every pool of the application (db/dataSource.ts): an idle client ended by the server must not be an uncaught error.
            pool.on('error', () => undefined);
            try {
                const client = await pool.connect();
                strict_1.default.equal((await client.query(`SHOW synchronous_commit`)).rows[0].synchronous_commit, 'off');
                // The store's transaction raises it for itself only (SET LOCAL semantics).
                client.release();
                // A pool whose clients report synchronous_commit just before the round trip that commits.
                const seen = [];
                const spy = new Proxy(pool, {
                    get: (target, prop) => prop === 'connect'
                        ? async () => {
                            const c = await target.connect();
                            const query = c.query.bind(c);
                            c.query = (...args) => {
                                // The store commits at the end of its last round trip (after the counters and the notification).
                                if (typeof args[0] === 'string' && /(^|;\s*)COMMIT$/.test(args[0])) {
                                    return query(`SHOW synchronous_commit`).then((r) => (seen.push(r.rows[0].synchronous_commit), query(...args)));
                                }
                                return query(...args);
                            };
                            return c;
                        }
                        : Reflect.get(target, prop),
                });
                const result = await (0, eventStore_1.storeEvents)(spy, (0, prepare_1.prepareEvents)([anEvent('sync-1')]));
                strict_1.default.equal(result.accepted, 1);
                strict_1.default.deepEqual(seen, ['on']);
            }
            finally {
                await pool.end();
            }
        }
        finally {
            await h.close();
        }
    });
});
//# sourceMappingURL=ingest.int.test.js.map