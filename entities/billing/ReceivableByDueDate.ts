import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * billing.receivable_by_due_date: Σ amountDue of posted, not voided invoices
 * per currency, legal entity (the invoice's project's) and due date, for the
 * receivables aging and DSO. `invoices` counts the invoices behind the row
 * (paid ones included): it is deleted at 0.
 */
@Entity({ schema: 'billing', name: 'receivable_by_due_date' })
export class ReceivableByDueDate {
  @PrimaryColumn({ type: 'char', length: 3, name: 'currency' })
  currency!: string;

  @PrimaryColumn({ type: 'text', name: 'legal_entity_id', collation: 'C' })
  legalEntityId!: string;

  /** 'YYYY-MM-DD' */
  @PrimaryColumn({ type: 'date', name: 'due_date' })
  dueDate!: string;

  @Column({ type: 'numeric', name: 'amount_due', default: 0 })
  amountDue!: string;

  @Column({ type: 'integer', name: 'invoices', default: 0 })
  invoices!: number;
}
