import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { EventLogEntry } from './EventLogEntry';

/** hub.exception: an accepted event that changed nothing (e.g. ILLEGAL_TRANSITION), listed for operators. */
@Entity({ schema: 'hub', name: 'exception' })
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
}
