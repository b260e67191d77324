import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { RecognitionMethod } from '../../events/types';

/** revenue.revenue_event: revenue recognized by the ERP for a project and period; counts until reversed. */
@Entity({ schema: 'revenue', name: 'revenue_event' })
@Index('revenue_event_project_id', ['projectId'])
export class RevenueEvent {
  @PrimaryColumn({ type: 'text', name: 'id', collation: 'C' })
  id!: string;

  @Column({ type: 'text', name: 'project_id', collation: 'C' })
  projectId!: string;

  /** 'YYYY-MM' */
  @Column({ type: 'char', length: 7, name: 'period' })
  period!: string;

  @Column({ type: 'numeric', name: 'amount' })
  amount!: string;

  @Column({ type: 'char', length: 3, name: 'currency' })
  currency!: string;

  @Column({ type: 'text', name: 'method' })
  method!: RecognitionMethod;

  @Column({ type: 'boolean', name: 'reversed', default: false })
  reversed!: boolean;

  @Column({ type: 'timestamptz', name: 'recognized_at' })
  recognizedAt!: Date;

  @Column({ type: 'timestamptz', name: 'reversed_at', nullable: true })
  reversedAt!: Date | null;
}
