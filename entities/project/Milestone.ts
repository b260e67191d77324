import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** project.milestone: an approved milestone and its billable value. */
@Entity({ schema: 'project', name: 'milestone' })
@Index('milestone_project_id', ['projectId'])
// Partial index of the unbilled approved billable facts by date (`unbilledFacts`, oldest first); declared
// in the migration FiguresOverTime, whose predicate and expression TypeORM cannot state: left alone by the schema diff.
@Index('milestone_unbilled', { synchronize: false })
export class Milestone {
  @PrimaryColumn({ type: 'text', name: 'id', collation: 'C' })
  id!: string;

  @Column({ type: 'text', name: 'project_id', collation: 'C' })
  projectId!: string;

  @Column({ type: 'text', name: 'name' })
  name!: string;

  @Column({ type: 'numeric', name: 'amount' })
  amount!: string;

  @Column({ type: 'char', length: 3, name: 'currency' })
  currency!: string;

  /** Posted, not voided invoices naming it (sorted); billed while not empty. */
  @Column({ type: 'text', array: true, name: 'billed_by_invoice_ids', default: () => "'{}'" })
  billedByInvoiceIds!: string[];

  @Column({ type: 'timestamptz', name: 'approved_at' })
  approvedAt!: Date;
}
