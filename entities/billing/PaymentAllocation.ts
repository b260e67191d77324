import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** billing.payment_allocation: the part of a payment applied to one invoice. */
@Entity({ schema: 'billing', name: 'payment_allocation' })
@Index('payment_allocation_invoice_id', ['invoiceId'])
export class PaymentAllocation {
  @PrimaryColumn({ type: 'text', name: 'payment_id', collation: 'C' })
  paymentId!: string;

  @PrimaryColumn({ type: 'text', name: 'invoice_id', collation: 'C' })
  invoiceId!: string;

  @Column({ type: 'numeric', name: 'amount' })
  amount!: string;
}
