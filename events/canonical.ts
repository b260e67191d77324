import { createHash } from 'node:crypto';

/**
 * Canonical JSON and the content hash that tells a duplicate from a conflict.
 *
 * "Identical content" (CONTRACT.md section 1, Identity) means: the whole
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
 * as the same number).
 */
export function canonicalJson(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i > 0 ? ',' : '') + canonicalJson(value[i] === undefined ? null : value[i]);
    return out + ']';
  }
  const record = value as Record<string, unknown>;
  let out = '{';
  let first = true;
  for (const key of Object.keys(record).sort()) {
    const item = record[key];
    if (item === undefined) continue;
    out += (first ? '' : ',') + quotedKey(key) + ':' + canonicalJson(item);
    first = false;
  }
  return out + '}';
}

// Field names repeat across events: quoting them once more than doubles the
// speed of hashing (it runs for every accepted event). Bounded, since senders
// choose the names.
const QUOTED_KEYS = new Map<string, string>();
const MAX_QUOTED_KEYS = 10_000;

function quotedKey(key: string): string {
  let quoted = QUOTED_KEYS.get(key);
  if (quoted === undefined) {
    quoted = JSON.stringify(key);
    if (QUOTED_KEYS.size < MAX_QUOTED_KEYS) QUOTED_KEYS.set(key, quoted);
  }
  return quoted;
}

/** sha256 (hex) of the canonical JSON of `raw`: equal for duplicates, different for conflicts. */
export function contentHash(raw: unknown): string {
  return createHash('sha256').update(canonicalJson(raw), 'utf8').digest('hex');
}
