import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rejected events are kept bounded: an identical rejection (same reason,
 * ids, errors and body: its `fingerprint`) is counted on the row already
 * kept (`times`, `last_received_at`) instead of stored again, and rows are
 * pruned by age and beyond a cap (ingest/rejectedRetention.ts). Rows kept
 * before count once, each its own fingerprint.
 */
export class RejectedEventCounts1765000000400 implements MigrationInterface {
  name = 'RejectedEventCounts1765000000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE hub.rejected_event
      ADD COLUMN fingerprint text COLLATE "C",
      ADD COLUMN times integer NOT NULL DEFAULT 1,
      ADD COLUMN last_received_at timestamptz NOT NULL DEFAULT now()`);
    await q.query(`UPDATE hub.rejected_event SET fingerprint = 'row:' || rejection_id, last_received_at = received_at`);
    await q.query(`ALTER TABLE hub.rejected_event ALTER COLUMN fingerprint SET NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX rejected_event_fingerprint ON hub.rejected_event (fingerprint)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX hub.rejected_event_fingerprint`);
    await q.query(`ALTER TABLE hub.rejected_event DROP COLUMN fingerprint, DROP COLUMN times, DROP COLUMN last_received_at`);
  }
}
