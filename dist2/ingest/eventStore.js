"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.storeEvents = storeEvents;
exports.storeEventGroup = storeEventGroup;
const channels_1 = require("../hub/channels");
const eventLog_1 = require("../hub/eventLog");
const status_1 = require("../hub/status");
const prepare_1 = require("./prepare");
/**
 * Writes the events of one or more requests to the hub's tables in ONE
 * transaction (a group commit, see ingest/groupCommit.ts): new events appended
 * to hub.event_log (hub/eventLog.ts), rejected ones (invalid or conflicting) into
 * hub.rejected_event, and the counters 'received', 'duplicates', 'rejected'.
 * Each request is answered exactly as if the requests had been stored one
 * after the other in the order given. The caller answers only after this
 * resolves: accepted means committed.
 */
/** Validated, hashed events of one request in; the committed outcome out. Throws (and writes nothing) when the database fails. */
async function storeEvents(pool, prepared) {
    return (await storeEventGroup(pool, [prepared]))[0];
}
/**
 * The prepared events of several requests in arrival order; one outcome per
 * request, in the same order. Throws (and writes nothing of any of them)
 * when the database fails. `onCommitted` hears, after the COMMIT, of the
 * events inserted when they were all that was offered (no duplicate, no
 * conflict) and so sit at consecutive positions: the listeners of this
 * process take them from memory (hub/logTail.ts).
 */
async function storeEventGroup(pool, requests, onCommitted) {
    // Everything that needs no database is done before the lock is taken.
    const offered = offeredToLog(requests);
    // The canonical JSON prepared for hashing is the envelope's JSON too: not printed a second time.
    const envelopes = `[${offered.events.map((item) => item.canonical).join(',')}]`;
    const hashes = offered.events.map((item) => item.hash);
    const client = await pool.connect();
    let broken;
    try {
        // One round trip (the lock's key is a numeric constant). Accepted
        // means durable: should the session or database run with
        // synchronous_commit = off, this transaction still waits for its WAL flush.
        await client.query(`BEGIN;
       SELECT set_config('synchronous_commit', 'on', true) WHERE current_setting('synchronous_commit') = 'off';
       ${eventLog_1.LOCK_EVENT_LOG}`);
        try {
            const written = await (0, eventLog_1.appendToLog)(client, envelopes, hashes);
            const existing = written.count < offered.events.length ? await readExistingHashes(client, offered.events, written.firstPosition) : new Map();
            if (written.count + existing.size !== offered.events.length) {
                throw new Error(`event log answered ${written.count} inserted and ${existing.size} existing for ${offered.events.length} events offered`);
            }
            const outcomes = requests.map((prepared, request) => (0, prepare_1.resolveOutcome)(prepared, logAnswerFor(request, prepared, offered, existing)));
            await insertRejections(client, outcomes.flatMap((outcome) => outcome.rejections));
            const results = outcomes.map((outcome) => outcome.result);
            await client.query(countAndCommit(results, written.lastPosition));
            if (onCommitted && written.count === offered.events.length && (0, eventLog_1.isRun)(written)) {
                onCommitted({ firstPosition: written.firstPosition, envelopes: offered.events.map((item) => item.canonical) });
            }
            return results;
        }
        catch (error) {
            await client.query('ROLLBACK').catch((rollbackError) => (broken = rollbackError));
            throw error;
        }
    }
    catch (error) {
        broken ??= error;
        throw error;
    }
    finally {
        // A connection whose transaction failed is discarded, not reused.
        client.release(broken);
    }
}
function offeredToLog(requests) {
    const events = [];
    const requestOf = new Map();
    const hashOf = new Map();
    requests.forEach((prepared, request) => {
        for (const item of prepared) {
            if (item.kind !== 'valid' || !item.first || requestOf.has(item.key))
                continue;
            events.push(item);
            requestOf.set(item.key, request);
            hashOf.set(item.key, item.hash);
        }
    });
    return { events, requestOf, hashOf };
}
/**
 * What the log says to one request of the group, as it would have said had
 * the earlier requests committed before it: a pair inserted by an earlier
 * request of the group is already in the log (with that request's content);
 * a pair this request offered first and the log did not have is inserted.
 */
function logAnswerFor(request, prepared, offered, existingBefore) {
    const inserted = new Set();
    const existing = new Map();
    for (const item of prepared) {
        if (item.kind !== 'valid' || !item.first)
            continue;
        const stored = existingBefore.get(item.key);
        if (stored !== undefined)
            existing.set(item.key, stored);
        else if (offered.requestOf.get(item.key) === request)
            inserted.add(item.key);
        else
            existing.set(item.key, offered.hashOf.get(item.key));
    }
    return { inserted, existing };
}
/** Content hashes of the offered pairs that were in the log before this transaction appended `firstInserted`. */
async function readExistingHashes(client, events, firstInserted) {
    const existing = new Map();
    const rows = await (0, eventLog_1.readStoredHashes)(client, events.map((item) => item.source), events.map((item) => item.id), firstInserted);
    for (const row of rows)
        existing.set((0, prepare_1.pairKey)(row.source, row.event_id), row.content_hash);
    return existing;
}
async function insertRejections(client, rejections) {
    if (rejections.length === 0)
        return;
    const rows = rejections.map((r, ord) => ({ ord, source: r.source, event_id: r.eventId, reason: r.reason, errors: r.errors, body: r.body }));
    await client.query(`INSERT INTO hub.rejected_event (source, event_id, reason, errors, body)
     SELECT r.source, r.event_id, r.reason, r.errors, r.body
       FROM jsonb_to_recordset($1::jsonb) AS r(ord int, source text, event_id text, reason text, errors jsonb, body jsonb)
      ORDER BY r.ord`, [JSON.stringify(rows)]);
}
/**
 * The counters 'received', 'duplicates', 'rejected', the notification and the
 * COMMIT in one round trip, so the lock is held for one fewer wait. The
 * values are numbers this module computed (and a position Postgres gave it),
 * written as literals: a simple query with several statements takes no
 * parameters. The notification (the last position written, if anything was
 * accepted) is delivered only on commit; listeners wake at once instead of at
 * their next poll.
 */
function countAndCommit(results, lastPosition) {
    const total = (count) => results.reduce((sum, result) => sum + count(result), 0);
    const statements = [];
    const counted = (0, status_1.addToCounters)([['received', total((r) => r.accepted)], ['duplicates', total((r) => r.duplicates)], ['rejected', total((r) => r.rejected)]]);
    if (counted !== undefined)
        statements.push(counted);
    if (lastPosition !== undefined)
        statements.push(`SELECT pg_notify('${channels_1.EVENTS_CHANNEL}', '${(0, status_1.integerLiteral)(lastPosition)}')`);
    statements.push('COMMIT');
    return statements.join(';\n');
}
//# sourceMappingURL=eventStore.js.map