import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * project.project_month: a project's figures of one calendar month, running
 * totals moved by the same contributions as the project's own, each by its
 * date basis (docs/api.md, "Figures over time"); a project's months sum to its
 * figures. `facts` counts the facts behind the row: it is deleted at 0.
 */
@Entity({ schema: 'project', name: 'project_month' })
@Index('project_month_month', ['month'])
export class ProjectMonth {
  @PrimaryColumn({ type: 'text', name: 'project_id', collation: 'C' })
  projectId!: string;

  /** 'YYYY-MM' */
  @PrimaryColumn({ type: 'text', name: 'month', collation: 'C' })
  month!: string;

  /** Hours of approved (or billed) time entries with a workDate in the month. */
  @Column({ type: 'numeric', name: 'approved_hours', default: 0 })
  approvedHours!: string;

  @Column({ type: 'numeric', name: 'labor_cost', default: 0 })
  laborCost!: string;

  /** Approved expenses with an expenseDate in the month. */
  @Column({ type: 'numeric', name: 'expense_cost', default: 0 })
  expenseCost!: string;

  /** Net totals of posted, not voided invoices with an invoiceDate in the month. */
  @Column({ type: 'numeric', name: 'billed_amount', default: 0 })
  billedAmount!: string;

  /** Revenue events of the month's period, not reversed. */
  @Column({ type: 'numeric', name: 'recognized_revenue', default: 0 })
  recognizedRevenue!: string;

  /** recognizedRevenue − laborCost − expenseCost of the month (generated). */
  @Column({
    type: 'numeric', name: 'margin', nullable: true, insert: false, update: false,
    generatedType: 'STORED',
    asExpression: `recognized_revenue - labor_cost - expense_cost`,
  })
  readonly margin!: string;

  @Column({ type: 'integer', name: 'facts', default: 0 })
  facts!: number;
}
