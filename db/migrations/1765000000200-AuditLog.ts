import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log (docs/api.md, "Access"): who did what at which door, when and
 * from where — every ingest request, every refused request and every operator
 * action — kept for AUDIT_RETENTION_DAYS and listed by GET /audit, newest
 * first. Rows are appended in batches by access/auditLog.ts and pruned from
 * the oldest end by access/auditRetention.ts.
 *
 * Also: an event whose `source` the token may not send is rejected alone and
 * kept like the other rejected events, with reason `forbidden`.
 */
export class AuditLog1765000000200 implements MigrationInterface {
  name = 'AuditLog1765000000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE hub.audit_log (
      audit_id  bigserial PRIMARY KEY,
      at        timestamptz NOT NULL,
      kind      text NOT NULL CHECK (kind IN ('ingest', 'refused', 'operator')),
      door      text NOT NULL,
      subject   text,
      client    text,
      status    int NOT NULL,
      reason    text,
      detail    jsonb
    )`);
    await q.query(`ALTER TABLE hub.rejected_event DROP CONSTRAINT rejected_event_reason_check`);
    await q.query(`ALTER TABLE hub.rejected_event ADD CONSTRAINT rejected_event_reason_check CHECK (reason IN ('invalid', 'conflict', 'forbidden'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM hub.rejected_event WHERE reason = 'forbidden'`);
    await q.query(`ALTER TABLE hub.rejected_event DROP CONSTRAINT rejected_event_reason_check`);
    await q.query(`ALTER TABLE hub.rejected_event ADD CONSTRAINT rejected_event_reason_check CHECK (reason IN ('invalid', 'conflict'))`);
    await q.query(`DROP TABLE hub.audit_log`);
  }
}
