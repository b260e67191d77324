"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MAX_DEPTH = void 0;
exports.findUnstorable = findUnstorable;
exports.toStorable = toStorable;
const schema_1 = require("./schema");
/**
 * What Postgres can store of arbitrary JSON. An accepted event is stored as
 * `jsonb` and its ids as `text`; Postgres refuses the character U+0000 in both
 * and unpaired UTF-16 surrogates in `jsonb`, and deep nesting costs stack.
 * Such an event would fail the whole ingest transaction, so it is rejected at
 * validation instead, with the path of the offending text; its rejected copy
 * is stored through `toStorable`.
 */
/** Deepest nesting of objects and arrays accepted in an event (the catalogue needs 4). */
exports.MAX_DEPTH = 32;
const NUL = '\u0000';
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');
/** Any character that could be a problem: a cheap first test, since nearly all text passes it. */
const SUSPECT = /[\u0000\uD800-\uDFFF]/;
function textProblem(text) {
    if (!SUSPECT.test(text))
        return undefined;
    if (text.includes(NUL))
        return 'the character U+0000, which Postgres cannot store';
    if (LONE_SURROGATE.test(text))
        return 'an unpaired UTF-16 surrogate (not well-formed Unicode)';
    return undefined;
}
/** Every place in `value` that Postgres could not store, as validation errors. */
function findUnstorable(value) {
    // This runs over every value of every event, on ingest and in the listeners,
    // and nearly every event is clean: a walk that only answers yes or no says
    // so without keeping a path; paths are spelled out only for the rest.
    if (isStorable(value, 0))
        return [];
    const errors = [];
    // The path is kept as a stack of keys and only spelled out for an error.
    const keys = [];
    const pathNow = () => keys.reduce((path, key) => (0, schema_1.fieldPath)(path, key), '');
    const walk = (node, depth) => {
        if (typeof node === 'string') {
            const problem = textProblem(node);
            if (problem !== undefined)
                errors.push({ path: pathNow(), message: `expected text without U+0000 or unpaired surrogates, got a string containing ${problem}` });
            return;
        }
        if (typeof node !== 'object' || node === null)
            return;
        if (depth >= exports.MAX_DEPTH) {
            errors.push({ path: pathNow(), message: `expected at most ${exports.MAX_DEPTH} levels of nested objects and arrays, got deeper nesting` });
            return;
        }
        if (Array.isArray(node)) {
            for (let i = 0; i < node.length; i++) {
                keys.push(i);
                walk(node[i], depth + 1);
                keys.pop();
            }
            return;
        }
        for (const key of Object.keys(node)) {
            const problem = textProblem(key);
            if (problem !== undefined)
                errors.push({ path: pathNow(), message: `expected field names without U+0000 or unpaired surrogates, got a field name containing ${problem}` });
            keys.push(key);
            walk(node[key], depth + 1);
            keys.pop();
        }
    };
    walk(value, 0);
    return errors;
}
/**
 * True when findUnstorable would find nothing in `node`. A character loop
 * instead of SUSPECT (short strings: no regexp call), and `for…in` (which
 * also visits inherited enumerable names: more to check, never less).
 */
function isStorable(node, depth) {
    if (typeof node === 'string')
        return isStorableText(node);
    if (typeof node !== 'object' || node === null)
        return true;
    if (depth >= exports.MAX_DEPTH)
        return false;
    if (Array.isArray(node)) {
        for (let i = 0; i < node.length; i++)
            if (!isStorable(node[i], depth + 1))
                return false;
        return true;
    }
    for (const key in node) {
        if (!isStorableText(key) || !isStorable(node[key], depth + 1))
            return false;
    }
    return true;
}
/** No U+0000 and no surrogate at all (a pair is fine, but is left to textProblem to tell). */
function isStorableText(text) {
    for (let i = 0; i < text.length; i++) {
        const code = text.charCodeAt(i);
        if (code === 0 || (code >= 0xd800 && code <= 0xdfff))
            return false;
    }
    return true;
}
function storableText(text) {
    return textProblem(text) === undefined ? text : text.replaceAll(NUL, '\uFFFD').replace(LONE_SURROGATES, '\uFFFD');
}
/**
 * A copy of `value` that Postgres can store: U+0000 and unpaired surrogates
 * become U+FFFD, and what is nested deeper than MAX_DEPTH becomes a marker
 * string. Used for the bodies of rejected events, which are kept for operators.
 */
function toStorable(value, depth = 0) {
    if (typeof value === 'string')
        return storableText(value);
    if (typeof value !== 'object' || value === null)
        return value;
    if (depth >= exports.MAX_DEPTH)
        return `[nested deeper than ${exports.MAX_DEPTH} levels: not stored]`;
    if (Array.isArray(value))
        return value.map((item) => toStorable(item, depth + 1));
    const out = {};
    for (const key of Object.keys(value))
        (0, schema_1.setOwn)(out, storableText(key), toStorable(value[key], depth + 1));
    return out;
}
//# sourceMappingURL=storable.js.map