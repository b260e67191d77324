/**
 * `npm run bench -- history [--small 10000] [--large 300000] [--repeat 3] [--seconds 3] [--seq-seconds 3] [--connections 50]`
 *
 * Does history slow the dashboard down? The project page (bench/queryOperations.ts)
 * through the gateway of two hubs side by side on one Postgres server: one
 * that has absorbed a small firm's events, one a large firm's (the default
 * 300,000 keeps the run within a few minutes; `--large 1000000` is the
 * million-event size and loads for about two minutes more). Figures are running
 * totals on one row per project, so the ratio large ÷ small should be near 1.
 * Each side is measured twice: uncached (every request sends `Cache-Control:
 * no-cache`, so it is executed: the figure the history goal is about) and
 * from the response cache (the page polled while the read model is unchanged).
 * Beside the page, uncached only, the figures over time: the subject project's
 * last 12 months (`Project.months`) and `receivablesAging` as of today, both
 * read from small running aggregates, so their ratio should be near 1 too.
 */
import http from 'node:http';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { cpuLine, cpuWindow, type CpuShares } from './cpuUsage';
import { graphqlBody, request } from './http';
import { startBenchHub, type BenchHub } from './hubProcess';
import { CACHE_HEADER, httpThroughput, NO_CACHE, sequential, type Sequential, type Throughput } from './latency';
import { benchFirmStream, loadFirmCounted } from './loadFirm';
import { PROJECT_MONTHS, PROJECT_PAGE, RECEIVABLES_AGING } from './queryOperations';
import { loadLine, median, medianSpread, report } from './report';
import { benchServer } from './server';

interface Side {
  label: string;
  hub: BenchHub;
  events: number;
  loadSeconds: number;
  projectIds: string[];
  history: { projects: number; timeEntries: number; invoices: number; subjectInvoices: number; subjectTimeEntries: number };
  samples: Record<Mode, { seq: Sequential; thr: Throughput; cpu: CpuShares }[]>;
  /** The subject project's last 12 months with figures, `from`–`to`. */
  months: { from: string; to: string };
  /** The figures over time, uncached, by operation. */
  overTime: Record<OverTimeOperation, { seq: Sequential; thr: Throughput }[]>;
}

type OverTimeOperation = 'Project.months (12 months)' | 'receivablesAging';
const OVER_TIME: readonly OverTimeOperation[] = ['Project.months (12 months)', 'receivablesAging'];

/** The request body of a figures-over-time operation on one side. */
function overTimeBody(operation: OverTimeOperation, side: Side): string {
  return operation === 'receivablesAging'
    ? graphqlBody(RECEIVABLES_AGING, {})
    : graphqlBody(PROJECT_MONTHS, { id: side.projectIds[0], from: side.months.from, to: side.months.to });
}

type Mode = 'uncached' | 'cached';
const MODES: Record<Mode, { headers: Readonly<Record<string, string>>; cache: string; label: string }> = {
  uncached: { headers: NO_CACHE, cache: 'pass', label: 'uncached (Cache-Control: no-cache)' },
  cached: { headers: {}, cache: 'hit', label: 'response cache (read model unchanged)' },
};

export async function runHistoryBenchmark(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      small: { type: 'string', default: '10000' }, large: { type: 'string', default: '300000' }, repeat: { type: 'string', default: '3' },
      seconds: { type: 'string', default: '3' }, 'seq-seconds': { type: 'string', default: '3' }, connections: { type: 'string', default: '50' },
    },
  });
  const repeat = Number(values.repeat);
  const connections = Number(values.connections);
  const load = loadLine();
  const server = await benchServer();
  const sides: Side[] = [];
  try {
    for (const [label, size] of [['small', Number(values.small)], ['large', Number(values.large)]] as const) {
      const hub = await startBenchHub(server.url, { gateway: true });
      sides.push({
        label, hub, events: 0, loadSeconds: 0, projectIds: [], history: undefined as never, samples: { uncached: [], cached: [] },
        months: { from: '', to: '' }, overTime: { 'Project.months (12 months)': [], receivablesAging: [] },
      });
      process.stderr.write(`history: loading the ${label} firm (about ${size} events)...\n`);
      const loaded = await loadFirmCounted(hub.ingestUrl, benchFirmStream(size), label);
      const pool = new pg.Pool({ connectionString: hub.databaseUrl, max: 1 });
      try {
        await pool.query('VACUUM ANALYZE');
        const top = await pool.query(`SELECT project_id AS id, count(*)::int AS n FROM billing.invoice GROUP BY project_id ORDER BY n DESC, project_id LIMIT 1`);
        const counts = await pool.query(`SELECT (SELECT count(*) FROM project.project)::int AS projects, (SELECT count(*) FROM project.time_entry)::int AS time_entries,
          (SELECT count(*) FROM billing.invoice)::int AS invoices, (SELECT count(*) FROM project.time_entry WHERE project_id = $1)::int AS subject_time_entries`, [top.rows[0].id]);
        const side = sides.at(-1)!;
        side.events = loaded.events;
        side.loadSeconds = loaded.seconds;
        side.projectIds = top.rows.map((r) => r.id);
        side.history = {
          projects: counts.rows[0].projects, timeEntries: counts.rows[0].time_entries, invoices: counts.rows[0].invoices,
          subjectInvoices: top.rows[0].n, subjectTimeEntries: counts.rows[0].subject_time_entries,
        };
      } finally {
        await pool.end();
      }
    }

    // The same page on both sides: a project with as many invoices (the page lists up to 10) in each.
    const invoices = Math.min(...sides.map((s) => s.history.subjectInvoices));
    for (const side of sides) {
      const pool = new pg.Pool({ connectionString: side.hub.databaseUrl, max: 1 });
      try {
        const { rows } = await pool.query(`SELECT i.project_id AS id, (SELECT count(*) FROM project.time_entry t WHERE t.project_id = i.project_id)::int AS entries
          FROM billing.invoice i GROUP BY i.project_id HAVING count(*) = $1 ORDER BY entries DESC, i.project_id LIMIT 1`, [invoices]);
        side.projectIds = [rows[0].id];
        side.history = { ...side.history, subjectInvoices: invoices, subjectTimeEntries: rows[0].entries };
        // Twelve months ending with the project's last month with a figure.
        const last = (await pool.query(`SELECT max(month) AS month FROM project.project_month WHERE project_id = $1`, [rows[0].id])).rows[0].month as string;
        const [year, month] = last.split('-').map(Number) as [number, number];
        const first = new Date(Date.UTC(year, month - 12, 1)).toISOString().slice(0, 7);
        side.months = { from: first, to: last };
      } finally {
        await pool.end();
      }
    }

    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    for (let round = 1; round <= repeat; round++) {
      for (const side of sides) {
        for (const mode of Object.keys(MODES) as Mode[]) {
          const { headers, cache } = MODES[mode];
          const bodies = side.projectIds.map((id) => graphqlBody(PROJECT_PAGE, { id }));
          let warm = false;
          const seq = await sequential(async () => {
            const answer = await request(agent, side.hub.graphqlUrl!, 'POST', bodies[0], undefined, headers);
            if (answer.status !== 200 || answer.body.includes('"errors"')) throw new Error(`project page answered ${answer.status}: ${answer.body.slice(0, 300)}`);
            // The first request of a cached run may fill the cache; every later one must be what the mode measures.
            if (warm && answer.headers[CACHE_HEADER] !== cache) throw new Error(`project page ${mode}: expected ${CACHE_HEADER}: ${cache}, got ${answer.headers[CACHE_HEADER]}`);
            warm = true;
          }, Number(values['seq-seconds']), 5000);
          const window = cpuWindow({ [`hub (${side.label})`]: side.hub.pid });
          const thr = await httpThroughput(side.hub.graphqlUrl!, bodies, connections, Number(values.seconds), headers);
          side.samples[mode].push({ seq, thr, cpu: window() });
          process.stderr.write(`round ${round} ${side.label} ${mode}: p50 ${seq.p50.toFixed(2)} ms, p99 ${seq.p99.toFixed(2)} ms, ${Math.round(thr.requestsPerSecond)} req/s\n`);
        }
        for (const operation of OVER_TIME) {
          const body = overTimeBody(operation, side);
          const seq = await sequential(async () => {
            const answer = await request(agent, side.hub.graphqlUrl!, 'POST', body, undefined, NO_CACHE);
            if (answer.status !== 200 || answer.body.includes('"errors"')) throw new Error(`${operation} answered ${answer.status}: ${answer.body.slice(0, 300)}`);
          }, Number(values['seq-seconds']), 5000);
          const thr = await httpThroughput(side.hub.graphqlUrl!, [body], connections, Number(values.seconds), NO_CACHE);
          side.overTime[operation].push({ seq, thr });
          process.stderr.write(`round ${round} ${side.label} ${operation}: p50 ${seq.p50.toFixed(2)} ms, p99 ${seq.p99.toFixed(2)} ms, ${Math.round(thr.requestsPerSecond)} req/s\n`);
        }
      }
    }
  } finally {
    for (const side of sides) await side.hub.stop();
    await server.stop();
  }

  const [small, large] = sides as [Side, Side];
  const m = (side: Side, mode: Mode, f: (s: Side['samples'][Mode][number]) => number) => median(side.samples[mode].map(f));
  const lines = [
    `- Postgres: ${server.description}; two hubs (\`servicegraph start\`, gateway in process), each in its own process on its own database of the same server, ` +
      `both up during the whole measurement, measured in turn, ${repeat} rounds; on each side the project page of a project with the same number of invoices ` +
      `(the most both sides have; of those, the one with the most time entries), by one sequential client and by ${connections} connections (autocannon; ` +
      `servicegraph does not deduplicate identical requests), each way: ${MODES.uncached.label} and ${MODES.cached.label}. Figures: median of the rounds (min–max).`,
    load,
    '',
    `| history | events applied (load s) | projects / time entries / invoices | subject: time entries / invoices | requests | sequential p50 ms | p99 ms | req/s at ${connections} |`,
    '|---|---|---|---|---|---|---|---|',
    ...sides.flatMap((s) => (Object.keys(MODES) as Mode[]).map((mode) => `| ${s.label} | ${s.events} (${s.loadSeconds.toFixed(0)}) | ${s.history.projects} / ${s.history.timeEntries} / ${s.history.invoices} | ` +
      `${s.history.subjectTimeEntries} / ${s.history.subjectInvoices} | ${MODES[mode].label} | ${medianSpread(s.samples[mode].map((x) => x.seq.p50), 2)} | ` +
      `${medianSpread(s.samples[mode].map((x) => x.seq.p99), 2)} | ${medianSpread(s.samples[mode].map((x) => x.thr.requestsPerSecond), 0)} |`)),
    '',
    ...(Object.keys(MODES) as Mode[]).map((mode) => `- **ratio large ÷ small, ${MODES[mode].label}**: p50 ${(m(large, mode, (s) => s.seq.p50) / m(small, mode, (s) => s.seq.p50)).toFixed(2)}, ` +
      `p99 ${(m(large, mode, (s) => s.seq.p99) / m(small, mode, (s) => s.seq.p99)).toFixed(2)}, ` +
      `req/s ${(m(small, mode, (s) => s.thr.requestsPerSecond) / m(large, mode, (s) => s.thr.requestsPerSecond)).toFixed(2)} (small ÷ large)`),
    ...sides.flatMap((s) => (Object.keys(MODES) as Mode[]).map((mode) => cpuLine(`${connections} connections on the ${s.label} hub, ${MODES[mode].label} (last round)`, s.samples[mode].at(-1)!.cpu))),
  ];
  const o = (side: Side, operation: OverTimeOperation, f: (s: { seq: Sequential; thr: Throughput }) => number) => median(side.overTime[operation].map(f));
  lines.push(
    '',
    `| figures over time, uncached | history | months asked | sequential p50 ms | p99 ms | req/s at ${connections} |`,
    '|---|---|---|---|---|---|',
    ...OVER_TIME.flatMap((operation) => sides.map((s) => `| ${operation} | ${s.label} (${s.events} events) | ` +
      `${operation === 'receivablesAging' ? '— (as of today)' : `${s.months.from} to ${s.months.to}`} | ${medianSpread(s.overTime[operation].map((x) => x.seq.p50), 2)} | ` +
      `${medianSpread(s.overTime[operation].map((x) => x.seq.p99), 2)} | ${medianSpread(s.overTime[operation].map((x) => x.thr.requestsPerSecond), 0)} |`)),
    '',
    ...OVER_TIME.map((operation) => `- **ratio large ÷ small, ${operation}**: p50 ${(o(large, operation, (x) => x.seq.p50) / o(small, operation, (x) => x.seq.p50)).toFixed(2)}, ` +
      `p99 ${(o(large, operation, (x) => x.seq.p99) / o(small, operation, (x) => x.seq.p99)).toFixed(2)}, ` +
      `req/s ${(o(small, operation, (x) => x.thr.requestsPerSecond) / o(large, operation, (x) => x.thr.requestsPerSecond)).toFixed(2)} (small ÷ large)`),
  );
  const modes = Object.keys(MODES) as Mode[];
  const busiest = large.samples.uncached.at(-1)!.cpu;
  report({
    benchmark: 'history',
    variant: `${small.events} vs ${large.events} events`,
    about: 'The project page of a project with the same number of invoices on two hubs, one with a short history behind it and one ' +
      'with a long one, measured in turn: what a long event log costs a dashboard query (the goal is a ratio near 1).',
    command: `npm run bench -- history ${argv.join(' ')}`.trim(),
    rows: modes.flatMap((mode) => [
      {
        figure: `project page p50, ${large.events} events, ${MODES[mode].label}`, value: m(large, mode, (x) => x.seq.p50), unit: 'ms',
        reference: { name: `the same with ${small.events} events`, value: m(small, mode, (x) => x.seq.p50), unit: 'ms' },
        ratio: m(large, mode, (x) => x.seq.p50) / m(small, mode, (x) => x.seq.p50), ratioMeaning: 'the short history',
      },
      {
        figure: `project page p99, ${large.events} events, ${MODES[mode].label}`, value: m(large, mode, (x) => x.seq.p99), unit: 'ms',
        reference: { name: `the same with ${small.events} events`, value: m(small, mode, (x) => x.seq.p99), unit: 'ms' },
        ratio: m(large, mode, (x) => x.seq.p99) / m(small, mode, (x) => x.seq.p99), ratioMeaning: 'the short history',
      },
    ]).concat(OVER_TIME.map((operation) => ({
      figure: `${operation} p50, ${large.events} events, uncached`, value: o(large, operation, (x) => x.seq.p50), unit: 'ms',
      reference: { name: `the same with ${small.events} events`, value: o(small, operation, (x) => x.seq.p50), unit: 'ms' },
      ratio: o(large, operation, (x) => x.seq.p50) / o(small, operation, (x) => x.seq.p50), ratioMeaning: 'the short history',
    }))),
    bounds: `the page reads a fixed number of rows whatever the history (running totals on the project row); ` +
      cpuLine(`${connections} connections on the large hub, uncached (last round)`, busiest).replace(/^- /, ''),
    details: lines,
  });
}
