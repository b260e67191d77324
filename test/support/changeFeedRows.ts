/**
 * hub.change_feed as a test reads it: what the gateways should have delivered,
 * with what the subscription filters look at.
 */
import type { Pool } from 'pg';

export interface FeedRow {
  readonly changeId: string;
  readonly kind: 'invoice' | 'project';
  readonly entityId: string;
  readonly eventId: string;
  /** The invoice's project, or the project itself. */
  readonly projectId: string | null;
  /** The customer the record counts under now (the survivor after a merge). */
  readonly customerId: string | null;
}

/** The id of the last change committed ('0' when none). */
export async function feedEnd(pool: Pool): Promise<string> {
  const { rows } = await pool.query(`SELECT coalesce(max(change_id), 0)::text AS last FROM hub.change_feed`);
  return rows[0].last;
}

/** The changes after `after` up to `upTo` (inclusive), in commit order. */
export async function feedRows(pool: Pool, after: string, upTo: string): Promise<FeedRow[]> {
  const { rows } = await pool.query(
    `SELECT c.change_id::text AS "changeId", c.entity_kind AS kind, c.entity_id AS "entityId", c.event_id AS "eventId",
            CASE c.entity_kind WHEN 'invoice' THEN i.project_id ELSE c.entity_id END AS "projectId",
            coalesce(ia.root_id, pa.root_id) AS "customerId"
     FROM hub.change_feed c
     LEFT JOIN billing.invoice i ON c.entity_kind = 'invoice' AND i.id = c.entity_id
     LEFT JOIN customer.account ia ON ia.id = i.account_id
     LEFT JOIN project.project p ON c.entity_kind = 'project' AND p.id = c.entity_id
     LEFT JOIN customer.account pa ON pa.id = p.account_id
     WHERE c.change_id > $1 AND c.change_id <= $2 ORDER BY c.change_id`,
    [after, upTo]);
  return rows as FeedRow[];
}
