"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.keyOf = keyOf;
exports.rowKey = rowKey;
exports.sequenceKey = sequenceKey;
exports.parseKey = parseKey;
/**
 * Readable keys naming one row of the read model ("time_entry:te-17") or one
 * step of a stream ("sequence:%2Fpsa%2Facme/te-17/3"). Parked events wait on a
 * key; writing the row (or applying the sequence step) releases them.
 *
 * Keys are stored (`hub.parked_event.waiting_for`), so their text never
 * changes: each id part is percent-encoded as `encodeURIComponent` does. Most
 * ids need no encoding, and the projector builds several keys per event, so
 * those parts are taken as they are instead of being copied by the encoder.
 */
const rows_1 = require("./rows");
/** Characters `encodeURIComponent` would change (everything outside A-Z a-z 0-9 - _ . ! ~ * ' ( )). */
const NEEDS_ENCODING = /[^A-Za-z0-9\-_.!~*'()]/;
/** Parts that needed encoding, encoded: sources ("/psa/acme/eu1") name every stream key and are few. */
const encoded = new Map();
const ENCODED_KEPT = 1000;
function encodePart(part) {
    if (!NEEDS_ENCODING.test(part))
        return part;
    let text = encoded.get(part);
    if (text === undefined) {
        if (encoded.size >= ENCODED_KEPT)
            encoded.clear();
        encoded.set(part, (text = encodeURIComponent(part)));
    }
    return text;
}
function decodePart(part) {
    return part.includes('%') ? decodeURIComponent(part) : part;
}
function keyOf(table, ...idParts) {
    if (idParts.length === 1)
        return `${table}:${encodePart(idParts[0])}`;
    return `${table}:${idParts.map(encodePart).join('/')}`;
}
function rowKey(table, row) {
    const key = rows_1.TABLES[table].key;
    if (key.length === 1)
        return keyOf(table, String(row[key[0]]));
    return keyOf(table, ...key.map((field) => String(row[field])));
}
/** The key released when sequence `sequence` of (source, subject) has been applied. */
function sequenceKey(source, subject, sequence) {
    return `sequence:${encodePart(source)}/${encodePart(subject)}/${sequence}`;
}
/** The parts of a row key, decoded. */
function parseKey(key) {
    const colon = key.indexOf(':');
    return { kind: key.slice(0, colon), parts: key.slice(colon + 1).split('/').map(decodePart) };
}
//# sourceMappingURL=keys.js.map