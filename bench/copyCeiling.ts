/**
 * The machine's ceiling for storing events: the same event rows loaded with
 * COPY into a plain table (no constraints, no index) of the same Postgres.
 */
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { BusinessEvent } from '../events/types';
import { dropDatabase, ensureDatabase } from '../db/ensureDatabase';
import { withDatabase } from '../db/url';

/** COPY text format: backslash, tab and newline escaped. */
function field(value: string | undefined): string {
  if (value === undefined) return '\\N';
  return value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

/** Seconds to COPY the events into a fresh plain table. */
export async function copyCeilingSeconds(serverUrl: string, events: readonly BusinessEvent[]): Promise<number> {
  const url = withDatabase(serverUrl, `sg_bench_copy_${Date.now()}_${process.pid}`);
  await ensureDatabase(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE TABLE event_copy (source text, event_id text, type text, subject text, sequence bigint,
      event_time timestamptz, envelope jsonb)`);
    const lines = function* () {
      for (const e of events) {
        yield `${[e.source, e.id, e.type, e.subject, e.sequence, e.time, JSON.stringify(e)].map(field).join('\t')}\n`;
      }
    };
    const started = process.hrtime.bigint();
    await pipeline(Readable.from(lines()), client.query(copyFrom('COPY event_copy FROM STDIN')));
    return Number(process.hrtime.bigint() - started) / 1e9;
  } finally {
    await client.end();
    await dropDatabase(url).catch(() => undefined);
  }
}
