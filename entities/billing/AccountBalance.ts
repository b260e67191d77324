import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * billing.account_balance: outstanding receivables per (raw account, currency);
 * a customer's balance sums the rows of every account whose root is that customer.
 */
@Entity({ schema: 'billing', name: 'account_balance' })
export class AccountBalance {
  @PrimaryColumn({ type: 'text', name: 'account_id', collation: 'C' })
  accountId!: string;

  @PrimaryColumn({ type: 'char', length: 3, name: 'currency' })
  currency!: string;

  @Column({ type: 'numeric', name: 'outstanding', default: 0 })
  outstanding!: string;

  /** Posted, not voided invoices in this currency: the currency is listed while there is one. */
  @Column({ type: 'integer', name: 'posted_invoices', default: 0 })
  postedInvoices!: number;
}
