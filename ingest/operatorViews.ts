/**
 * What operators look at when the counts of GET /status are not zero: the
 * events waiting (parked) and why, the exceptions the listeners raised, and
 * the rejected events with their errors (docs/events.md#what-happens-to-an-event, docs/api.md#operator-lists: parked
 * events and exceptions are "listed for operators", rejected events "kept"), and the audit log of who used
 * which door.
 */
import type { Pool } from 'pg';

export const DEFAULT_LIST_LIMIT = 100;
export const MAX_LIST_LIMIT = 1000;
/**
 * The most event text one list answer carries: an event may be 64 KiB, and
 * a thousand of them would be held in memory at once on the ingest thread.
 * Past it, the rows still come, with `event` null: ask for fewer.
 */
export const MAX_LIST_EVENT_BYTES = 4 * 1024 * 1024;

/**
 * Each listed event, as JSON text the way Postgres writes it back from
 * `jsonb` (numbers with every digit they arrived with): it is put into the
 * answer as it is ({@link listJson}), never parsed in Node, where a number a
 * double cannot hold would be rounded (docs/events.md, "Kept as received").
 * Null past MAX_LIST_EVENT_BYTES.
 */
type EventJson = string | null;

export interface ParkedEntry {
  position: string; source: string; id: string; type: string; subject: string;
  waitingFor: string; reason: string; parkedAt: string;
  /** The event as logged. */
  event: EventJson;
}
export interface ExceptionEntry {
  position: string; source: string; id: string; type: string; subject: string;
  code: string; message: string; raisedAt: string;
  /** The event as logged. */
  event: EventJson;
}
export interface RejectedEntry {
  source: string | null; id: string | null; reason: 'invalid' | 'forbidden' | 'conflict';
  errors: { path: string; message: string; code?: string }[]; receivedAt: string;
  /** How many times an identical rejection was received, and when last. */
  times: number; lastReceivedAt: string;
  /** The event as received (text Postgres cannot store replaced), or a summary of one over the event size limit. */
  event: EventJson;
}
export interface AuditRow {
  id: string; at: string; kind: 'ingest' | 'refused' | 'operator'; door: string;
  sub: string | null; client: string | null; status: number; reason: string | null; detail: Record<string, unknown> | null;
}

const TIMESTAMP = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * The event text of a page of rows, null once the page's events reach
 * MAX_LIST_EVENT_BYTES (`rows` is a query of at most the page, with its
 * `event` text and an `ord` to add up in).
 */
function withinEventBudget(rows: string, columns: string): string {
  return `SELECT ${columns},
            CASE WHEN sum(octet_length(r.event)) OVER (ORDER BY r.ord) <= ${MAX_LIST_EVENT_BYTES} THEN r.event END AS event
     FROM (${rows}) r ORDER BY r.ord`;
}

/** Parked events, longest waiting first. */
export async function listParked(pool: Pool, limit: number): Promise<ParkedEntry[]> {
  const { rows } = await pool.query(withinEventBudget(
    `SELECT p.position AS ord, p.position::text AS position, e.source, e.event_id AS id, e.type, e.subject, p.waiting_for AS "waitingFor",
            p.reason, ${TIMESTAMP('p.parked_at')} AS "parkedAt", e.envelope::text AS event
     FROM hub.parked_event p JOIN hub.event_log e USING (position) ORDER BY p.position LIMIT $1`,
    'r.position, r.source, r.id, r.type, r.subject, r."waitingFor", r.reason, r."parkedAt"'), [limit]);
  return rows;
}

/** Exceptions, newest first. */
export async function listExceptions(pool: Pool, limit: number): Promise<ExceptionEntry[]> {
  const { rows } = await pool.query(withinEventBudget(
    `SELECT -x.position AS ord, x.position::text AS position, e.source, e.event_id AS id, e.type, e.subject, x.code, x.message,
            ${TIMESTAMP('x.raised_at')} AS "raisedAt", e.envelope::text AS event
     FROM hub.exception x JOIN hub.event_log e USING (position) ORDER BY x.position DESC LIMIT $1`,
    'r.position, r.source, r.id, r.type, r.subject, r.code, r.message, r."raisedAt"'), [limit]);
  return rows;
}

/** Rejected events, newest first. */
export async function listRejected(pool: Pool, limit: number): Promise<RejectedEntry[]> {
  const { rows } = await pool.query(withinEventBudget(
    `SELECT -rejection_id AS ord, source, event_id AS id, reason, errors, ${TIMESTAMP('received_at')} AS "receivedAt",
            times, ${TIMESTAMP('last_received_at')} AS "lastReceivedAt", body::text AS event
     FROM hub.rejected_event ORDER BY rejection_id DESC LIMIT $1`,
    'r.source, r.id, r.reason, r.errors, r."receivedAt", r.times, r."lastReceivedAt"'), [limit]);
  return rows;
}

/** The audit log (access/auditLog.ts), newest first. */
export async function listAudit(pool: Pool, limit: number): Promise<AuditRow[]> {
  const { rows } = await pool.query(
    `SELECT audit_id::text AS id, ${TIMESTAMP('at')} AS at, kind, door, subject AS sub, client, status, reason, detail
     FROM hub.audit_log ORDER BY audit_id DESC LIMIT $1`, [limit]);
  return rows;
}

/**
 * The JSON answer of a list: `{"<name>": [rows]}`, each row's `event` put in
 * as the JSON text it is.
 */
export function listJson(name: string, rows: readonly object[]): string {
  const items = rows.map((row) => {
    if (!('event' in row)) return JSON.stringify(row);
    const { event, ...rest } = row as { event: EventJson };
    const text = JSON.stringify(rest);
    return `${text.slice(0, -1)}${text === '{}' ? '' : ','}"event":${event ?? 'null'}}`;
  });
  return `{${JSON.stringify(name)}:[${items.join(',')}]}`;
}

/** The `limit` query parameter: an integer 1..1000, default 100; otherwise an error message. */
export function parseLimit(search: string): number | string {
  const raw = new URLSearchParams(search).get('limit');
  if (raw === null) return DEFAULT_LIST_LIMIT;
  const limit = Number(raw);
  if (!/^\d+$/.test(raw) || limit < 1 || limit > MAX_LIST_LIMIT) {
    return `limit: expected an integer from 1 to ${MAX_LIST_LIMIT}, got ${JSON.stringify(raw)}`;
  }
  return limit;
}
