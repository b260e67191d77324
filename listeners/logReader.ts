/**
 * The event log as the projector reads it: what this process's ingest handed
 * over (hub/logTail.ts) when that holds what follows a position, the log in
 * Postgres otherwise; and the log after a batch read ahead while the batch is
 * decided, so the next one need not wait for it.
 */
import type { Pool } from 'pg';
import { readLogAfter, type LogRow } from '../hub/eventLog';
import type { LogTail } from '../hub/logTail';

export class LogReader {
  /** The log after a position, read while the batch before it is decided. */
  private ahead: { after: string; rows: Promise<LogRow[]> } | undefined;

  constructor(private readonly pool: Pool, private readonly tail: LogTail | undefined, private readonly batchSize: number) {}

  /** Up to a batch of events after `position` from memory, when the tail holds the next one; undefined: read the log. */
  held(position: string): LogRow[] | undefined {
    return this.tail?.after(position, this.batchSize);
  }

  /** Starts reading up to `limit` events after `position`, for {@link after} to take. */
  readAhead(position: string, limit: number): void {
    this.ahead = { after: position, rows: this.read(position, limit) };
  }

  /** Forgets what was read ahead (the batch it was read for was abandoned). */
  forget(): void {
    this.ahead = undefined;
  }

  /** A batch of the log after `position`: what was read ahead when it is there and not empty, else read now. */
  async after(position: string): Promise<LogRow[]> {
    const ahead = this.ahead;
    this.ahead = undefined;
    if (ahead?.after === position) {
      const rows = await ahead.rows.catch(() => []);
      // Empty then may not be empty now; the notification of what came since may already be spent.
      if (rows.length > 0) return rows;
    }
    return this.read(position, this.batchSize);
  }

  /**
   * Reads the log on a connection of its own: events never change, and positions become
   * visible in increasing order, so what it returns is exactly what follows `position`.
   * What the tail holds right after `position` is taken from memory instead.
   */
  private read(position: string, limit: number): Promise<LogRow[]> {
    const held = this.tail?.after(position, limit);
    if (held) return Promise.resolve(held);
    const rows = readLogAfter(this.pool, position, limit);
    rows.catch(() => undefined);
    return rows;
  }
}
