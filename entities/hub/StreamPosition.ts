import { Column, Entity, PrimaryColumn } from 'typeorm';

/** hub.stream_position: the last applied `sequence` per (source, subject). */
@Entity({ schema: 'hub', name: 'stream_position' })
export class StreamPosition {
  @PrimaryColumn({ type: 'text', name: 'source', collation: 'C' })
  source!: string;

  @PrimaryColumn({ type: 'text', name: 'subject', collation: 'C' })
  subject!: string;

  @Column({ type: 'bigint', name: 'last_sequence' })
  lastSequence!: string;
}
