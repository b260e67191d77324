import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** project.expense: an approved expense (amount = cost; billAmount when billable). */
@Entity({ schema: 'project', name: 'expense' })
@Index('expense_project_id', ['projectId'])
// Partial index of the unbilled approved billable facts by date (`unbilledFacts`, oldest first); declared
// in the migration FiguresOverTime, whose predicate and expression TypeORM cannot state: left alone by the schema diff.
@Index('expense_unbilled', { synchronize: false })
export class Expense {
  @PrimaryColumn({ type: 'text', name: 'id', collation: 'C' })
  id!: string;

  @Column({ type: 'text', name: 'project_id', collation: 'C' })
  projectId!: string;

  /** 'YYYY-MM-DD' */
  @Column({ type: 'date', name: 'expense_date' })
  expenseDate!: string;

  @Column({ type: 'numeric', name: 'amount' })
  amount!: string;

  @Column({ type: 'char', length: 3, name: 'currency' })
  currency!: string;

  @Column({ type: 'boolean', name: 'billable' })
  billable!: boolean;

  @Column({ type: 'numeric', name: 'bill_amount' })
  billAmount!: string;

  /** Posted, not voided invoices naming it (sorted); billed while not empty. */
  @Column({ type: 'text', array: true, name: 'billed_by_invoice_ids', default: () => "'{}'" })
  billedByInvoiceIds!: string[];

  @Column({ type: 'timestamptz', name: 'approved_at' })
  approvedAt!: Date;
}
