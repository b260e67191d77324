import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Stored status; "billed" is `approved` with `billedByInvoiceIds` not empty. */
export type TimeEntryStatus = 'submitted' | 'approved' | 'rejected';

/** project.time_entry: hours logged on a project; amounts derived at approval. */
@Entity({ schema: 'project', name: 'time_entry' })
@Check('time_entry_status_check', `status IN ('submitted', 'approved', 'rejected')`)
@Index('time_entry_project_id', ['projectId'])
// Partial index of the unbilled approved billable facts by date (`unbilledFacts`, oldest first); declared
// in the migration FiguresOverTime, whose predicate and expression TypeORM cannot state: left alone by the schema diff.
@Index('time_entry_unbilled', { synchronize: false })
export class TimeEntry {
  @PrimaryColumn({ type: 'text', name: 'id', collation: 'C' })
  id!: string;

  @Column({ type: 'text', name: 'project_id', collation: 'C' })
  projectId!: string;

  @Column({ type: 'text', name: 'resource_id' })
  resourceId!: string;

  @Column({ type: 'text', name: 'role', nullable: true })
  role!: string | null;

  /** 'YYYY-MM-DD' */
  @Column({ type: 'date', name: 'work_date' })
  workDate!: string;

  @Column({ type: 'numeric', name: 'hours' })
  hours!: string;

  @Column({ type: 'boolean', name: 'billable' })
  billable!: boolean;

  @Column({ type: 'text', name: 'status' })
  status!: TimeEntryStatus;

  @Column({ type: 'text', name: 'approved_by', nullable: true })
  approvedBy!: string | null;

  @Column({ type: 'numeric', name: 'bill_rate', nullable: true })
  billRate!: string | null;

  @Column({ type: 'numeric', name: 'cost_rate', nullable: true })
  costRate!: string | null;

  @Column({ type: 'numeric', name: 'bill_amount', nullable: true })
  billAmount!: string | null;

  @Column({ type: 'numeric', name: 'cost_amount', nullable: true })
  costAmount!: string | null;

  /** Posted, not voided invoices naming it (sorted); billed while not empty. */
  @Column({ type: 'text', array: true, name: 'billed_by_invoice_ids', default: () => "'{}'" })
  billedByInvoiceIds!: string[];

  @Column({ type: 'timestamptz', name: 'updated_at' })
  updatedAt!: Date;
}
