import { Column, Entity, PrimaryColumn } from 'typeorm';

/** hub.counter: one row per counter (received, duplicates, rejected, applied, exceptions, stale). */
@Entity({ schema: 'hub', name: 'counter' })
export class Counter {
  @PrimaryColumn({ type: 'text', name: 'name' })
  name!: string;

  @Column({ type: 'bigint', name: 'value', default: 0 })
  value!: string;
}
