/**
 * `rebuild`: replays the whole event log into a fresh read model and reports,
 * table by table, whether it equals the live one. This is the test of every
 * listener: incremental figures must equal figures recomputed from scratch.
 */
import type { Pool, PoolClient } from 'pg';
import { createPool, migrate } from '../db/dataSource';
import { dropDatabase, ensureDatabase } from '../db/ensureDatabase';
import { databaseNameOf, withDatabase } from '../db/url';
import { CHECKPOINT_SQL, READ_MODEL_PROJECTOR } from '../hub/checkpoint';
import { Projector } from './projector';
import { DATED_TABLE_SPECS } from './datedTotals';
import { READ_MODEL_TABLES, specOf } from './rows';

export interface TableComparison {
  table: string;
  liveRows: number;
  rebuiltRows: number;
  equal: boolean;
  /** Up to 5 primary keys whose rows differ (present on one side only, or with other values). */
  differingKeys: string[];
}

export interface RebuildReport {
  equal: boolean;
  /** Live checkpoint: the rebuild replays the log up to and including it. */
  position: string;
  events: number;
  replaySeconds: number;
  eventsPerSecond: number;
  tables: TableComparison[];
  rebuildDatabaseUrl: string;
  kept: boolean;
}

export interface RebuildOptions {
  liveUrl: string;
  /** Keep the rebuilt database instead of dropping it. */
  keep?: boolean;
  batchSize?: number;
  /** Events one replay transaction spans (default 100,000). */
  eventsPerTransaction?: number;
  progress?: (message: string) => void;
}

const COPY_CHUNK = 5000;
/**
 * Events of the first replayed transaction; the projector takes four times as many while the log is
 * behind, as it always is in a replay (10,000): nobody waits on a rebuild's freshness.
 */
const REPLAY_BATCH_SIZE = 2500;
/**
 * Rows the replay keeps in memory (every row it writes, about one per event): while it holds
 * them all it loads nothing; past this it drops the oldest and loads what it misses, like the live one.
 */
const REPLAY_CACHE_ROWS = 3_000_000;
/**
 * Events one replay transaction spans: the rows they change are written once,
 * at its end, instead of once per batch of the log read (a time entry and its
 * stream, submitted then approved, are one insert each instead of an insert and
 * an update). Bounded so memory stays flat and Postgres writes one transaction
 * while the next is decided.
 */
const REPLAY_TRANSACTION_EVENTS = 100_000;

interface TableDigest { rows: number; digest: string }

/** A table `rebuild` compares: its SQL name and primary-key columns. */
interface ComparedTable { sqlName: string; keyColumns: readonly string[] }

/** Every table of the read model: the listeners' rows and the figures over time kept beside them. */
export const COMPARED_TABLES: readonly ComparedTable[] = [
  ...READ_MODEL_TABLES.map((table) => {
    const spec = specOf(table);
    return { sqlName: spec.sqlName, keyColumns: spec.key.map((field) => spec.columns[field]![0]) };
  }),
  ...DATED_TABLE_SPECS.map((spec) => ({ sqlName: spec.sqlName, keyColumns: spec.key.map(([column]) => column) })),
];

/** Rows and an order-independent digest of one table, read in `client`'s snapshot. */
async function digestTable(client: PoolClient | Pool, { sqlName }: ComparedTable): Promise<TableDigest> {
  const { rows } = await client.query(
    `SELECT count(*)::int AS rows, coalesce(md5(string_agg(md5(t::text), '' ORDER BY md5(t::text))), '') AS digest FROM ${sqlName} t`);
  return { rows: rows[0].rows, digest: rows[0].digest };
}

async function rowHashes(pool: Pool, { sqlName, keyColumns }: ComparedTable): Promise<Map<string, string>> {
  const { rows } = await pool.query(
    `SELECT concat_ws('/', ${keyColumns.join(', ')}) AS key, md5(t::text) AS hash FROM ${sqlName} t`);
  return new Map(rows.map((r) => [r.key as string, r.hash as string]));
}

async function differingKeys(live: Pool, rebuilt: Pool, table: ComparedTable): Promise<string[]> {
  const [a, b] = await Promise.all([rowHashes(live, table), rowHashes(rebuilt, table)]);
  const keys = new Set([...a.keys(), ...b.keys()]);
  return [...keys].filter((key) => a.get(key) !== b.get(key)).sort().slice(0, 5);
}

export async function rebuildAndCompare(options: RebuildOptions): Promise<RebuildReport> {
  const progress = options.progress ?? (() => undefined);
  const live = createPool(options.liveUrl, { max: 2 });
  const rebuildUrl = withDatabase(options.liveUrl, `${databaseNameOf(options.liveUrl)}_rebuild_${Date.now()}`);
  let rebuilt: Pool | undefined;
  try {
    // One snapshot of the live side: its checkpoint and the rows it produced agree.
    const snapshot = await live.connect();
    const liveDigests = new Map<ComparedTable, TableDigest>();
    let position: string;
    try {
      await snapshot.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const checkpoint = await snapshot.query(CHECKPOINT_SQL.read, [READ_MODEL_PROJECTOR]);
      position = checkpoint.rows[0]?.position ?? '0';
      for (const table of COMPARED_TABLES) liveDigests.set(table, await digestTable(snapshot, table));
      await snapshot.query('COMMIT');
    } finally {
      snapshot.release();
    }

    progress(`creating ${databaseNameOf(rebuildUrl)} and copying the event log up to position ${position}`);
    await ensureDatabase(rebuildUrl);
    await migrate(rebuildUrl);
    // Three connections: a batch committing, the next one decided on another, the log read ahead on a third;
    // pipelined, so a batch's writes and COMMIT go out together.
    rebuilt = createPool(rebuildUrl, { max: 3, pipeline: true });
    const events = await copyEventLog(live, rebuilt, position, progress);

    progress(`replaying ${events} events`);
    const started = process.hrtime.bigint();
    // The database was created above: its read model is empty, only this projector writes it, and no
    // gateway listens to it, so nothing needs loading and no change feed is recorded.
    const projector = new Projector(rebuilt, {
      batchSize: options.batchSize ?? REPLAY_BATCH_SIZE, freshReadModel: true, changeFeed: false, cacheRows: REPLAY_CACHE_ROWS,
      eventsPerTransaction: options.eventsPerTransaction ?? REPLAY_TRANSACTION_EVENTS, lastPosition: position,
    });
    await projector.drain();
    const replaySeconds = Number(process.hrtime.bigint() - started) / 1e9;
    progress(`replayed ${events} events in ${replaySeconds.toFixed(1)} s; comparing with the live read model`);

    const tables: TableComparison[] = [];
    for (const table of COMPARED_TABLES) {
      const mine = liveDigests.get(table)!;
      const theirs = await digestTable(rebuilt, table);
      const equal = mine.rows === theirs.rows && mine.digest === theirs.digest;
      tables.push({
        table: table.sqlName, liveRows: mine.rows, rebuiltRows: theirs.rows, equal,
        differingKeys: equal ? [] : await differingKeys(live, rebuilt, table),
      });
    }
    return {
      equal: tables.every((t) => t.equal), position, events, replaySeconds,
      eventsPerSecond: replaySeconds > 0 ? Math.round(events / replaySeconds) : 0,
      tables, rebuildDatabaseUrl: rebuildUrl, kept: options.keep === true,
    };
  } finally {
    await rebuilt?.end();
    await live.end();
    if (!options.keep) await dropDatabase(rebuildUrl).catch(() => undefined);
  }
}

/**
 * Copies the log (positions kept) in chunks, so memory stays flat however
 * long the history. Envelopes travel as their JSON text: parsed in Node, a
 * number a double cannot hold would be rounded (docs/events.md, "Kept as
 * received").
 */
async function copyEventLog(from: Pool, to: Pool, upTo: string, progress: (message: string) => void): Promise<number> {
  let after = '0';
  let copied = 0;
  for (;;) {
    const { rows } = await from.query(
      `SELECT position::text AS position, source, event_id, type, subject, sequence::text AS sequence, event_time, content_hash, envelope::text AS envelope, received_at
       FROM hub.event_log e WHERE e.position > $1 AND e.position <= $2 ORDER BY e.position LIMIT $3`, [after, upTo, COPY_CHUNK]);
    if (rows.length === 0) break;
    await to.query(
      `INSERT INTO hub.event_log (position, source, event_id, type, subject, sequence, event_time, content_hash, envelope, received_at)
       SELECT position, source, event_id, type, subject, sequence, event_time, content_hash, envelope::jsonb, received_at
       FROM jsonb_to_recordset($1::jsonb) AS r(position bigint, source text, event_id text, type text, subject text,
         sequence bigint, event_time timestamptz, content_hash text, envelope text, received_at timestamptz)`,
      [JSON.stringify(rows)]);
    copied += rows.length;
    after = rows[rows.length - 1].position;
    if (copied % (COPY_CHUNK * 20) === 0) progress(`copied ${copied} events`);
  }
  await to.query(`SELECT setval(pg_get_serial_sequence('hub.event_log', 'position'), greatest($1::bigint, 1))`, [upTo]);
  return copied;
}
