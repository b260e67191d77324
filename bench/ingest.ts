/**
 * `npm run bench -- ingest [--events N] [--batch 500] [--concurrency 2] [--repeat 1] [--listener-batch N] [--profile yes|no]
 *   [--figures-over-time on|off|both] [--auth off|jwt|both] [--baseline DIR]`
 *
 * `--auth both` runs each repeat twice, with AUTH=off and AUTH=jwt (every
 * request then carries a bearer token verified on the ingest thread, and an
 * audit row), in alternating order, and reports the rate with tokens beside
 * the rate without, measured in the same run. `--baseline DIR` runs each
 * repeat twice the same way, with this build's hub and with the hub of the
 * build in DIR (a dist/ built from another commit), and reports this build's
 * rate beside the baseline's: what a change costs, on the same machine in
 * the same minutes.
 *
 * Events/s from the simulator's firm through POST /events until applied to
 * the read model (the hub in its own process, this process the client), and
 * beside it the machine's ceiling: the same rows COPYed into a plain table.
 * What bounds it is shown as CPU per process in each window (accepting, then
 * the listeners' tail), the hub main thread's event-loop delay while
 * accepting and, with `--profile yes`, a CPU profile of the hub's ingest and listener threads
 * over a separate run (the profiler's overhead stays out of the figures).
 * `--figures-over-time both` runs each round twice, alternating which goes
 * first: the hub as it is, and the hub without the figures over time (months,
 * aging and DSO aggregates; `SERVICEGRAPH_FIGURES_OVER_TIME=off`), to measure
 * what keeping them costs.
 */
import http from 'node:http';
import os from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { mintToken } from '../access/mintToken';
import { DEFAULTS } from '../config/config';
import { firmEvents, scaleForEvents } from '../simulator/firm';
import { copyCeilingSeconds } from './copyCeiling';
import { profileLines, startWorkerProfiles, type ProfileSummary } from './cpuProfile';
import { cpuLine, cpuWindow, type CpuShares } from './cpuUsage';
import { request } from './http';
import { startEventLoopDelay } from './inspector';
import { startBenchHub } from './hubProcess';
import { otherBuild } from './otherBuild';
import { loadLine, median, medianOfRuns, medianSpread, report } from './report';
import { benchServer } from './server';
import { startStatementStats, statementLines, type StatementUse } from './statementStats';
import { startTableWrites, tableWritesLine, type TableWrites } from './tableWrites';

interface Status { received: number; applied: number; parked: number; pending: number; rejected: number; duplicates: number }

interface RunResult {
  /** Seconds until every event was applied, and until the last 202. */
  readonly total: number;
  readonly ingestOnly: number;
  readonly last: Status;
  /** CPU while requests were answered (the listeners running alongside), then while the listeners caught up. */
  readonly accepting: CpuShares;
  readonly catchingUp: CpuShares;
  /** The hub main thread's event-loop delay while accepting (ms): how long ready work, ingest's included, waited for the listeners and the rest. */
  readonly loopDelay: { p50: number; p99: number; max: number };
  /** What the Postgres server wrote to its WAL from the first request until all was applied (server-wide: the bench's own server has nothing else). */
  readonly wal: WalUse;
  /** Postgres statements in that window, by time (undefined: the server keeps no statement statistics). */
  readonly statements?: StatementUse[];
  /** Rows and index entries written in that window, by table. */
  readonly tableWrites: TableWrites[];
  readonly profiles?: readonly { thread: string; summary: ProfileSummary }[];
}

interface WalUse { readonly bytes: number; readonly fullPageImages: number; readonly checkpoints: number }

/** The server's WAL counters (pg_stat_wal, Postgres 14+) and checkpoints begun (pg_stat_checkpointer from 17, pg_stat_bgwriter before). */
async function walCounters(databaseUrl: string): Promise<WalUse> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const wal = (await client.query<{ bytes: string; fpi: string }>(`SELECT wal_bytes::text AS bytes, wal_fpi::text AS fpi FROM pg_stat_wal`)).rows[0]!;
    const modern = (await client.query(`SELECT to_regclass('pg_catalog.pg_stat_checkpointer') IS NOT NULL AS ok`)).rows[0].ok as boolean;
    const checkpoints = (await client.query<{ n: string }>(modern
      ? `SELECT (num_timed + num_requested)::text AS n FROM pg_stat_checkpointer`
      : `SELECT (checkpoints_timed + checkpoints_req)::text AS n FROM pg_stat_bgwriter`)).rows[0]!;
    return { bytes: Number(wal.bytes), fullPageImages: Number(wal.fpi), checkpoints: Number(checkpoints.n) };
  } finally {
    await client.end();
  }
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });

async function status(ingestUrl: string, headers: Readonly<Record<string, string>>): Promise<Status> {
  return JSON.parse((await request(agent, `${ingestUrl}/status`, 'GET', undefined, undefined, headers)).body) as Status;
}

type AuthMode = 'off' | 'jwt';

/** The hub's access settings and the client's headers for `mode`: with jwt, an HS256 token like a connector's. */
async function authFor(mode: AuthMode): Promise<{ env: Record<string, string>; headers: Record<string, string> }> {
  if (mode === 'off') return { env: { AUTH: 'off' }, headers: {} };
  const secret = 'bench-secret-bench-secret-bench-secret-0123';
  const token = await mintToken(secret, { subject: 'bench-connector', scopes: ['events:write', 'operations:read'], sources: ['/'], ttlSeconds: 3600 });
  return { env: { AUTH: 'jwt', AUTH_JWT_SECRET: secret }, headers: { authorization: `Bearer ${token}` } };
}

/** One fresh hub: the bodies posted with `concurrency` requests in flight, then waiting until all is applied. */
async function ingestRun(serverUrl: string, bodies: readonly string[], eventCount: number, concurrency: number, listenerBatch: string, profile: boolean,
  figuresOverTime = true, auth: AuthMode = 'off', dist?: string): Promise<RunResult> {
  const { env: authEnv, headers } = await authFor(auth);
  const env: Record<string, string> = { LISTENER_BATCH_SIZE: listenerBatch, ...authEnv };
  if (!figuresOverTime) env.SERVICEGRAPH_FIGURES_OVER_TIME = 'off';
  const hub = await startBenchHub(serverUrl, { env, dist });
  try {
    const stopProfile = profile ? await startWorkerProfiles(hub.inspectorUrl) : undefined;
    const stopLoopDelay = await startEventLoopDelay(hub.inspectorUrl);
    const walBefore = await walCounters(hub.databaseUrl);
    const stopStatements = await startStatementStats(hub.databaseUrl);
    const stopTableWrites = await startTableWrites(hub.databaseUrl);
    const acceptingWindow = cpuWindow({ hub: hub.pid });
    const started = process.hrtime.bigint();
    let next = 0;
    const worker = async () => {
      while (next < bodies.length) {
        const body = bodies[next++]!;
        const answer = await request(agent, `${hub.ingestUrl}/events`, 'POST', body, 'application/cloudevents-batch+json', headers);
        if (answer.status !== 202) throw new Error(`ingest answered ${answer.status}: ${answer.body.slice(0, 300)}`);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const ingested = process.hrtime.bigint();
    const accepting = acceptingWindow();
    const loopDelay = await stopLoopDelay();
    const catchingUpWindow = cpuWindow({ hub: hub.pid });
    let last: Status;
    for (;;) {
      last = await status(hub.ingestUrl, headers);
      if (last.pending === 0 && last.received === eventCount) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const done = process.hrtime.bigint();
    const catchingUp = catchingUpWindow();
    const walAfter = await walCounters(hub.databaseUrl);
    const statements = await stopStatements?.();
    const profiles = await stopProfile?.();
    // The hub's sessions report their table counts as they end.
    await hub.stopProcess();
    const tableWrites = await stopTableWrites();
    const wal = { bytes: walAfter.bytes - walBefore.bytes, fullPageImages: walAfter.fullPageImages - walBefore.fullPageImages, checkpoints: walAfter.checkpoints - walBefore.checkpoints };
    return {
      total: Number(done - started) / 1e9, ingestOnly: Number(ingested - started) / 1e9, last, accepting, catchingUp, loopDelay, wal, statements, tableWrites, profiles,
    };
  } finally {
    await hub.stop();
  }
}

export async function runIngestBenchmark(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      events: { type: 'string', default: '100000' }, batch: { type: 'string', default: '500' },
      concurrency: { type: 'string', default: '2' }, repeat: { type: 'string', default: '1' },
      'listener-batch': { type: 'string', default: String(DEFAULTS.batchSize) }, profile: { type: 'string', default: 'yes' },
      'figures-over-time': { type: 'string', default: 'on' },
      auth: { type: 'string', default: 'off' },
      baseline: { type: 'string' },
    },
  });
  if (!['off', 'jwt', 'both'].includes(values.auth!)) throw new Error(`--auth: expected off, jwt or both, got ${JSON.stringify(values.auth)}`);
  if (values.auth === 'both' && values.baseline !== undefined) throw new Error('--auth both and --baseline: expected one comparison at a time, got both');
  if (values.auth === 'both') return runComparison(values as Record<string, string>, argv, AUTH_COMPARISON);
  if (values.baseline !== undefined) return runComparison(values as Record<string, string>, argv, baselineComparison(values.baseline, values.auth as AuthMode));
  const figuresOverTime = values['figures-over-time']!;
  if (!['on', 'off', 'both'].includes(figuresOverTime)) throw new Error(`--figures-over-time expects on, off or both, but got "${figuresOverTime}"`);
  const target = Number(values.events);
  const batchSize = Number(values.batch);
  const concurrency = Number(values.concurrency);
  const repeat = Number(values.repeat);
  const listenerBatch = values['listener-batch']!;
  const load = loadLine();

  process.stderr.write(`generating a firm of about ${target} events...\n`);
  const events = [...firmEvents({ seed: 'bench', scale: scaleForEvents(target) })];
  const bodies: string[] = [];
  for (let i = 0; i < events.length; i += batchSize) bodies.push(JSON.stringify(events.slice(i, i + batchSize)));

  const server = await benchServer();
  const runs: (RunResult & { copy: number })[] = [];
  /** With `--figures-over-time both`: the same runs without them. */
  const without: RunResult[] = [];
  let profiled: RunResult | undefined;
  try {
    for (let run = 1; run <= repeat; run++) {
      // Alternated, so neither side always runs on the warmer machine.
      const withoutFirst = figuresOverTime === 'both' && run % 2 === 1;
      const runWithout = async () => {
        const result = await ingestRun(server.url, bodies, events.length, concurrency, listenerBatch, false, false);
        without.push(result);
        process.stderr.write(`run ${run} without the figures over time: applied after ${result.total.toFixed(2)} s (${Math.round(events.length / result.total)} events/s)\n`);
      };
      if (withoutFirst) await runWithout();
      const result = await ingestRun(server.url, bodies, events.length, concurrency, listenerBatch, false, figuresOverTime !== 'off');
      const copy = await copyCeilingSeconds(server.url, events);
      runs.push({ ...result, copy });
      process.stderr.write(`run ${run}: ${events.length} events accepted in ${result.ingestOnly.toFixed(2)} s, applied after ${result.total.toFixed(2)} s ` +
        `(${Math.round(events.length / result.total)} events/s; parked ${result.last.parked}, rejected ${result.last.rejected}); COPY of the same rows ${copy.toFixed(2)} s; ` +
        `WAL ${(result.wal.bytes / 1048576).toFixed(0)} MiB, ${result.wal.fullPageImages} full-page images, ${result.wal.checkpoints} checkpoint(s); ` +
        `CPU accepting: ${Object.entries(result.accepting.cores).map(([name, cores]) => `${name} ${Math.round(cores * 100)}%`).join(', ')}\n`);
      if (figuresOverTime === 'both' && !withoutFirst) await runWithout();
    }
    if (values.profile !== 'no') profiled = await ingestRun(server.url, bodies, events.length, concurrency, listenerBatch, true);
  } finally {
    await server.stop();
  }
  const rates = runs.map((r) => events.length / r.total);
  const ratesWithout = without.map((r) => events.length / r.total);
  // CPU the hub and Postgres spent per event, from first request to all applied: on a shared machine, less
  // sensitive than events/s to what else runs (a starved run takes longer but not more CPU).
  const cpuPerEvent = (r: RunResult) => ['hub', 'postgres'].reduce((sum, name) =>
    sum + (r.accepting.cores[name] ?? 0) * r.accepting.seconds + (r.catchingUp.cores[name] ?? 0) * r.catchingUp.seconds, 0) / events.length * 1e6;
  const cpuWith = runs.map(cpuPerEvent);
  const cpuWithout = without.map(cpuPerEvent);
  const ingestRates = runs.map((r) => events.length / r.ingestOnly);
  const copyRates = runs.map((r) => events.length / r.copy);
  const ratios = runs.map((r) => r.copy / r.total);
  const lastRun = runs.at(-1)!;
  const busiest = Object.entries(lastRun.accepting.cores).sort((a, b) => b[1] - a[1]);
  report({
    benchmark: 'ingest',
    variant: `${events.length} events${figuresOverTime === 'both' ? ', with and without the figures over time' : figuresOverTime === 'off' ? ', without the figures over time' : ''}`,
    about: 'Events/s through `POST /events` (batches of 500, 2 in flight) until the listeners have applied every one, beside a ' +
      '`COPY` of the same rows into a plain table on the same Postgres: the ceiling of writing the events at all.',
    command: `npm run bench -- ingest ${argv.join(' ')}`.trim(),
    rows: [
      {
        figure: 'ingest + apply', unit: 'events/s', ...medianOfRuns(rates),
        reference: { name: 'COPY of the same rows', value: median(copyRates), unit: 'events/s' },
        ratio: median(ratios), ratioMeaning: 'the ceiling',
      },
      { figure: 'ingest alone (all 202 answers)', unit: 'events/s', ...medianOfRuns(ingestRates) },
      ...(without.length > 0 ? [{
        figure: 'ingest + apply keeping the figures over time', unit: 'events/s', ...medianOfRuns(rates),
        reference: { name: 'the same hub without them (SERVICEGRAPH_FIGURES_OVER_TIME=off), alternated in the same run', value: median(ratesWithout), unit: 'events/s' },
        ratio: median(rates) / median(ratesWithout), ratioMeaning: 'the hub without the figures over time',
      }, {
        figure: 'hub + Postgres CPU per event keeping the figures over time', unit: 'µs', ...medianOfRuns(cpuWith),
        reference: { name: 'the same hub without them, alternated in the same run', value: median(cpuWithout), unit: 'µs' },
        ratio: median(cpuWith) / median(cpuWithout), ratioMeaning: 'the hub without the figures over time',
      }] : []),
    ],
    bounds: `${cpuLine('accepting (last run)', lastRun.accepting).replace(/^- /, '')}` +
      (busiest.reduce((sum, [, cores]) => sum + cores, 0) > 0.9 * os.cpus().length ? ': the cores are full' : '') +
      `; Postgres writes ${(lastRun.wal.bytes / events.length).toFixed(0)} bytes of WAL an event` +
      `, ${(lastRun.tableWrites.reduce((n, w) => n + w.inserted + w.updated + w.deleted, 0) / events.length).toFixed(2)} rows and ` +
      `${(lastRun.tableWrites.reduce((n, w) => n + w.indexEntries, 0) / events.length).toFixed(2)} index entries an event (COPY: 1 row, no index entry)`,
    details: [
    `- Postgres: ${server.description}; batches of ${batchSize}, ${concurrency} requests in flight, listener batches of ${listenerBatch}, ${repeat} run(s)`,
    load,
    `- ingest + apply: median ${Math.round(median(rates))} events/s (runs: ${rates.map(Math.round).join(', ')})`,
    ...(without.length > 0 ? [`- without the figures over time (alternated with the runs above): median ${Math.round(median(ratesWithout))} events/s ` +
      `(runs: ${ratesWithout.map(Math.round).join(', ')}); with ÷ without ${(median(rates) / median(ratesWithout)).toFixed(3)}`,
      `- hub + Postgres CPU per event, first request to all applied: with ${medianSpread(cpuWith, 1, ' µs')}, without ${medianSpread(cpuWithout, 1, ' µs')}; ` +
      `with ÷ without ${(median(cpuWith) / median(cpuWithout)).toFixed(3)}`] : []),
    ...(figuresOverTime === 'off' ? ['- these runs kept no figures over time (SERVICEGRAPH_FIGURES_OVER_TIME=off)'] : []),
    `- ingest alone (all 202 answers): median ${Math.round(median(ingestRates))} events/s (runs: ${ingestRates.map(Math.round).join(', ')})`,
    `- ceiling, COPY of the same rows into a plain table: median ${Math.round(median(copyRates))} events/s (runs: ${copyRates.map(Math.round).join(', ')})`,
    `- ratio ingest + apply / COPY ceiling: median ${median(ratios).toFixed(3)} (runs: ${ratios.map((r) => r.toFixed(3)).join(', ')})`,
    cpuLine(`accepting (${lastRun.ingestOnly.toFixed(1)} s, listeners running alongside; last run)`, lastRun.accepting),
    `  - the hub main thread's event-loop delay while accepting (ready work waiting for a busy loop): ` +
      `p50 ${medianSpread(runs.map((r) => r.loopDelay.p50), 1, ' ms')}, p99 ${medianSpread(runs.map((r) => r.loopDelay.p99), 1, ' ms')}, max ${medianSpread(runs.map((r) => r.loopDelay.max), 1, ' ms')}`,
    `  - Postgres WAL from the first request until all was applied (last run): ${(lastRun.wal.bytes / events.length).toFixed(0)} bytes an event ` +
      `(${(lastRun.wal.bytes / 1048576).toFixed(0)} MiB), ${lastRun.wal.fullPageImages} full-page images, ${lastRun.wal.checkpoints} checkpoint(s) begun`,
    tableWritesLine('Postgres rows written from the first request until all was applied (last run; pg_stat_user_tables)', lastRun.tableWrites, events.length),
    cpuLine(`the listeners' catching up after the last 202 (${(lastRun.total - lastRun.ingestOnly).toFixed(1)} s; last run)`, lastRun.catchingUp),
    ...(lastRun.statements ? statementLines(`Postgres statements from the first request until all was applied (last run; pg_stat_statements)`, lastRun.statements, events.length, 'event') : []),
    // The hub's main thread runs neither ingest nor the listeners (each has a thread of its own): their threads are profiled.
    ...(profiled?.profiles ?? []).flatMap(({ thread, summary }) => profileLines(`the hub's ${thread} thread accepting and applying ${events.length} events (a separate run, ` +
      `${Math.round(events.length / profiled!.total)} events/s under the profiler)`, summary, 10, 12)),
    ],
  });
}

/**
 * `--auth both`: the same events through hubs with AUTH=off and AUTH=jwt,
 * alternating which goes first each repeat, so drift on a shared machine
 * falls on both; the figure is the rate with tokens, its reference the rate
 * without, and the ratio jwt / off (1 = no overhead).
 */
/** One side of a comparison: how its hub runs. */
interface Side {
  readonly name: string;
  readonly auth: AuthMode;
  /** Another build's dist/ (undefined: this build). */
  readonly dist?: string;
}

/** Two hubs measured in the same run, alternating which goes first: `measured` beside `reference`. */
interface Comparison {
  readonly measured: Side;
  readonly reference: Side;
  readonly about: string;
  readonly bounds: (batchSize: number) => string;
}

const AUTH_COMPARISON: Comparison = {
  measured: { name: 'AUTH=jwt', auth: 'jwt' },
  reference: { name: 'AUTH=off', auth: 'off' },
  about: 'Events/s through `POST /events` until applied, every request carrying a bearer token verified on the ingest thread ' +
    '(and recorded in the audit log), beside the same events with AUTH=off in the same run.',
  bounds: (batchSize) => `the same work as \`ingest\` plus one HS256 verification and one audit entry per request (batches of ${batchSize} events)`,
};

/** `--baseline DIR`: this build beside another one (its dist/, built from another commit), to measure what a change costs. */
function baselineComparison(dir: string, auth: AuthMode): Comparison {
  const { dist, name } = otherBuild('--baseline', dir);
  return {
    measured: { name: 'this build', auth },
    reference: { name: `the baseline build (${name})`, auth, dist },
    about: `Events/s through \`POST /events\` until applied, this build beside a baseline build (${dist}) run on the same events in the same run.`,
    bounds: (batchSize) => `the same work as \`ingest\` (batches of ${batchSize} events), in two builds`,
  };
}

async function runComparison(values: Record<string, string>, argv: string[], comparison: Comparison): Promise<void> {
  const target = Number(values.events);
  const batchSize = Number(values.batch);
  const concurrency = Number(values.concurrency);
  const repeat = Number(values.repeat);
  const load = loadLine();
  process.stderr.write(`generating a firm of about ${target} events...\n`);
  const events = [...firmEvents({ seed: 'bench', scale: scaleForEvents(target) })];
  const bodies: string[] = [];
  for (let i = 0; i < events.length; i += batchSize) bodies.push(JSON.stringify(events.slice(i, i + batchSize)));
  const { measured, reference } = comparison;
  const rates = new Map<Side, number[]>([[measured, []], [reference, []]]);
  const ingestRates = new Map<Side, number[]>([[measured, []], [reference, []]]);
  const server = await benchServer();
  try {
    for (let run = 1; run <= repeat; run++) {
      for (const side of run % 2 === 1 ? [reference, measured] : [measured, reference]) {
        const result = await ingestRun(server.url, bodies, events.length, concurrency, values['listener-batch']!, false, true, side.auth, side.dist);
        if (result.last.rejected !== 0) throw new Error(`${side.name}: ${result.last.rejected} events were rejected`);
        rates.get(side)!.push(events.length / result.total);
        ingestRates.get(side)!.push(events.length / result.ingestOnly);
        process.stderr.write(`run ${run}, ${side.name}: ${events.length} events applied after ${result.total.toFixed(2)} s (${Math.round(events.length / result.total)} events/s; ` +
          `accepted in ${result.ingestOnly.toFixed(2)} s)\n`);
      }
    }
  } finally {
    await server.stop();
  }
  const ratiosOf = (of: Map<Side, number[]>) => of.get(measured)!.map((rate, i) => rate / of.get(reference)![i]!);
  const ratios = ratiosOf(rates);
  const ingestRatios = ratiosOf(ingestRates);
  report({
    benchmark: 'ingest',
    variant: `${events.length} events, ${measured.name} beside ${reference.name}`,
    about: comparison.about,
    command: `npm run bench -- ingest ${argv.join(' ')}`.trim(),
    rows: [
      {
        figure: `ingest + apply, ${measured.name}`, unit: 'events/s', ...medianOfRuns(rates.get(measured)!),
        reference: { name: `${reference.name}, same run`, value: median(rates.get(reference)!), unit: 'events/s' },
        ratio: median(ratios), ratioMeaning: reference.name,
      },
      {
        figure: `ingest alone (all 202 answers), ${measured.name}`, unit: 'events/s', ...medianOfRuns(ingestRates.get(measured)!),
        reference: { name: `${reference.name}, same run`, value: median(ingestRates.get(reference)!), unit: 'events/s' },
        ratio: median(ingestRatios), ratioMeaning: reference.name,
      },
    ],
    bounds: comparison.bounds(batchSize),
    details: [
      `- batches of ${batchSize}, ${concurrency} requests in flight, ${repeat} pair(s) of runs, order alternating`,
      load,
      `- ${reference.name}: ${rates.get(reference)!.map(Math.round).join(', ')} events/s; ${measured.name}: ${rates.get(measured)!.map(Math.round).join(', ')} events/s`,
      `- ratio per pair, applied: ${ratios.map((r) => r.toFixed(3)).join(', ')} (median ${median(ratios).toFixed(3)}); ` +
        `accepted: ${ingestRatios.map((r) => r.toFixed(3)).join(', ')} (median ${median(ingestRatios).toFixed(3)})`,
    ],
  });
}
