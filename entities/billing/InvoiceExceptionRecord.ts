import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ExceptionStage } from '../../events/types';

/** billing.invoice_exception: a billing-pipeline exception raised on an invoice; open while resolved_at is null. */
@Entity({ schema: 'billing', name: 'invoice_exception' })
@Index('invoice_exception_open', ['invoiceId'], { where: 'resolved_at IS NULL' })
export class InvoiceExceptionRecord {
  @PrimaryColumn({ type: 'text', name: 'invoice_id', collation: 'C' })
  invoiceId!: string;

  @PrimaryColumn({ type: 'text', name: 'exception_id', collation: 'C' })
  exceptionId!: string;

  @Column({ type: 'text', name: 'stage' })
  stage!: ExceptionStage;

  @Column({ type: 'text', name: 'code' })
  code!: string;

  @Column({ type: 'text', name: 'message', nullable: true })
  message!: string | null;

  @Column({ type: 'timestamptz', name: 'raised_at' })
  raisedAt!: Date;

  @Column({ type: 'timestamptz', name: 'resolved_at', nullable: true })
  resolvedAt!: Date | null;

  @Column({ type: 'text', name: 'resolution', nullable: true })
  resolution!: string | null;
}
