import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { BillingModel, ProjectStatus } from '../../events/types';

/**
 * project.project: a project and its running totals, maintained incrementally
 * by the listeners. Money and hours are numeric, as strings. margin,
 * margin_percent and revenue_backlog are STORED generated columns: read-only
 * here, computed by Postgres from the totals so they can never disagree.
 * (Their expressions are also recorded in typeorm_metadata by the migration
 * GeneratedColumnMetadata, where TypeORM's schema diff reads them.)
 */
@Entity({ schema: 'project', name: 'project' })
@Check('project_billing_model_check', `billing_model IN ('time_and_materials', 'fixed_fee', 'milestone', 'retainer')`)
@Check('project_status_check', `status IN ('setup', 'active', 'on_hold', 'completed', 'closed', 'cancelled')`)
@Index('project_account_id', ['accountId'])
export class Project {
  @PrimaryColumn({ type: 'text', name: 'id', collation: 'C' })
  id!: string;

  @Column({ type: 'text', name: 'account_id', collation: 'C' })
  accountId!: string;

  @Column({ type: 'text', name: 'name' })
  name!: string;

  @Column({ type: 'text', name: 'billing_model' })
  billingModel!: BillingModel;

  @Column({ type: 'text', name: 'status' })
  status!: ProjectStatus;

  @Column({ type: 'char', length: 3, name: 'currency' })
  currency!: string;

  @Column({ type: 'text', name: 'legal_entity_id' })
  legalEntityId!: string;

  @Column({ type: 'numeric', name: 'contract_value', nullable: true })
  contractValue!: string | null;

  @Column({ type: 'numeric', name: 'budget_hours', nullable: true })
  budgetHours!: string | null;

  /** 'YYYY-MM-DD' */
  @Column({ type: 'date', name: 'planned_start', nullable: true })
  plannedStart!: string | null;

  /** 'YYYY-MM-DD' */
  @Column({ type: 'date', name: 'planned_end', nullable: true })
  plannedEnd!: string | null;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  @Column({ type: 'numeric', name: 'approved_hours', default: 0 })
  approvedHours!: string;

  @Column({ type: 'numeric', name: 'billable_approved_hours', default: 0 })
  billableApprovedHours!: string;

  @Column({ type: 'numeric', name: 'labor_cost', default: 0 })
  laborCost!: string;

  @Column({ type: 'numeric', name: 'expense_cost', default: 0 })
  expenseCost!: string;

  @Column({ type: 'numeric', name: 'billed_amount', default: 0 })
  billedAmount!: string;

  @Column({ type: 'numeric', name: 'unbilled_approved_amount', default: 0 })
  unbilledApprovedAmount!: string;

  @Column({ type: 'numeric', name: 'unbilled_approved_hours', default: 0 })
  unbilledApprovedHours!: string;

  @Column({ type: 'numeric', name: 'recognized_revenue', default: 0 })
  recognizedRevenue!: string;

  /** Σ billAmount of approved billable time and billable expenses (input of revenue_backlog). */
  @Column({ type: 'numeric', name: 'billable_work_amount', default: 0 })
  billableWorkAmount!: string;

  /** Σ approved milestone amounts (input of revenue_backlog). */
  @Column({ type: 'numeric', name: 'approved_milestone_amount', default: 0 })
  approvedMilestoneAmount!: string;

  /** recognizedRevenue − laborCost − expenseCost (generated). */
  @Column({
    type: 'numeric', name: 'margin', nullable: true, insert: false, update: false,
    generatedType: 'STORED',
    asExpression: `recognized_revenue - labor_cost - expense_cost`,
  })
  readonly margin!: string;

  /** margin ÷ recognizedRevenue × 100, 2 decimals; null when recognizedRevenue is 0 (generated). */
  @Column({
    type: 'numeric', name: 'margin_percent', nullable: true, insert: false, update: false,
    generatedType: 'STORED',
    asExpression: `CASE WHEN recognized_revenue = 0 THEN NULL ELSE round((recognized_revenue - labor_cost - expense_cost) * 100 / recognized_revenue, 2) END`,
  })
  readonly marginPercent!: string | null;

  /** Null for fixed_fee and retainer projects (generated). */
  @Column({
    type: 'numeric', name: 'revenue_backlog', nullable: true, insert: false, update: false,
    generatedType: 'STORED',
    asExpression: `CASE billing_model WHEN 'time_and_materials' THEN greatest(0, billable_work_amount - recognized_revenue) WHEN 'milestone' THEN greatest(0, approved_milestone_amount - recognized_revenue) ELSE NULL END`,
  })
  readonly revenueBacklog!: string | null;
}
