import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import type { InvoiceLineKind } from '../../events/types';

/** billing.invoice_line: one line of a drafted invoice and the facts it bills. */
@Entity({ schema: 'billing', name: 'invoice_line' })
@Check('invoice_line_kind_check', `kind IN ('time', 'expense', 'milestone', 'fee')`)
export class InvoiceLine {
  @PrimaryColumn({ type: 'text', name: 'invoice_id', collation: 'C' })
  invoiceId!: string;

  @PrimaryColumn({ type: 'text', name: 'line_id', collation: 'C' })
  lineId!: string;

  @Column({ type: 'text', name: 'kind' })
  kind!: InvoiceLineKind;

  /** Ids of the time entries, expenses or milestones this line bills. */
  @Column({ type: 'text', name: 'source_ids', array: true })
  sourceIds!: string[];

  @Column({ type: 'numeric', name: 'amount' })
  amount!: string;

  @Column({ type: 'text', name: 'description', nullable: true })
  description!: string | null;
}
