import { Check, Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type ChangedEntityKind = 'invoice' | 'project';

/** hub.change_feed: one row per read-model entity an event changed; the truth behind NOTIFY and subscriptions. */
@Entity({ schema: 'hub', name: 'change_feed' })
@Check('change_feed_entity_kind_check', `entity_kind IN ('invoice', 'project')`)
export class ChangeFeedEntry {
  @PrimaryGeneratedColumn({ type: 'bigint', name: 'change_id' })
  changeId!: string;

  @Column({ type: 'bigint', name: 'event_position' })
  eventPosition!: string;

  @Column({ type: 'text', name: 'entity_kind' })
  entityKind!: ChangedEntityKind;

  @Column({ type: 'text', name: 'entity_id' })
  entityId!: string;

  @Column({ type: 'text', name: 'event_type' })
  eventType!: string;

  @Column({ type: 'text', name: 'event_id' })
  eventId!: string;

  @Column({ type: 'text', name: 'event_source' })
  eventSource!: string;

  @Column({ type: 'timestamptz', name: 'changed_at', default: () => 'now()' })
  changedAt!: Date;
}
