import { DATA_SCHEMAS } from './catalogue';
import { describe, fail, INVALID, isPlainObject, type Schema, type ValidationError } from './schema';
import { findUnstorable } from './storable';
import { EVENT_TYPES, SUBJECT_FIELD, type BusinessEvent, type EventType } from './types';
import { id, timestamp } from './values';

export type { ValidationError } from './schema';
export { formatValidationError } from './schema';

/**
 * Validation of one received event against the envelope rules (docs/events.md#envelope) and its type's data schema (docs/events.md#catalogue).
 *
 * The result is the typed, normalized event: decimals as canonical strings,
 * money amounts with 2 fraction digits, `sequence` without leading zeros,
 * optional fields sent as `null` left out. Everything the contract does not
 * name (envelope extensions, extra data fields) is kept as it arrived. The
 * function is pure and deterministic, so a listener may run it again on the
 * stored envelope to obtain the same typed event.
 */
export type ValidationResult = { ok: true; event: BusinessEvent } | { ok: false; errors: ValidationError[] };

/** More errors than this in one event are summarized by a last entry. */
export const MAX_ERRORS_PER_EVENT = 50;

/** CloudEvents `sequence` is stored as Postgres bigint. */
const MAX_SEQUENCE = 9223372036854775807n;

const KNOWN_TYPES: ReadonlySet<string> = new Set(EVENT_TYPES);

const specversion: Schema<'1.0'> = (value, path, errors) => (value === '1.0' ? '1.0' : fail(errors, path, '"1.0"', value));

const eventType: Schema<EventType> = (value, path, errors) =>
  typeof value === 'string' && KNOWN_TYPES.has(value)
    ? (value as EventType)
    : fail(errors, path, 'an event type of the catalogue, such as "ps.project.time_entry.submitted" (docs/events.md#catalogue)', value);

const datacontenttype: Schema<string> = (value, path, errors) =>
  typeof value === 'string' && /^application\/json\s*(;.*)?$/i.test(value) ? value : fail(errors, path, '"application/json"', value);

/** Digits of a positive integer far below MAX_SEQUENCE, without leading zeros: already normalized (the common case, no BigInt). */
const PLAIN_SEQUENCE = /^[1-9]\d{0,14}$/;

/** A positive integer written as decimal digits; normalized without leading zeros. */
const sequence: Schema<string> = (value, path, errors) => {
  if (typeof value === 'string' && PLAIN_SEQUENCE.test(value)) return value;
  if (typeof value === 'string' && /^\d{1,40}$/.test(value)) {
    const n = BigInt(value);
    if (n > 0n && n <= MAX_SEQUENCE) return n.toString();
  }
  return fail(errors, path, `a string of decimal digits holding a positive integer up to ${MAX_SEQUENCE} (e.g. "1")`, value);
};

export interface ValidateOptions {
  /**
   * The event was read back from the event log: Postgres stored it, after
   * ingest found it storable (events/storable.ts), so that walk over every
   * value is not made again. Everything else is checked and normalized as on
   * ingest.
   */
  readonly stored?: boolean;
}

/** Validates one event as received (a parsed JSON value) and returns the typed event or all its errors. */
export function validateEvent(raw: unknown, options: ValidateOptions = {}): ValidationResult {
  if (!isPlainObject(raw)) {
    return { ok: false, errors: [{ path: '', message: `expected a CloudEvents event object, got ${describe(raw)}` }] };
  }
  const errors: ValidationError[] = [];
  // Separate constants, not an object literal: a literal would widen INVALID to `symbol`.
  const version = specversion(raw['specversion'], 'specversion', errors);
  const eventId = id(raw['id'], 'id', errors);
  const source = id(raw['source'], 'source', errors);
  const type = eventType(raw['type'], 'type', errors);
  const subject = id(raw['subject'], 'subject', errors);
  const time = timestamp(raw['time'], 'time', errors);
  const contentType = optional(datacontenttype, raw['datacontenttype'], 'datacontenttype', errors);
  const seq = optional(sequence, raw['sequence'], 'sequence', errors);

  let data: unknown = INVALID;
  if (type !== INVALID) {
    data = (DATA_SCHEMAS[type] as Schema<unknown>)(raw['data'], 'data', errors);
    checkSubject(type, subject, raw['data'], errors);
  } else if (!isPlainObject(raw['data'])) {
    fail(errors, 'data', 'an object', raw['data']);
  }
  if (options.stored !== true) errors.push(...findUnstorable(raw));

  if (errors.length > 0) return { ok: false, errors: capped(errors) };

  const event: Record<string, unknown> = { ...raw, specversion: version, id: eventId, source, type, subject, time, data };
  if (contentType === undefined) delete event['datacontenttype'];
  else event['datacontenttype'] = contentType;
  if (seq === undefined) delete event['sequence'];
  else event['sequence'] = seq;
  return { ok: true, event: event as unknown as BusinessEvent };
}

/** An optional envelope attribute: absent or null means not set. */
function optional<T>(schema: Schema<T>, value: unknown, path: string, errors: ValidationError[]): T | undefined {
  if (value === undefined || value === null) return undefined;
  const v = schema(value, path, errors);
  return v === INVALID ? undefined : v;
}

/** "Every event's subject is the first id listed": the subject must equal that data field. */
function checkSubject(type: EventType, subject: string | typeof INVALID, data: unknown, errors: ValidationError[]): void {
  if (subject === INVALID || !isPlainObject(data)) return;
  const field = SUBJECT_FIELD[type];
  const named = data[field];
  // A missing or malformed field is reported at its own path, not here too.
  if (id(named, '', []) === INVALID || named === subject) return;
  errors.push({
    path: 'subject',
    message: `expected ${JSON.stringify(named)} (the subject of ${type} must equal data.${field}), got ${describe(subject)}`,
  });
}

function capped(errors: ValidationError[]): ValidationError[] {
  if (errors.length <= MAX_ERRORS_PER_EVENT) return errors;
  const shown = errors.slice(0, MAX_ERRORS_PER_EVENT - 1);
  shown.push({ path: '', message: `and ${errors.length - shown.length} more errors` });
  return shown;
}
