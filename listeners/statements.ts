/**
 * The statements of one batch's transaction, sent in order without the caller
 * waiting for each. On a pipelined connection (pg's `pipeline: true`) each goes
 * out at once and Postgres runs them back to back; on a plain one each goes out
 * as the one before completes (pg no longer queues statements itself). Either
 * way a failed statement aborts the transaction: the ones behind it fail too,
 * and a COMMIT behind them rolls back (see {@link Statements.commit}).
 */
import type { PoolClient, QueryResult } from 'pg';

export interface Queryable {
  query(text: string, params?: unknown[]): Promise<QueryResult>;
}

export class Statements implements Queryable {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly client: PoolClient) {}

  /**
   * Sends `text` after every statement sent before it. The result is marked
   * handled: a caller that does not wait for it learns of a failure through the
   * statements behind it (and {@link commit}).
   */
  query(text: string, params?: unknown[]): Promise<QueryResult> {
    const send = () => this.client.query(text, params);
    const result = this.client.pipeline ? send() : this.tail.then(send, send);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** COMMIT behind everything sent; rejects when Postgres rolled back instead (a statement before it failed). */
  async commit(): Promise<void> {
    const { command } = await this.query('COMMIT');
    if (command !== 'COMMIT') throw new Error(`the batch's transaction ended with ${command} instead of COMMIT`);
  }

  /** Waits for every statement sent so far, whatever their outcome. */
  settled(): Promise<unknown> {
    return this.tail;
  }
}
