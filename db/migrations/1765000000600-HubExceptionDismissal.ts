import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An operator may dismiss a hub exception (docs/operations.md): the
 * dismissal is an event in the log, and the listeners record here who
 * dismissed it, why and when (the dismissal event's `time`, so a rebuild
 * writes the same values). Open exceptions are counted at every metrics
 * scrape: a partial index keeps that count off the dismissed ones.
 */
export class HubExceptionDismissal1765000000600 implements MigrationInterface {
  name = 'HubExceptionDismissal1765000000600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE hub.exception
      ADD COLUMN dismissed_at timestamptz,
      ADD COLUMN dismissed_by text,
      ADD COLUMN dismissed_reason text`);
    await q.query(`CREATE INDEX exception_open ON hub.exception (position) WHERE dismissed_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX hub.exception_open`);
    await q.query(`ALTER TABLE hub.exception DROP COLUMN dismissed_at, DROP COLUMN dismissed_by, DROP COLUMN dismissed_reason`);
  }
}
