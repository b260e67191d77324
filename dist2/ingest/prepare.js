"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MAX_EVENT_BYTES = exports.FORBIDDEN_SOURCE = void 0;
exports.pairKey = pairKey;
exports.prepareEvents = prepareEvents;
exports.resolveOutcome = resolveOutcome;
const principal_1 = require("../access/principal");
const canonical_1 = require("../events/canonical");
const storable_1 = require("../events/storable");
const validate_1 = require("../events/validate");
const values_1 = require("../events/values");
function pairKey(source, id) {
    return `${source}\u0000${id}`;
}
function stringField(raw, field) {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
        return null;
    const value = raw[field];
    return typeof value === 'string' ? value : null;
}
/** The error code of an event whose `source` the sender's token may not send. */
exports.FORBIDDEN_SOURCE = 'FORBIDDEN_SOURCE';
/**
 * Validates and hashes every event of a request, in order. An event whose
 * `source` is outside the `sources` of the sender's principal is rejected
 * alone, before validation, with FORBIDDEN_SOURCE.
 */
/**
 * The largest event accepted, as JSON (its canonical text: unknown fields
 * included). The catalogue's events are well under 4 KiB; a sender's own
 * fields may add to that, but not without bound: every event is kept in the
 * log, read by the listeners and copied into the rejected events' record.
 */
exports.MAX_EVENT_BYTES = 64 * 1024;
function prepareEvents(raws, sender = principal_1.OPEN_PRINCIPAL) {
    const seen = new Set();
    return raws.map((raw) => {
        const claimed = sender.sources === null ? null : stringField(raw, 'source');
        if (claimed !== null && !(0, principal_1.mayUseSource)(sender, claimed)) {
            return { kind: 'invalid', reason: 'forbidden', source: claimed, id: stringField(raw, 'id'), errors: [forbiddenSource(sender, claimed)], body: rejectedCopy(raw) };
        }
        const result = (0, validate_1.validateEvent)(raw);
        if (!result.ok) {
            return { kind: 'invalid', reason: 'invalid', source: stringField(raw, 'source'), id: stringField(raw, 'id'), errors: result.errors, body: rejectedCopy(raw) };
        }
        const { source, id } = result.event;
        const key = pairKey(source, id);
        const first = !seen.has(key);
        const canonical = (0, canonical_1.canonicalJson)(raw);
        // Characters first: a string of n UTF-16 units has at most 3n bytes, so most events need no byte count.
        const bytes = canonical.length * 3 <= exports.MAX_EVENT_BYTES ? canonical.length : Buffer.byteLength(canonical);
        if (bytes > exports.MAX_EVENT_BYTES) {
            return {
                kind: 'invalid', reason: 'invalid', source, id, errors: [oversize(bytes)],
                body: summaryOf(raw, bytes),
            };
        }
        seen.add(key);
        return { kind: 'valid', key, source, id, canonical, hash: (0, canonical_1.hashOfCanonical)(canonical), first };
    });
}
/** The copy of a rejected event that is kept: the event as received, or a summary of one over MAX_EVENT_BYTES. */
function rejectedCopy(raw) {
    const body = (0, storable_1.toStorable)(raw);
    const text = JSON.stringify(body) ?? '';
    if (text.length * 3 <= exports.MAX_EVENT_BYTES)
        return body;
    const bytes = Buffer.byteLength(text);
    return bytes <= exports.MAX_EVENT_BYTES ? body : summaryOf(body, bytes);
}
/** Not the whole event: what it was (its envelope's ids, when they are short text) and how large. */
function summaryOf(raw, bytes) {
    const summary = { oversize: true, bytes };
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
        return summary;
    for (const field of ['specversion', 'id', 'source', 'type', 'subject', 'time']) {
        const value = raw[field];
        if (typeof value === 'string' && value.length <= 1000)
            summary[field] = value;
    }
    return summary;
}
function oversize(bytes) {
    return { path: '', message: `expected an event of at most ${exports.MAX_EVENT_BYTES} bytes of JSON (unknown fields included), got ${bytes} bytes` };
}
function forbiddenSource(sender, source) {
    return {
        path: 'source', code: exports.FORBIDDEN_SOURCE,
        message: `expected a source starting with ${sender.sources.map((prefix) => JSON.stringify(prefix)).join(' or ')} (the token's sources), got ${JSON.stringify(source)}`,
    };
}
/**
 * Decides each event's status once the log has answered. The reference
 * content of a (source, id) is the event already in the log, or else the
 * first occurrence in this request (which this request inserted); every other
 * occurrence with the same hash is a duplicate, with another hash a conflict.
 */
function resolveOutcome(prepared, log) {
    const reference = new Map();
    for (const item of prepared) {
        if (item.kind !== 'valid' || !item.first)
            continue;
        const stored = log.existing.get(item.key);
        if (stored !== undefined)
            reference.set(item.key, { hash: stored, earlierInRequest: false });
        else if (log.inserted.has(item.key))
            reference.set(item.key, { hash: item.hash, earlierInRequest: true });
        else
            throw new Error(`event log answered neither inserted nor existing for ${JSON.stringify(item.key.split('\u0000'))}`);
    }
    let accepted = 0;
    let duplicates = 0;
    const rejections = [];
    const results = prepared.map((item) => {
        if (item.kind === 'invalid') {
            rejections.push({ source: storableId(item.source), eventId: storableId(item.id), reason: item.reason, errors: item.errors, body: item.body });
            return { source: item.source, id: item.id, status: 'rejected', errors: item.errors };
        }
        const { source, id } = item;
        const ref = reference.get(item.key);
        if (item.first && ref.earlierInRequest) {
            accepted++;
            return { source, id, status: 'accepted' };
        }
        if (item.hash === ref.hash) {
            duplicates++;
            return { source, id, status: 'duplicate' };
        }
        const errors = [{ path: '', message: conflictMessage(ref.earlierInRequest) }];
        // Canonical JSON is JSON of the event as received: parsed, it is that event.
        rejections.push({ source, eventId: id, reason: 'conflict', errors, body: JSON.parse(item.canonical) });
        return { source, id, status: 'rejected', errors };
    });
    return { result: { accepted, duplicates, rejected: rejections.length, results }, rejections };
}
function conflictMessage(earlierInRequest) {
    const where = earlierInRequest ? 'accepted earlier in this request' : 'already accepted';
    return `expected the same content as the event ${where} with this source and id, got different content: a conflict (kept for review; an id cannot be reused for other content)`;
}
/** Ids go to indexed text columns of hub.rejected_event: only when Postgres can store and index them. */
function storableId(value) {
    if (value === null)
        return null;
    const text = (0, storable_1.toStorable)(value);
    return Buffer.byteLength(text, 'utf8') <= values_1.MAX_ID_BYTES ? text : null;
}
//# sourceMappingURL=prepare.js.map