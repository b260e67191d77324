import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { EventLogEntry } from './EventLogEntry';

/** hub.parked_event: an event waiting for an aggregate or a predecessor (`waiting_for`). */
@Entity({ schema: 'hub', name: 'parked_event' })
@Index('parked_event_waiting_for', ['waitingFor'])
export class ParkedEvent {
  @PrimaryColumn({ type: 'bigint', name: 'position' })
  position!: string;

  @ManyToOne(() => EventLogEntry)
  @JoinColumn({ name: 'position', referencedColumnName: 'position', foreignKeyConstraintName: 'parked_event_position_fkey' })
  event?: EventLogEntry;

  @Column({ type: 'text', name: 'waiting_for', collation: 'C' })
  waitingFor!: string;

  @Column({ type: 'text', name: 'reason' })
  reason!: string;

  @Column({ type: 'timestamptz', name: 'parked_at', default: () => 'now()' })
  parkedAt!: Date;
}
