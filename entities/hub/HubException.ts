import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { EventLogEntry } from './EventLogEntry';

/** hub.exception: an accepted event that changed nothing (e.g. ILLEGAL_TRANSITION), listed for operators until one dismisses it. */
@Entity({ schema: 'hub', name: 'exception' })
@Index('exception_open', ['position'], { where: 'dismissed_at IS NULL' })
export class HubException {
  @PrimaryColumn({ type: 'bigint', name: 'position' })
  position!: string;

  @ManyToOne(() => EventLogEntry)
  @JoinColumn({ name: 'position', referencedColumnName: 'position', foreignKeyConstraintName: 'exception_position_fkey' })
  event?: EventLogEntry;

  @Column({ type: 'text', name: 'code' })
  code!: string;

  @Column({ type: 'text', name: 'message' })
  message!: string;

  @Column({ type: 'timestamptz', name: 'raised_at', default: () => 'now()' })
  raisedAt!: Date;

  /** When an operator dismissed it (the dismissal event's `time`); null while open. */
  @Column({ type: 'timestamptz', name: 'dismissed_at', nullable: true })
  dismissedAt!: Date | null;

  /** The dismissing operator's token `sub` (null under AUTH=off). */
  @Column({ type: 'text', name: 'dismissed_by', nullable: true })
  dismissedBy!: string | null;

  @Column({ type: 'text', name: 'dismissed_reason', nullable: true })
  dismissedReason!: string | null;
}
