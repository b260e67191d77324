"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.canonicalJson = canonicalJson;
exports.contentHash = contentHash;
exports.hashOfCanonical = hashOfCanonical;
const node_crypto_1 = require("node:crypto");
/**
 * Canonical JSON and the content hash that tells a duplicate from a conflict.
 *
 * "Identical content" (docs/events.md#duplicates-and-conflicts) means: the whole
 * received envelope — every attribute, extensions included, and all of `data`,
 * unknown fields included — is the same JSON value. What JSON does not
 * distinguish does not count: key order, whitespace, escapes and the spelling
 * of a number (`7.50`, `7.5` and `75e-1` are one JSON number). Anything else
 * does: `7.5` and `"7.5"` differ, a changed `time` differs, an added extension
 * differs. The hash is over the event as received, not the normalized one, so
 * it never changes when validation normalizes differently in a later release.
 * A sender that retries must resend the same event; per-delivery metadata
 * belongs in HTTP headers, not in the envelope.
 */
/**
 * JSON text of `value` with object keys sorted (by UTF-16 code units, as
 * `Array.prototype.sort` does) at every level, and no whitespace. Numbers are
 * written as `JSON.stringify` writes them (the shortest text that reads back
 * as the same number). The text is JSON of the same value, so it may stand
 * for the event wherever JSON is expected (ingest sends it to the event log).
 */
function canonicalJson(value) {
    if (typeof value === 'string')
        return quoted(value);
    if (typeof value === 'number')
        return Number.isFinite(value) ? String(value) : 'null';
    if (value === null || typeof value !== 'object')
        return JSON.stringify(value) ?? 'null';
    if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++)
            out += (i > 0 ? ',' : '') + canonicalJson(value[i] === undefined ? null : value[i]);
        return out + ']';
    }
    const record = value;
    const fields = sortedFields(Object.keys(record));
    let out = '{';
    let first = true;
    for (let i = 0; i < fields.length; i++) {
        const item = record[fields[i].key];
        if (item === undefined)
            continue;
        out += (first ? '' : ',') + fields[i].label + canonicalJson(item);
        first = false;
    }
    return out + '}';
}
/**
 * JSON.stringify of a string, without calling it for the text nearly all
 * values are: nothing JSON escapes (a quote, a backslash, a control
 * character, a surrogate, which it escapes when unpaired).
 */
function quoted(text) {
    for (let i = 0; i < text.length; i++) {
        const code = text.charCodeAt(i);
        if (code < 0x20 || code === 0x22 || code === 0x5c || (code >= 0xd800 && code <= 0xdfff))
            return JSON.stringify(text);
    }
    return `"${text}"`;
}
const ORDERS = { next: new Map() };
const MAX_ORDER_NODES = 10_000;
let orderNodes = 0;
function sortedFields(keys) {
    let node = ORDERS;
    for (let i = 0; i < keys.length && node !== undefined; i++) {
        let next = node.next.get(keys[i]);
        if (next === undefined && orderNodes < MAX_ORDER_NODES) {
            next = { next: new Map() };
            node.next.set(keys[i], next);
            orderNodes++;
        }
        node = next;
    }
    if (node?.fields !== undefined)
        return node.fields;
    const fields = [...keys].sort().map((key) => ({ key, label: `${JSON.stringify(key)}:` }));
    if (node !== undefined)
        node.fields = fields;
    return fields;
}
/** sha256 (hex) of the canonical JSON of `raw`: equal for duplicates, different for conflicts. */
function contentHash(raw) {
    return hashOfCanonical(canonicalJson(raw));
}
/** contentHash for a caller that keeps the canonical JSON too (one-shot hashing: no Hash object per event). */
function hashOfCanonical(canonical) {
    return (0, node_crypto_1.hash)('sha256', canonical, 'hex');
}
//# sourceMappingURL=canonical.js.map