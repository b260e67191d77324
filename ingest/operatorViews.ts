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

export interface ParkedEntry {
  position: string; source: string; id: string; type: string; subject: string;
  waitingFor: string; reason: string; parkedAt: string;
}
export interface ExceptionEntry {
  position: string; source: string; id: string; type: string; subject: string;
  code: string; message: string; raisedAt: string;
}
export interface RejectedEntry {
  source: string | null; id: string | null; reason: 'invalid' | 'forbidden' | 'conflict';
  errors: { path: string; message: string; code?: string }[]; receivedAt: string;
}
export interface AuditRow {
  id: string; at: string; kind: 'ingest' | 'refused' | 'operator'; door: string;
  sub: string | null; client: string | null; status: number; reason: string | null; detail: Record<string, unknown> | null;
}

const TIMESTAMP = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** Parked events, longest waiting first. */
export async function listParked(pool: Pool, limit: number): Promise<ParkedEntry[]> {
  const { rows } = await pool.query(
    `SELECT p.position::text AS position, e.source, e.event_id AS id, e.type, e.subject, p.waiting_for AS "waitingFor",
            p.reason, ${TIMESTAMP('p.parked_at')} AS "parkedAt"
     FROM hub.parked_event p JOIN hub.event_log e USING (position) ORDER BY p.position LIMIT $1`, [limit]);
  return rows;
}

/** Exceptions, newest first. */
export async function listExceptions(pool: Pool, limit: number): Promise<ExceptionEntry[]> {
  const { rows } = await pool.query(
    `SELECT x.position::text AS position, e.source, e.event_id AS id, e.type, e.subject, x.code, x.message,
            ${TIMESTAMP('x.raised_at')} AS "raisedAt"
     FROM hub.exception x JOIN hub.event_log e USING (position) ORDER BY x.position DESC LIMIT $1`, [limit]);
  return rows;
}

/** Rejected events, newest first. */
export async function listRejected(pool: Pool, limit: number): Promise<RejectedEntry[]> {
  const { rows } = await pool.query(
    `SELECT source, event_id AS id, reason, errors, ${TIMESTAMP('received_at')} AS "receivedAt"
     FROM hub.rejected_event ORDER BY rejection_id DESC LIMIT $1`, [limit]);
  return rows;
}

/** The audit log (access/auditLog.ts), newest first. */
export async function listAudit(pool: Pool, limit: number): Promise<AuditRow[]> {
  const { rows } = await pool.query(
    `SELECT audit_id::text AS id, ${TIMESTAMP('at')} AS at, kind, door, subject AS sub, client, status, reason, detail
     FROM hub.audit_log ORDER BY audit_id DESC LIMIT $1`, [limit]);
  return rows;
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
