import { isExactNumber, MAX_STORED_FRACTION_DIGITS, writtenOutSize, type ExactNumber } from './jsonNumbers';
import { describe, fieldPath, setOwn, type ValidationError } from './schema';

/**
 * What Postgres can store of arbitrary JSON. An accepted event is stored as
 * `jsonb` and its ids as `text`; Postgres refuses the character U+0000 in both
 * and unpaired UTF-16 surrogates in `jsonb`, and deep nesting costs stack.
 * Such an event would fail the whole ingest transaction, so it is rejected at
 * validation instead, with the path of the offending text; its rejected copy
 * is stored through `toStorable`. The same goes for an exact number
 * (events/jsonNumbers.ts) with more fraction digits than `numeric` holds.
 */

/** Deepest nesting of objects and arrays accepted in an event (the catalogue needs 4). */
export const MAX_DEPTH = 32;

const NUL = '\u0000';
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

/** Any character that could be a problem: a cheap first test, since nearly all text passes it. */
const SUSPECT = /[\u0000\uD800-\uDFFF]/;

function textProblem(text: string): string | undefined {
  if (!SUSPECT.test(text)) return undefined;
  if (text.includes(NUL)) return 'the character U+0000, which Postgres cannot store';
  if (LONE_SURROGATE.test(text)) return 'an unpaired UTF-16 surrogate (not well-formed Unicode)';
  return undefined;
}

/** Every place in `value` that Postgres could not store, as validation errors. */
export function findUnstorable(value: unknown): ValidationError[] {
  // This runs over every value of every event, on ingest and in the listeners,
  // and nearly every event is clean: a walk that only answers yes or no says
  // so without keeping a path; paths are spelled out only for the rest.
  if (isStorable(value, 0)) return [];
  const errors: ValidationError[] = [];
  walkWithPath(value, (node, depth, pathNow) => {
    if (typeof node === 'string') {
      const problem = textProblem(node);
      if (problem !== undefined) errors.push({ path: pathNow(), message: `expected text without U+0000 or unpaired surrogates, got a string containing ${problem}` });
      return false;
    }
    if (typeof node !== 'object' || node === null) return false;
    if (depth >= MAX_DEPTH) {
      errors.push({ path: pathNow(), message: `expected at most ${MAX_DEPTH} levels of nested objects and arrays, got deeper nesting` });
      return false;
    }
    return true;
  }, (key, pathNow) => {
    const problem = textProblem(key);
    if (problem !== undefined) errors.push({ path: pathNow(), message: `expected field names without U+0000 or unpaired surrogates, got a field name containing ${problem}` });
  });
  return errors;
}

/**
 * Visits `value` and what it holds, depth first. `visit` says whether to go
 * into a node (an object or array); `visitKey` sees each field name before
 * its value, with the path of the object. The path is kept as a stack of
 * keys and only spelled out (`pathNow`) for an error.
 */
function walkWithPath(value: unknown, visit: (node: unknown, depth: number, pathNow: () => string) => boolean,
  visitKey?: (key: string, pathNow: () => string) => void): void {
  const keys: (string | number)[] = [];
  const pathNow = (): string => keys.reduce<string>((path, key) => fieldPath(path, key), '');
  const walk = (node: unknown, depth: number): void => {
    if (!visit(node, depth, pathNow) || typeof node !== 'object' || node === null) return;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        keys.push(i);
        walk(node[i], depth + 1);
        keys.pop();
      }
      return;
    }
    for (const key of Object.keys(node)) {
      visitKey?.(key, pathNow);
      keys.push(key);
      walk((node as Record<string, unknown>)[key], depth + 1);
      keys.pop();
    }
  };
  walk(value, 0);
}

/**
 * True when findUnstorable would find nothing in `node`. A character loop
 * instead of SUSPECT (short strings: no regexp call), and `for…in` (which
 * also visits inherited enumerable names: more to check, never less).
 */
function isStorable(node: unknown, depth: number): boolean {
  if (typeof node === 'string') return isStorableText(node);
  if (typeof node !== 'object' || node === null) return true;
  if (depth >= MAX_DEPTH) return false;
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) if (!isStorable(node[i], depth + 1)) return false;
    return true;
  }
  for (const key in node) {
    if (!isStorableText(key) || !isStorable((node as Record<string, unknown>)[key], depth + 1)) return false;
  }
  return true;
}

/** No U+0000 and no surrogate at all (a pair is fine, but is left to textProblem to tell). */
function isStorableText(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0 || (code >= 0xd800 && code <= 0xdfff)) return false;
  }
  return true;
}

function storableText(text: string): string {
  return textProblem(text) === undefined ? text : text.replaceAll(NUL, '\uFFFD').replace(LONE_SURROGATES, '\uFFFD');
}

/**
 * A copy of `value` that Postgres can store: U+0000 and unpaired surrogates
 * become U+FFFD, what is nested deeper than MAX_DEPTH and an exact number
 * `numeric` cannot hold become marker strings. Used for the bodies of
 * rejected events, which are kept for operators.
 */
export function toStorable(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return storableText(value);
  if (typeof value !== 'object' || value === null) return value;
  if (isExactNumber(value)) return numberProblem(value) === undefined ? value : `[a number with more than ${MAX_STORED_FRACTION_DIGITS} fraction digits: not stored]`;
  if (depth >= MAX_DEPTH) return `[nested deeper than ${MAX_DEPTH} levels: not stored]`;
  if (Array.isArray(value)) return value.map((item) => toStorable(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) setOwn(out, storableText(key), toStorable((value as Record<string, unknown>)[key], depth + 1));
  return out;
}

/** What Postgres cannot store of an exact number: more fraction digits than `numeric` holds. */
function numberProblem(value: ExactNumber): string | undefined {
  const { fractionDigits } = writtenOutSize(value.value);
  return fractionDigits > MAX_STORED_FRACTION_DIGITS ? `${describe(value.value)} written out has ${fractionDigits} digits after the decimal point` : undefined;
}

/** The exact numbers of a value: how long they all are written out in full, and those Postgres cannot store. */
export interface ExactNumbers {
  /** Characters of every exact number written out in full (its canonical text), added up. */
  readonly writtenOut: number;
  readonly errors: readonly ValidationError[];
}

/**
 * Measures the exact numbers in `value` without writing them out: their
 * canonical text (written out in full) may be far longer than what arrived
 * (`1e60000`), so an event whose numbers alone pass the size limit is
 * refused before it is printed.
 */
export function measureExactNumbers(value: unknown): ExactNumbers {
  let writtenOut = 0;
  const errors: ValidationError[] = [];
  walkWithPath(value, (node, depth, pathNow) => {
    if (typeof node !== 'object' || node === null || depth > MAX_DEPTH) return false;
    if (!isExactNumber(node)) return true;
    writtenOut += writtenOutSize(node.value).length;
    const problem = numberProblem(node);
    if (problem !== undefined) {
      errors.push({ path: pathNow(), message: `expected a number with at most ${MAX_STORED_FRACTION_DIGITS} digits after the decimal point written out (what Postgres numeric holds), got ${problem}` });
    }
    return false;
  });
  return { writtenOut, errors };
}
