import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { AccountStatus } from '../../events/types';

/** customer.account: a customer; `root_id` is the survivor after merges (itself when not merged). */
@Entity({ schema: 'customer', name: 'account' })
@Check('account_status_check', `status IN ('active', 'inactive')`)
@Index('account_root_id', ['rootId'])
export class Account {
  @PrimaryColumn({ type: 'text', name: 'id', collation: 'C' })
  id!: string;

  @Column({ type: 'text', name: 'name' })
  name!: string;

  @Column({ type: 'text', name: 'legal_entity_id' })
  legalEntityId!: string;

  @Column({ type: 'char', length: 3, name: 'billing_currency' })
  billingCurrency!: string;

  @Column({ type: 'char', length: 2, name: 'country', nullable: true })
  country!: string | null;

  @Column({ type: 'text', name: 'status' })
  status!: AccountStatus;

  @Column({ type: 'jsonb', name: 'external_ids', default: () => `'{}'` })
  externalIds!: Record<string, string>;

  @Column({ type: 'text', name: 'merged_into', nullable: true })
  mergedInto!: string | null;

  @Column({ type: 'text', name: 'root_id', collation: 'C' })
  rootId!: string;

  @Column({ type: 'timestamptz', name: 'updated_at' })
  updatedAt!: Date;
}
