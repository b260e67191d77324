import { Column, Entity, PrimaryColumn } from 'typeorm';

/** hub.checkpoint: the last event-log position a projector has applied. */
@Entity({ schema: 'hub', name: 'checkpoint' })
export class Checkpoint {
  @PrimaryColumn({ type: 'text', name: 'projector' })
  projector!: string;

  @Column({ type: 'bigint', name: 'position', default: 0 })
  position!: string;

  @Column({ type: 'timestamptz', name: 'updated_at', default: () => 'now()' })
  updatedAt!: Date;
}
