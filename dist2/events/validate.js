"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MAX_ERRORS_PER_EVENT = exports.formatValidationError = void 0;
exports.validateEvent = validateEvent;
const catalogue_1 = require("./catalogue");
const schema_1 = require("./schema");
const storable_1 = require("./storable");
const types_1 = require("./types");
const values_1 = require("./values");
var schema_2 = require("./schema");
Object.defineProperty(exports, "formatValidationError", { enumerable: true, get: function () { return schema_2.formatValidationError; } });
/** More errors than this in one event are summarized by a last entry. */
exports.MAX_ERRORS_PER_EVENT = 50;
/** CloudEvents `sequence` is stored as Postgres bigint. */
const MAX_SEQUENCE = 9223372036854775807n;
const KNOWN_TYPES = new Set(types_1.EVENT_TYPES);
const specversion = (value, path, errors) => (value === '1.0' ? '1.0' : (0, schema_1.fail)(errors, path, '"1.0"', value));
const eventType = (value, path, errors) => typeof value === 'string' && KNOWN_TYPES.has(value)
    ? value
    : (0, schema_1.fail)(errors, path, 'an event type of the catalogue, such as "ps.project.time_entry.submitted" (docs/events.md#catalogue)', value);
const datacontenttype = (value, path, errors) => typeof value === 'string' && /^application\/json\s*(;.*)?$/i.test(value) ? value : (0, schema_1.fail)(errors, path, '"application/json"', value);
/** Digits of a positive integer far below MAX_SEQUENCE, without leading zeros: already normalized (the common case, no BigInt). */
const PLAIN_SEQUENCE = /^[1-9]\d{0,14}$/;
/** A positive integer written as decimal digits; normalized without leading zeros. */
const sequence = (value, path, errors) => {
    if (typeof value === 'string' && PLAIN_SEQUENCE.test(value))
        return value;
    if (typeof value === 'string' && /^\d{1,40}$/.test(value)) {
        const n = BigInt(value);
        if (n > 0n && n <= MAX_SEQUENCE)
            return n.toString();
    }
    return (0, schema_1.fail)(errors, path, `a string of decimal digits holding a positive integer up to ${MAX_SEQUENCE} (e.g. "1")`, value);
};
/** Validates one event as received (a parsed JSON value) and returns the typed event or all its errors. */
function validateEvent(raw, options = {}) {
    if (!(0, schema_1.isPlainObject)(raw)) {
        return { ok: false, errors: [{ path: '', message: `expected a CloudEvents event object, got ${(0, schema_1.describe)(raw)}` }] };
    }
    const errors = [];
    // Separate constants, not an object literal: a literal would widen INVALID to `symbol`.
    const version = specversion(raw['specversion'], 'specversion', errors);
    const eventId = (0, values_1.id)(raw['id'], 'id', errors);
    const source = (0, values_1.id)(raw['source'], 'source', errors);
    const type = eventType(raw['type'], 'type', errors);
    const subject = (0, values_1.id)(raw['subject'], 'subject', errors);
    const time = (0, values_1.timestamp)(raw['time'], 'time', errors);
    const contentType = optional(datacontenttype, raw['datacontenttype'], 'datacontenttype', errors);
    const seq = optional(sequence, raw['sequence'], 'sequence', errors);
    let data = schema_1.INVALID;
    if (type !== schema_1.INVALID) {
        data = catalogue_1.DATA_SCHEMAS[type](raw['data'], 'data', errors);
        checkSubject(type, subject, raw['data'], errors);
    }
    else if (!(0, schema_1.isPlainObject)(raw['data'])) {
        (0, schema_1.fail)(errors, 'data', 'an object', raw['data']);
    }
    if (options.stored !== true)
        errors.push(...(0, storable_1.findUnstorable)(raw));
    if (errors.length > 0)
        return { ok: false, errors: capped(errors) };
    const event = { ...raw, specversion: version, id: eventId, source, type, subject, time, data };
    if (contentType === undefined)
        delete event['datacontenttype'];
    else
        event['datacontenttype'] = contentType;
    if (seq === undefined)
        delete event['sequence'];
    else
        event['sequence'] = seq;
    return { ok: true, event: event };
}
/** An optional envelope attribute: absent or null means not set. */
function optional(schema, value, path, errors) {
    if (value === undefined || value === null)
        return undefined;
    const v = schema(value, path, errors);
    return v === schema_1.INVALID ? undefined : v;
}
/** "Every event's subject is the first id listed": the subject must equal that data field. */
function checkSubject(type, subject, data, errors) {
    if (subject === schema_1.INVALID || !(0, schema_1.isPlainObject)(data))
        return;
    const field = types_1.SUBJECT_FIELD[type];
    const named = data[field];
    // A missing or malformed field is reported at its own path, not here too.
    if ((0, values_1.id)(named, '', []) === schema_1.INVALID || named === subject)
        return;
    errors.push({
        path: 'subject',
        message: `expected ${JSON.stringify(named)} (the subject of ${type} must equal data.${field}), got ${(0, schema_1.describe)(subject)}`,
    });
}
function capped(errors) {
    if (errors.length <= exports.MAX_ERRORS_PER_EVENT)
        return errors;
    const shown = errors.slice(0, exports.MAX_ERRORS_PER_EVENT - 1);
    shown.push({ path: '', message: `and ${errors.length - shown.length} more errors` });
    return shown;
}
//# sourceMappingURL=validate.js.map