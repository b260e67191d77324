import { Column, Entity, PrimaryColumn } from 'typeorm';

/** billing.payment: money received from an account. */
@Entity({ schema: 'billing', name: 'payment' })
export class Payment {
  @PrimaryColumn({ type: 'text', name: 'id', collation: 'C' })
  id!: string;

  @Column({ type: 'text', name: 'account_id' })
  accountId!: string;

  @Column({ type: 'numeric', name: 'amount' })
  amount!: string;

  @Column({ type: 'char', length: 3, name: 'currency' })
  currency!: string;

  /** 'YYYY-MM-DD' */
  @Column({ type: 'date', name: 'received_date' })
  receivedDate!: string;
}
