import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * hub.event_log: every accepted event, durably, once per (source, id).
 * `position` is assigned under the ingest advisory lock, so it grows in commit order.
 */
@Entity({ schema: 'hub', name: 'event_log' })
@Unique('event_log_source_id', ['source', 'eventId'])
export class EventLogEntry {
  /** bigserial, as a string (pg returns int8 as text). */
  @PrimaryGeneratedColumn({ type: 'bigint', name: 'position' })
  position!: string;

  @Column({ type: 'text', name: 'source', collation: 'C' })
  source!: string;

  @Column({ type: 'text', name: 'event_id', collation: 'C' })
  eventId!: string;

  @Column({ type: 'text', name: 'type' })
  type!: string;

  @Column({ type: 'text', name: 'subject' })
  subject!: string;

  /** The CloudEvents `sequence` extension, when sent. */
  @Column({ type: 'bigint', name: 'sequence', nullable: true })
  sequence!: string | null;

  @Column({ type: 'timestamptz', name: 'event_time' })
  eventTime!: Date;

  @Column({ type: 'text', name: 'content_hash' })
  contentHash!: string;

  /** The whole event as received (unknown fields kept). */
  @Column({ type: 'jsonb', name: 'envelope' })
  envelope!: Record<string, unknown>;

  @Column({ type: 'timestamptz', name: 'received_at', default: () => 'now()' })
  receivedAt!: Date;
}
