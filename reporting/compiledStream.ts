/**
 * Runs a compiled report's statement (reporting/compiledReport.ts) on one
 * connection, in one read-only transaction, so that the read model's position
 * (the answer's ETag) and every row are of the same snapshot; the rows come as
 * Postgres writes them, `COPY (SELECT …) TO STDOUT`, read no faster than the
 * client takes them.
 */
import type { Pool, PoolClient } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { CHECKPOINT_SQL, READ_MODEL_PROJECTOR } from '../hub/checkpoint';
import type { AnswerFormat } from './compiledReport';

/** One report's snapshot of the read model, open until {@link ReportSnapshot.close}. */
export interface ReportSnapshot {
  /** The read model's position the rows are read at. */
  readonly position: string;
  /** The statement's output, as COPY writes it: one CSV record, or one row's JSON text, per line. */
  copy(statement: string, format: AnswerFormat): AsyncIterable<Buffer>;
  /**
   * Ends the transaction and gives the connection back; after `failed` (the
   * client went away mid-report, a write timed out) the connection is closed
   * instead, which stops the statement where it is.
   */
  close(failed?: unknown): Promise<void>;
  /** Stops the statement at once (the client went away): closes the connection; `close` then gives it back as failed. */
  abort(): void;
}

/** What a report needs of a pg client beyond its public API (resolvers/shared/statementBatches.ts uses the same). */
interface ClientInternals {
  /** pg's client option, read at every query; statement batches turn it on for a pool's clients. */
  pipeline?: boolean;
  readonly connection?: { readonly stream?: { destroy(): void } };
  /** The backend's process id, to cancel its statement from another connection. */
  readonly processID?: number | null;
}

export async function openReportSnapshot(pool: Pool): Promise<ReportSnapshot> {
  const client: PoolClient = await pool.connect();
  const internals = client as unknown as ClientInternals;
  // COPY holds the connection until its last row: it cannot share it with pipelined statements (pg refuses it there).
  internals.pipeline = false;
  // Postgres may be busy with, or blocked writing, rows nobody will read: ending the connection politely
  // would wait behind them. Its socket is closed (the backend stops at its next write) and the statement
  // cancelled (it stops now, even while it is still sorting), from a connection of the pool.
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    internals.connection?.stream?.destroy();
    const backend = internals.processID;
    if (backend) pool.query('SELECT pg_cancel_backend($1)', [backend]).catch(() => undefined);
  };
  try {
    // REPEATABLE READ: the position and the rows are of one snapshot, taken by the first statement.
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    // The reader sets the pace: a slow client may take longer than a read's timeout
    // (READ_TIMEOUT_SECONDS); the stalled-reader timeout ends a report nobody reads.
    await client.query('SET LOCAL statement_timeout = 0');
    const { rows } = await client.query<{ position: string }>(CHECKPOINT_SQL.read, [READ_MODEL_PROJECTOR]);
    return {
      position: rows[0]?.position ?? '0',
      copy: (statement, format) => client.query(copyTo(format === 'csv'
        ? `COPY (${statement}) TO STDOUT WITH (FORMAT csv)`
        // One column of JSON text, which escapes every control character: with a quote and a
        // delimiter it never holds, COPY writes each row's text as it is, one per line.
        : `COPY (${statement}) TO STDOUT WITH (FORMAT csv, QUOTE E'\\x01', DELIMITER E'\\x02')`)),
      async close(failed) {
        if (failed === undefined) {
          try {
            await client.query('COMMIT');
          } catch (error) {
            client.release(error instanceof Error ? error : true);
            throw error;
          }
          client.release();
        } else {
          stop();
          client.release(failed instanceof Error ? failed : true);
        }
      },
      abort: stop,
    };
  } catch (error) {
    client.release(error instanceof Error ? error : true);
    throw error;
  }
}

/**
 * COPY's CSV records with RFC 4180's CRLF ends (COPY ends them with LF). A
 * line break inside a quoted field is data and stays as it is; the quote state
 * carries over from one chunk to the next.
 */
export function crlfRecords(): (chunk: Buffer) => Buffer {
  let quoted = false;
  return (chunk) => {
    const parts: Buffer[] = [];
    let start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i]!;
      if (byte === 0x22) quoted = !quoted;
      else if (byte === 0x0a && !quoted) {
        parts.push(chunk.subarray(start, i), CRLF);
        start = i + 1;
      }
    }
    if (parts.length === 0) return chunk;
    parts.push(chunk.subarray(start));
    return Buffer.concat(parts);
  };
}

const CRLF = Buffer.from('\r\n');

/**
 * COPY's lines of JSON rows as the elements of an array: `,` between them, none
 * after the last. A line of JSON text holds no raw line break, so each LF ends
 * a row; the one after the last row is dropped (written as the next row's `,`).
 */
export function jsonElements(): (chunk: Buffer) => Buffer {
  let rowEnded = false;
  return (chunk) => {
    if (chunk.length === 0) return chunk;
    const endsRow = chunk[chunk.length - 1] === 0x0a;
    const body = Buffer.allocUnsafe((rowEnded ? 1 : 0) + chunk.length - (endsRow ? 1 : 0));
    let at = 0;
    if (rowEnded) body[at++] = 0x2c;
    chunk.copy(body, at, 0, endsRow ? chunk.length - 1 : chunk.length);
    for (let i = body.indexOf(0x0a, at); i !== -1; i = body.indexOf(0x0a, i + 1)) body[i] = 0x2c;
    rowEnded = endsRow;
    return body;
  };
}
