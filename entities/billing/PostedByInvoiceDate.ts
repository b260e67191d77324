import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * billing.posted_by_invoice_date: Σ grossTotal of posted, not voided invoices
 * per currency, legal entity (the invoice's project's) and invoice date: what
 * DSO divides by. `invoices` counts the invoices behind the row: it is deleted at 0.
 */
@Entity({ schema: 'billing', name: 'posted_by_invoice_date' })
export class PostedByInvoiceDate {
  @PrimaryColumn({ type: 'char', length: 3, name: 'currency' })
  currency!: string;

  @PrimaryColumn({ type: 'text', name: 'legal_entity_id', collation: 'C' })
  legalEntityId!: string;

  /** 'YYYY-MM-DD' */
  @PrimaryColumn({ type: 'date', name: 'invoice_date' })
  invoiceDate!: string;

  @Column({ type: 'numeric', name: 'gross_total', default: 0 })
  grossTotal!: string;

  @Column({ type: 'integer', name: 'invoices', default: 0 })
  invoices!: number;
}
