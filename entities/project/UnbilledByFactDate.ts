import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * project.unbilled_by_fact_date: the unbilled approved amount (work in
 * progress) per project currency, legal entity and day of the fact (workDate,
 * expenseDate, a milestone's approval day), for the unbilled aging. `facts`
 * counts the facts behind the row: it is deleted at 0.
 */
@Entity({ schema: 'project', name: 'unbilled_by_fact_date' })
export class UnbilledByFactDate {
  @PrimaryColumn({ type: 'char', length: 3, name: 'currency' })
  currency!: string;

  @PrimaryColumn({ type: 'text', name: 'legal_entity_id', collation: 'C' })
  legalEntityId!: string;

  /** 'YYYY-MM-DD' */
  @PrimaryColumn({ type: 'date', name: 'fact_date' })
  factDate!: string;

  @Column({ type: 'numeric', name: 'amount', default: 0 })
  amount!: string;

  @Column({ type: 'integer', name: 'facts', default: 0 })
  facts!: number;
}
