import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** `forbidden`: a source outside the sender's token's `sources` (FORBIDDEN_SOURCE). */
export type RejectionReason = 'invalid' | 'conflict' | 'forbidden';

/** hub.rejected_event: what was refused and why, kept for operators. */
@Entity({ schema: 'hub', name: 'rejected_event' })
@Check('rejected_event_reason_check', `reason IN ('invalid', 'conflict', 'forbidden')`)
@Index('rejected_event_source_id', ['source', 'eventId'])
export class RejectedEvent {
  @PrimaryGeneratedColumn({ type: 'bigint', name: 'rejection_id' })
  rejectionId!: string;

  @Column({ type: 'text', name: 'source', collation: 'C', nullable: true })
  source!: string | null;

  @Column({ type: 'text', name: 'event_id', collation: 'C', nullable: true })
  eventId!: string | null;

  @Column({ type: 'text', name: 'reason' })
  reason!: RejectionReason;

  /** `[{path, message, code?}]` as answered to the sender. */
  @Column({ type: 'jsonb', name: 'errors' })
  errors!: Array<{ path: string; message: string; code?: string }>;

  /** The offending event as received, when it was JSON. */
  @Column({ type: 'jsonb', name: 'body', nullable: true })
  body!: unknown;

  @Column({ type: 'timestamptz', name: 'received_at', default: () => 'now()' })
  receivedAt!: Date;
}
