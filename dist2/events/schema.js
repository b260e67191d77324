"use strict";
/**
 * A tiny schema combinator kit, just enough for the event catalogue.
 *
 * A schema checks one value at one path, appends every problem it finds to
 * `errors` (it never stops at the first) and returns the normalized value, or
 * `INVALID` when the value cannot be used. Messages always say what was
 * expected and what arrived: `expected a date YYYY-MM-DD, got "2025-02-30"`.
 *
 * Objects keep the fields they do not name (docs/events.md#envelope: senders may
 * be newer than the hub), so a normalized object is the received one with its
 * known fields replaced by their normalized values.
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.boolean = exports.nonEmptyString = exports.anyString = exports.MAX_TEXT_LENGTH = exports.MAX_NAME_LENGTH = exports.INVALID = void 0;
exports.formatValidationError = formatValidationError;
exports.fieldPath = fieldPath;
exports.describe = describe;
exports.fail = fail;
exports.isPlainObject = isPlainObject;
exports.setOwn = setOwn;
exports.oneOf = oneOf;
exports.pattern = pattern;
exports.object = object;
exports.arrayOf = arrayOf;
exports.recordOf = recordOf;
exports.withRule = withRule;
/** Marks a value that failed its schema; its errors are already recorded. */
exports.INVALID = Symbol('invalid');
/** The text printed to humans: `path: message` (the bare message for the event itself). */
function formatValidationError(error) {
    return error.path === '' ? error.message : `${error.path}: ${error.message}`;
}
/** The path of a field below `path`: `data.lines`, `data.lines[0]`, `data.externalIds["a b"]`. */
function fieldPath(path, key) {
    if (typeof key === 'number')
        return `${path}[${key}]`;
    const suffix = keySuffix(key);
    return path === '' && suffix.startsWith('.') ? key : path + suffix;
}
/** `.name` for a key that reads as an identifier, else `["a b"]`. */
function keySuffix(key) {
    return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}
/**
 * fieldPath for a key known in advance: the test of the key is done once, not
 * per value, and the path is kept for the parent path it was last asked for
 * (nearly always the same one, e.g. `data`): every field of every event is
 * given its path, and almost none is ever printed.
 */
function fieldPathOf(key) {
    const suffix = keySuffix(key);
    const join = suffix.startsWith('.') ? (path) => (path === '' ? key : path + suffix) : (path) => path + suffix;
    let lastParent;
    let lastPath = '';
    return (path) => {
        if (path !== lastParent) {
            lastPath = join(path);
            lastParent = path;
        }
        return lastPath;
    };
}
const MAX_SHOWN = 60;
/** How an arrived value is shown in a message: strings quoted (and shortened), other kinds named. */
function describe(value) {
    if (value === undefined)
        return 'nothing (the field is missing)';
    if (value === null)
        return 'null';
    if (typeof value === 'string') {
        const shown = value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value;
        return value.length > MAX_SHOWN ? `${JSON.stringify(shown)} (${value.length} characters)` : JSON.stringify(shown);
    }
    if (typeof value === 'number' || typeof value === 'boolean')
        return `${String(value)} (a ${typeof value})`;
    if (Array.isArray(value))
        return `an array of ${value.length} item${value.length === 1 ? '' : 's'}`;
    if (typeof value === 'object')
        return 'an object';
    return typeof value;
}
/** Records `expected <expected>, got <what arrived>` and returns INVALID. */
function fail(errors, path, expected, value) {
    errors.push({ path, message: `expected ${expected}, got ${describe(value)}` });
    return exports.INVALID;
}
function isPlainObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
/**
 * Sets an own property, also for the key `__proto__` (which JSON.parse makes
 * an ordinary key, but plain assignment would treat as the prototype).
 */
function setOwn(target, key, value) {
    if (key === '__proto__')
        Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
    else
        target[key] = value;
}
// ── primitives ──────────────────────────────────────────────────────────────
/**
 * The longest name or code an event may carry (account, project and milestone
 * names, invoice numbers, exception codes), in characters: each is copied into
 * every query answer, subscription payload and live-page refresh that shows it.
 */
exports.MAX_NAME_LENGTH = 200;
/** The longest free text (descriptions, reasons, messages, roles, channels), in characters. */
exports.MAX_TEXT_LENGTH = 2000;
/** Any string up to MAX_TEXT_LENGTH, the empty one included (free text such as `reason`). */
const anyString = (value, path, errors) => typeof value === 'string' && value.length <= exports.MAX_TEXT_LENGTH ? value : fail(errors, path, `a string of at most ${exports.MAX_TEXT_LENGTH} characters`, value);
exports.anyString = anyString;
/** A string of 1 to MAX_NAME_LENGTH characters (names, codes). */
const nonEmptyString = (value, path, errors) => typeof value === 'string' && value.length > 0 && value.length <= exports.MAX_NAME_LENGTH
    ? value
    : fail(errors, path, `a non-empty string of at most ${exports.MAX_NAME_LENGTH} characters`, value);
exports.nonEmptyString = nonEmptyString;
const boolean = (value, path, errors) => typeof value === 'boolean' ? value : fail(errors, path, 'a boolean (true or false)', value);
exports.boolean = boolean;
/** Exactly one of the given words. */
function oneOf(words) {
    const expected = `one of ${words.map((w) => JSON.stringify(w)).join(', ')}`;
    return (value, path, errors) => typeof value === 'string' && words.includes(value) ? value : fail(errors, path, expected, value);
}
/** A string matching `pattern` and then `check` (which may reject it with a more precise expectation). */
function pattern(expected, regex, check) {
    return (value, path, errors) => typeof value === 'string' && regex.test(value) && (check === undefined || check(value))
        ? value
        : fail(errors, path, expected, value);
}
/**
 * An object with `required` and `optional` fields. Fields it does not name are
 * kept as they arrived. An optional field that is absent or `null` is left out
 * of the result (many serializers write `null` for "not set"). `what` names
 * the object in the message when something else arrives.
 */
function object(required, optional = {}, what = 'an object') {
    const fields = (schemas) => Object.entries(schemas).map(([key, schema]) => ({ key, schema: schema, pathOf: fieldPathOf(key) }));
    const requiredFields = fields(required);
    const optionalFields = fields(optional);
    return (value, path, errors) => {
        if (!isPlainObject(value))
            return fail(errors, path, what, value);
        const out = { ...value };
        let ok = true;
        for (const { key, schema, pathOf } of requiredFields) {
            const v = schema(value[key], pathOf(path), errors);
            if (v === exports.INVALID)
                ok = false;
            else
                out[key] = v;
        }
        for (const { key, schema, pathOf } of optionalFields) {
            const raw = value[key];
            if (raw === undefined || raw === null) {
                delete out[key];
                continue;
            }
            const v = schema(raw, pathOf(path), errors);
            if (v === exports.INVALID)
                ok = false;
            else
                out[key] = v;
        }
        return ok ? out : exports.INVALID;
    };
}
/** An array whose every item matches `item`; `minItems` for "non-empty". */
function arrayOf(item, options = {}) {
    const minItems = options.minItems ?? 0;
    const expected = minItems === 1 ? 'a non-empty array' : minItems > 1 ? `an array of at least ${minItems} items` : 'an array';
    return (value, path, errors) => {
        if (!Array.isArray(value) || value.length < minItems)
            return fail(errors, path, expected, value);
        const out = new Array(value.length);
        let ok = true;
        for (let i = 0; i < value.length; i++) {
            const v = item(value[i], fieldPath(path, i), errors);
            if (v === exports.INVALID)
                ok = false;
            else
                out[i] = v;
        }
        return ok ? out : exports.INVALID;
    };
}
/** An object used as a map: every value matches `item`. */
function recordOf(item) {
    return (value, path, errors) => {
        if (!isPlainObject(value))
            return fail(errors, path, 'an object', value);
        const out = {};
        let ok = true;
        for (const key of Object.keys(value)) {
            const v = item(value[key], fieldPath(path, key), errors);
            if (v === exports.INVALID)
                ok = false;
            else
                setOwn(out, key, v);
        }
        return ok ? out : exports.INVALID;
    };
}
/**
 * Adds a rule across the fields of an object (e.g. "taxTotal is required when
 * taxStatus is succeeded"). The rule reads the object as it arrived, so it runs
 * and reports even when another field of the object is wrong (every error of
 * an event is reported at once); it returns false when it recorded an error.
 */
function withRule(schema, rule) {
    return (value, path, errors) => {
        const v = schema(value, path, errors);
        const ruleOk = isPlainObject(value) ? rule(value, path, errors) : true;
        return v === exports.INVALID || !ruleOk ? exports.INVALID : v;
    };
}
//# sourceMappingURL=schema.js.map