import { hash } from 'node:crypto';
import { exactNumberText, isExactNumber } from './jsonNumbers';

/**
 * Canonical JSON and the content hash that tells a duplicate from a conflict.
 *
 * "Identical content" (docs/events.md#duplicates-and-conflicts) means: the whole
 * received envelope — every attribute, extensions included, and all of `data`,
 * unknown fields included — is the same JSON value. What JSON does not
 * distinguish does not count: key order, whitespace, escapes and the spelling
 * of a number (`7.50`, `7.5` and `75e-1` are one JSON number). Numbers count
 * with all their digits, also those a double would drop
 * (events/jsonNumbers.ts). Anything else
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
 * as the same number), exact numbers (events/jsonNumbers.ts) written out in
 * full. The text is JSON of the same value, so it may stand for the event
 * wherever JSON is expected (ingest sends it to the event log).
 */
export function canonicalJson(value: unknown): string {
  if (typeof value === 'string') return quoted(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i > 0 ? ',' : '') + canonicalJson(value[i] === undefined ? null : value[i]);
    return out + ']';
  }
  if (isExactNumber(value)) return exactNumberText(value);
  const record = value as Record<string, unknown>;
  const fields = sortedFields(Object.keys(record));
  let out = '{';
  let first = true;
  for (let i = 0; i < fields.length; i++) {
    const item = record[fields[i]!.key];
    if (item === undefined) continue;
    out += (first ? '' : ',') + fields[i]!.label + canonicalJson(item);
    first = false;
  }
  return out + '}';
}

/**
 * JSON.stringify of a string, without calling it for the text nearly all
 * values are: nothing JSON escapes (a quote, a backslash, a control
 * character, a surrogate, which it escapes when unpaired).
 */
function quoted(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x22 || code === 0x5c || (code >= 0xd800 && code <= 0xdfff)) return JSON.stringify(text);
  }
  return `"${text}"`;
}

/** A field in canonical order, with its quoted name and colon ready to write. */
interface Field {
  readonly key: string;
  readonly label: string;
}

/**
 * Events of one type and sender have the same field names in the same order,
 * so the sorted order is looked up, not sorted again for every object (and
 * field names are quoted once): a tree of the names in the order received,
 * whose nodes hold the sorted fields. This more than doubles the speed of
 * hashing, which runs for every accepted event. Bounded, since senders choose
 * the names: past MAX_ORDER_NODES, other orders are sorted each time.
 */
interface OrderNode {
  readonly next: Map<string, OrderNode>;
  fields?: readonly Field[];
}

const ORDERS: OrderNode = { next: new Map() };
const MAX_ORDER_NODES = 10_000;
let orderNodes = 0;

function sortedFields(keys: readonly string[]): readonly Field[] {
  let node: OrderNode | undefined = ORDERS;
  for (let i = 0; i < keys.length && node !== undefined; i++) {
    let next: OrderNode | undefined = node.next.get(keys[i]!);
    if (next === undefined && orderNodes < MAX_ORDER_NODES) {
      next = { next: new Map() };
      node.next.set(keys[i]!, next);
      orderNodes++;
    }
    node = next;
  }
  if (node?.fields !== undefined) return node.fields;
  const fields = [...keys].sort().map((key) => ({ key, label: `${JSON.stringify(key)}:` }));
  if (node !== undefined) node.fields = fields;
  return fields;
}

/** sha256 (hex) of the canonical JSON of `raw`: equal for duplicates, different for conflicts. */
export function contentHash(raw: unknown): string {
  return hashOfCanonical(canonicalJson(raw));
}

/** contentHash for a caller that keeps the canonical JSON too (one-shot hashing: no Hash object per event). */
export function hashOfCanonical(canonical: string): string {
  return hash('sha256', canonical, 'hex');
}
