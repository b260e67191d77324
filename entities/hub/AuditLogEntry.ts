import { Check, Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AuditKind } from '../../access/auditLog';

/** hub.audit_log: who used which door, when, from where, and what came of it (written by access/auditLog.ts). */
@Entity({ schema: 'hub', name: 'audit_log' })
@Check('audit_log_kind_check', `kind IN ('ingest', 'refused', 'operator')`)
export class AuditLogEntry {
  @PrimaryGeneratedColumn({ type: 'bigint', name: 'audit_id' })
  auditId!: string;

  /** When the request was answered. */
  @Column({ type: 'timestamptz', name: 'at' })
  at!: Date;

  @Column({ type: 'text', name: 'kind' })
  kind!: AuditKind;

  /** Method and path (`POST /events`), or `graphql`, `graphql-ws`, `graphql-sse`. */
  @Column({ type: 'text', name: 'door' })
  door!: string;

  /** The token's `sub`; null with AUTH=off or without a valid token. */
  @Column({ type: 'text', name: 'subject', nullable: true })
  subject!: string | null;

  /** The client's address. */
  @Column({ type: 'text', name: 'client', nullable: true })
  client!: string | null;

  @Column({ type: 'int', name: 'status' })
  status!: number;

  @Column({ type: 'text', name: 'reason', nullable: true })
  reason!: string | null;

  /** An ingest request's counts and sources, say. */
  @Column({ type: 'jsonb', name: 'detail', nullable: true })
  detail!: Record<string, unknown> | null;
}
