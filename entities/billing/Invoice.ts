import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type InvoiceStatus = 'draft' | 'posted' | 'voided';
export type InvoiceTaxStatus = 'pending' | 'succeeded' | 'failed';
export type PaymentState = 'not_paid' | 'partial' | 'paid';

/**
 * billing.invoice. gross_total, amount_due and payment_state are STORED
 * generated columns (read-only here): the ERP's posted gross total when
 * posted, else net + tax; amount due only for posted invoices.
 */
@Entity({ schema: 'billing', name: 'invoice' })
@Check('invoice_status_check', `status IN ('draft', 'posted', 'voided')`)
@Check('invoice_tax_status_check', `tax_status IN ('pending', 'succeeded', 'failed')`)
@Index('invoice_account_id', ['accountId', 'draftedAt', 'id'])
@Index('invoice_project_id', ['projectId', 'draftedAt', 'id'])
@Index('invoice_drafted_at', ['draftedAt', 'id'])
export class Invoice {
  @PrimaryColumn({ type: 'text', name: 'id', collation: 'C' })
  id!: string;

  @Column({ type: 'text', name: 'account_id', collation: 'C' })
  accountId!: string;

  @Column({ type: 'text', name: 'project_id', collation: 'C' })
  projectId!: string;

  @Column({ type: 'char', length: 3, name: 'currency' })
  currency!: string;

  @Column({ type: 'text', name: 'status' })
  status!: InvoiceStatus;

  @Column({ type: 'text', name: 'tax_status' })
  taxStatus!: InvoiceTaxStatus;

  @Column({ type: 'numeric', name: 'net_total' })
  netTotal!: string;

  @Column({ type: 'numeric', name: 'tax_total', nullable: true })
  taxTotal!: string | null;

  /** grossTotal as posted by the ERP (authoritative for receivables). */
  @Column({ type: 'numeric', name: 'posted_gross_total', nullable: true })
  postedGrossTotal!: string | null;

  @Column({ type: 'numeric', name: 'amount_paid', default: 0 })
  amountPaid!: string;

  @Column({ type: 'text', name: 'invoice_number', nullable: true })
  invoiceNumber!: string | null;

  /** 'YYYY-MM-DD' */
  @Column({ type: 'date', name: 'invoice_date', nullable: true })
  invoiceDate!: string | null;

  /** 'YYYY-MM-DD' */
  @Column({ type: 'date', name: 'due_date', nullable: true })
  dueDate!: string | null;

  @Column({ type: 'timestamptz', name: 'drafted_at' })
  draftedAt!: Date;

  @Column({ type: 'timestamptz', name: 'posted_at', nullable: true })
  postedAt!: Date | null;

  @Column({ type: 'timestamptz', name: 'sent_at', nullable: true })
  sentAt!: Date | null;

  @Column({ type: 'timestamptz', name: 'voided_at', nullable: true })
  voidedAt!: Date | null;

  /** Posted gross total, else net + tax (generated). */
  @Column({
    type: 'numeric', name: 'gross_total', nullable: true, insert: false, update: false,
    generatedType: 'STORED',
    asExpression: `coalesce(posted_gross_total, net_total + coalesce(tax_total, 0))`,
  })
  readonly grossTotal!: string;

  /** grossTotal − amountPaid for posted invoices, else null (generated). */
  @Column({
    type: 'numeric', name: 'amount_due', nullable: true, insert: false, update: false,
    generatedType: 'STORED',
    asExpression: `CASE WHEN status = 'posted' THEN coalesce(posted_gross_total, net_total + coalesce(tax_total, 0)) - amount_paid WHEN status = 'voided' AND posted_gross_total IS NOT NULL THEN 0 END`,
  })
  readonly amountDue!: string | null;

  /** From amountPaid against grossTotal (generated). */
  @Column({
    type: 'text', name: 'payment_state', nullable: true, insert: false, update: false,
    generatedType: 'STORED',
    asExpression: `CASE WHEN amount_paid <= 0 THEN 'not_paid' WHEN amount_paid >= coalesce(posted_gross_total, net_total + coalesce(tax_total, 0)) THEN 'paid' ELSE 'partial' END`,
  })
  readonly paymentState!: PaymentState;
}
