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

/** One problem of one event: where (relative to the event, e.g. `data.lines[0].amount.amount`) and what. */
export interface ValidationError {
  readonly path: string;
  readonly message: string;
  /** A stable code for programs, where one applies (`FORBIDDEN_SOURCE`). */
  readonly code?: string;
}

/** Marks a value that failed its schema; its errors are already recorded. */
export const INVALID: unique symbol = Symbol('invalid');
export type Invalid = typeof INVALID;

export type Schema<T> = (value: unknown, path: string, errors: ValidationError[]) => T | Invalid;

/** The text printed to humans: `path: message` (the bare message for the event itself). */
export function formatValidationError(error: ValidationError): string {
  return error.path === '' ? error.message : `${error.path}: ${error.message}`;
}

/** The path of a field below `path`: `data.lines`, `data.lines[0]`, `data.externalIds["a b"]`. */
export function fieldPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  const suffix = keySuffix(key);
  return path === '' && suffix.startsWith('.') ? key : path + suffix;
}

/** `.name` for a key that reads as an identifier, else `["a b"]`. */
function keySuffix(key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

/**
 * fieldPath for a key known in advance: the test of the key is done once, not
 * per value, and the path is kept for the parent path it was last asked for
 * (nearly always the same one, e.g. `data`): every field of every event is
 * given its path, and almost none is ever printed.
 */
function fieldPathOf(key: string): (path: string) => string {
  const suffix = keySuffix(key);
  const join = suffix.startsWith('.') ? (path: string) => (path === '' ? key : path + suffix) : (path: string) => path + suffix;
  let lastParent: string | undefined;
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
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing (the field is missing)';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    const shown = value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value;
    return value.length > MAX_SHOWN ? `${JSON.stringify(shown)} (${value.length} characters)` : JSON.stringify(shown);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return `${String(value)} (a ${typeof value})`;
  if (Array.isArray(value)) return `an array of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (typeof value === 'object') return 'an object';
  return typeof value;
}

/** Records `expected <expected>, got <what arrived>` and returns INVALID. */
export function fail(errors: ValidationError[], path: string, expected: string, value: unknown): Invalid {
  errors.push({ path, message: `expected ${expected}, got ${describe(value)}` });
  return INVALID;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Sets an own property, also for the key `__proto__` (which JSON.parse makes
 * an ordinary key, but plain assignment would treat as the prototype).
 */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

// ── primitives ──────────────────────────────────────────────────────────────

/** Any string, the empty one included (free text such as `reason`). */
export const anyString: Schema<string> = (value, path, errors) =>
  typeof value === 'string' ? value : fail(errors, path, 'a string', value);

/** A string with at least one character (names, codes). */
export const nonEmptyString: Schema<string> = (value, path, errors) =>
  typeof value === 'string' && value.length > 0 ? value : fail(errors, path, 'a non-empty string', value);

export const boolean: Schema<boolean> = (value, path, errors) =>
  typeof value === 'boolean' ? value : fail(errors, path, 'a boolean (true or false)', value);

/** Exactly one of the given words. */
export function oneOf<W extends string>(words: readonly W[]): Schema<W> {
  const expected = `one of ${words.map((w) => JSON.stringify(w)).join(', ')}`;
  return (value, path, errors) =>
    typeof value === 'string' && (words as readonly string[]).includes(value) ? (value as W) : fail(errors, path, expected, value);
}

/** A string matching `pattern` and then `check` (which may reject it with a more precise expectation). */
export function pattern(expected: string, regex: RegExp, check?: (text: string) => boolean): Schema<string> {
  return (value, path, errors) =>
    typeof value === 'string' && regex.test(value) && (check === undefined || check(value))
      ? value
      : fail(errors, path, expected, value);
}

// ── structures ──────────────────────────────────────────────────────────────

type Fields<T> = { readonly [K in keyof T]-?: Schema<Exclude<T[K], undefined>> };

/**
 * An object with `required` and `optional` fields. Fields it does not name are
 * kept as they arrived. An optional field that is absent or `null` is left out
 * of the result (many serializers write `null` for "not set"). `what` names
 * the object in the message when something else arrives.
 */
export function object<R extends object, O extends object = {}>(
  required: Fields<R>,
  optional: Fields<O> = {} as Fields<O>,
  what = 'an object',
): Schema<R & Partial<O>> {
  const fields = (schemas: object) =>
    Object.entries(schemas).map(([key, schema]) => ({ key, schema: schema as Schema<unknown>, pathOf: fieldPathOf(key) }));
  const requiredFields = fields(required);
  const optionalFields = fields(optional);
  return (value, path, errors) => {
    if (!isPlainObject(value)) return fail(errors, path, what, value);
    const out: Record<string, unknown> = { ...value };
    let ok = true;
    for (const { key, schema, pathOf } of requiredFields) {
      const v = schema(value[key], pathOf(path), errors);
      if (v === INVALID) ok = false;
      else out[key] = v;
    }
    for (const { key, schema, pathOf } of optionalFields) {
      const raw = value[key];
      if (raw === undefined || raw === null) {
        delete out[key];
        continue;
      }
      const v = schema(raw, pathOf(path), errors);
      if (v === INVALID) ok = false;
      else out[key] = v;
    }
    return ok ? (out as R & Partial<O>) : INVALID;
  };
}

/** An array whose every item matches `item`; `minItems` for "non-empty". */
export function arrayOf<T>(item: Schema<T>, options: { minItems?: number } = {}): Schema<T[]> {
  const minItems = options.minItems ?? 0;
  const expected = minItems === 1 ? 'a non-empty array' : minItems > 1 ? `an array of at least ${minItems} items` : 'an array';
  return (value, path, errors) => {
    if (!Array.isArray(value) || value.length < minItems) return fail(errors, path, expected, value);
    const out: T[] = new Array(value.length);
    let ok = true;
    for (let i = 0; i < value.length; i++) {
      const v = item(value[i], fieldPath(path, i), errors);
      if (v === INVALID) ok = false;
      else out[i] = v;
    }
    return ok ? out : INVALID;
  };
}

/** An object used as a map: every value matches `item`. */
export function recordOf<T>(item: Schema<T>): Schema<Record<string, T>> {
  return (value, path, errors) => {
    if (!isPlainObject(value)) return fail(errors, path, 'an object', value);
    const out: Record<string, T> = {};
    let ok = true;
    for (const key of Object.keys(value)) {
      const v = item(value[key], fieldPath(path, key), errors);
      if (v === INVALID) ok = false;
      else setOwn(out, key, v);
    }
    return ok ? out : INVALID;
  };
}

/**
 * Adds a rule across the fields of an object (e.g. "taxTotal is required when
 * taxStatus is succeeded"). The rule reads the object as it arrived, so it runs
 * and reports even when another field of the object is wrong (every error of
 * an event is reported at once); it returns false when it recorded an error.
 */
export function withRule<T>(
  schema: Schema<T>,
  rule: (raw: Record<string, unknown>, path: string, errors: ValidationError[]) => boolean,
): Schema<T> {
  return (value, path, errors) => {
    const v = schema(value, path, errors);
    const ruleOk = isPlainObject(value) ? rule(value, path, errors) : true;
    return v === INVALID || !ruleOk ? INVALID : v;
  };
}
