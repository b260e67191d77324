/**
 * `npm run bench -- reports [--rows N] [--customers C] [--seconds S] [--repeat 3] [--profile yes|no]`: a saved
 * report's CSV as a BI tool downloads it, beside the same rows exported by
 * Postgres itself.
 *
 * A hub (gateway in process) is filled with N projects (default 100,000)
 * under C customers (default 10); then, in one run:
 * - `GET /reports/projects.csv` (every figure; compiled to one statement over
 *   reporting.projects): rows/s, beside Postgres's `COPY (SELECT …) TO STDOUT
 *   CSV` of the same rows: the view's columns the report reads, in its order
 *   (what the report's rows are, as Postgres writes them itself), and, as a
 *   second reference, `SELECT *` of the whole view in no order;
 * - the report of one customer (N/C rows) compiled, beside the same report
 *   run through the federated executor page by page (a gateway in this
 *   process over the hub's database, `execution: 'federated'`);
 * - the hub's peak RSS during that download and during the report of one
 *   customer (N/C rows), each above the RSS before it, after one unmeasured
 *   download of the whole report (which sizes the heap's young generation):
 *   bounded memory means the two growths are alike, not proportional to the
 *   rows;
 * - the unchanged report polled by 50 clients with `If-None-Match` (every
 *   answer a 304): req/s;
 * - what bounds the download: a CPU profile of the hub while it streams the
 *   whole report (once more, after the measured download).
 */
import fs from 'node:fs';
import http from 'node:http';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { createPool } from '../db/dataSource';
import type { BusinessEvent } from '../events/types';
import { startGateway } from '../gateway/gateway';
import { readModelPosition } from '../hub/checkpoint';
import { loadReports } from '../reporting/catalogue';
import { reportsExtension } from '../reporting/reportsExtension';
import { createSubgraphs } from '../subgraphs';
import { profileLines, startProfile, type ProfileSummary } from './cpuProfile';
import { startBenchHub } from './hubProcess';
import { httpGetThroughput } from './latency';
import { loadFirmCounted } from './loadFirm';
import { loadLine, report } from './report';
import { benchServer } from './server';

const POLLERS = 50;

export async function runReportsBenchmark(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv, strict: true,
    options: {
      rows: { type: 'string', default: '100000' }, customers: { type: 'string', default: '10' }, seconds: { type: 'string', default: '10' },
      profile: { type: 'string', default: 'yes' }, repeat: { type: 'string', default: '3' },
    },
  });
  const rows = Number(values.rows);
  const customers = Number(values.customers);
  const seconds = Number(values.seconds);
  const repeat = Number(values.repeat);
  if (!(rows > 0 && customers > 0 && seconds > 0 && Number.isInteger(repeat) && repeat > 0)) {
    throw new Error('--rows, --customers, --seconds and --repeat expect positive numbers (--repeat a whole one)');
  }
  const load = loadLine();
  const server = await benchServer();
  const hub = await startBenchHub(server.url, { gateway: true });
  try {
    process.stderr.write(`reports: loading ${rows} projects under ${customers} customers...\n`);
    const loaded = await loadFirmCounted(hub.ingestUrl, projectsFirm(rows, customers), 'projects');
    const base = hub.graphqlUrl!.replace(/\/graphql$/, '');

    // Unmeasured: the first download sizes the hub's young generation and warms Postgres's caches.
    await download(`${base}/reports/projects.csv`, hub.pid);
    const small = await download(`${base}/reports/projects.csv?customerId=${accountId(1)}`, hub.pid);
    const view = loadReports().get('projects')?.view;
    if (!view) throw new Error('reports/projects.graphql declares no view');
    const sameRows = `SELECT ${view.columns.join(', ')} FROM reporting.${view.name} ORDER BY ${view.order.join(', ')}`;
    // The download and the two COPYs in turn, `repeat` times: medians, so that one disturbed run does not make the ratio.
    const wholes: Download[] = [];
    const copies: CopyRun[] = [];
    const wholeViews: CopyRun[] = [];
    for (let run = 0; run < repeat; run++) {
      const whole = await download(`${base}/reports/projects.csv`, hub.pid);
      if (whole.rows !== rows) throw new Error(`the report gave ${whole.rows} rows, expected ${rows}`);
      const copy = await copyRows(hub.databaseUrl, sameRows);
      const wholeView = await copyRows(hub.databaseUrl, `SELECT * FROM reporting.${view.name}`);
      for (const c of [copy, wholeView]) if (c.rows !== rows) throw new Error(`COPY gave ${c.rows} rows, expected ${rows}`);
      process.stderr.write(`reports: CSV ${Math.round(whole.rowsPerSecond)} rows/s, COPY ${Math.round(copy.rowsPerSecond)} rows/s, of the whole view ${Math.round(wholeView.rowsPerSecond)}\n`);
      wholes.push(whole);
      copies.push(copy);
      wholeViews.push(wholeView);
    }
    const whole = medianRun(wholes);
    const copy = medianRun(copies);
    const wholeView = medianRun(wholeViews);
    const spreadOf = (runs: readonly { rowsPerSecond: number }[]) => ({
      spread: [Math.min(...runs.map((r) => r.rowsPerSecond)), Math.max(...runs.map((r) => r.rowsPerSecond))] as const, runs: runs.length,
    });

    const federated = await federatedDownload(hub.databaseUrl, `/reports/projects.csv?customerId=${accountId(1)}`);
    if (federated.rows !== small.rows) throw new Error(`the federated report gave ${federated.rows} rows, the compiled one ${small.rows}`);
    process.stderr.write(`reports: ${small.rows} rows compiled ${Math.round(small.rowsPerSecond)} rows/s, federated ${Math.round(federated.rowsPerSecond)} rows/s\n`);

    const polled = await poll(`${base}/reports/projects.csv`, whole.etag, seconds);
    process.stderr.write(`reports: ${Math.round(polled.requestsPerSecond)} req/s polled with If-None-Match (${polled.non304} not 304)\n`);

    // Profiled apart from the measured download: the profiler's sampling slows what it watches.
    let profile: ProfileSummary | undefined;
    if (values.profile !== 'no') {
      const stop = await startProfile(hub.inspectorUrl);
      await download(`${base}/reports/projects.csv`, hub.pid);
      profile = await stop();
    }

    const mib = (bytes: number) => bytes / (1024 * 1024);
    report({
      benchmark: 'reports',
      variant: `${rows} rows`,
      about: 'A saved report\'s CSV (projects with every figure, compiled to one statement over reporting.projects) as a BI tool ' +
        'downloads it, beside Postgres\'s own COPY of the same rows from the reporting view; the same report of one customer through ' +
        'the federated executor; the gateway\'s memory while streaming; an unchanged report polled with If-None-Match.',
      command: `npm run bench -- reports ${argv.join(' ')}`.trim(),
      load,
      rows: [
        {
          figure: `projects.csv, ${rows} rows, compiled`, value: whole.rowsPerSecond, unit: 'rows/s', ...spreadOf(wholes),
          reference: { name: 'COPY of the same rows (the view\'s columns the report reads, in its order) TO STDOUT CSV', value: copy.rowsPerSecond, unit: 'rows/s' },
          ratio: whole.rowsPerSecond / copy.rowsPerSecond, ratioMeaning: 'COPY',
        },
        {
          figure: `projects.csv, ${rows} rows, compiled`, value: whole.rowsPerSecond, unit: 'rows/s', ...spreadOf(wholes),
          reference: { name: 'COPY (SELECT * FROM reporting.projects) TO STDOUT CSV, every column, no order', value: wholeView.rowsPerSecond, unit: 'rows/s' },
          ratio: whole.rowsPerSecond / wholeView.rowsPerSecond, ratioMeaning: 'COPY of the whole view',
        },
        {
          figure: `projects.csv of one customer (${small.rows} rows), compiled`, value: small.rowsPerSecond, unit: 'rows/s',
          reference: { name: 'the same through the federated executor, 500 rows a page', value: federated.rowsPerSecond, unit: 'rows/s' },
          ratio: small.rowsPerSecond / federated.rowsPerSecond, ratioMeaning: 'the federated executor',
        },
        {
          figure: `hub RSS growth while streaming ${rows} rows`, value: mib(whole.peakRss - whole.rssBefore), unit: 'MiB',
          reference: { name: `the same for ${small.rows} rows`, value: mib(small.peakRss - small.rssBefore), unit: 'MiB' },
          ratio: (whole.peakRss - whole.rssBefore) / Math.max(1, small.peakRss - small.rssBefore), ratioMeaning: `the ${small.rows}-row report`,
        },
        { figure: `unchanged report polled by ${POLLERS} clients with If-None-Match (304)`, value: polled.requestsPerSecond, unit: 'req/s' },
      ],
      bounds: `the compiled report is one COPY of a SELECT over the view that writes each value as the API does (upper-case enums, ` +
        `2-digit money, trimmed hours) and masks customers outside the caller's legal entities, its records re-ended with CRLF by the gateway; ` +
        `the federated executor resolves every field of every row (${Math.ceil(small.rows / 500)} pages of 500 for one customer). ` +
        `A 304 costs one read of the read model's position and a hash.`,
      details: [
        `- loaded ${loaded.events} events in ${loaded.seconds.toFixed(1)} s; ${server.description}`,
        `- ${repeat} run(s) of each, in turn; medians. The report: ${wholes.map((w) => Math.round(w.rowsPerSecond)).join(', ')} rows/s; ` +
          `COPY of the same rows: ${copies.map((c) => Math.round(c.rowsPerSecond)).join(', ')}; of the whole view: ${wholeViews.map((c) => Math.round(c.rowsPerSecond)).join(', ')}`,
        `- ${rows} rows (median run): ${whole.seconds.toFixed(2)} s, ${(whole.bytes / 1e6).toFixed(1)} MB; hub RSS ${mib(whole.rssBefore).toFixed(0)} → peak ${mib(whole.peakRss).toFixed(0)} MiB`,
        `- ${small.rows} rows: ${small.seconds.toFixed(2)} s; hub RSS ${mib(small.rssBefore).toFixed(0)} → peak ${mib(small.peakRss).toFixed(0)} MiB`,
        `- COPY of the same rows: ${copy.seconds.toFixed(2)} s, ${(copy.bytes / 1e6).toFixed(1)} MB (\`${sameRows}\`)`,
        `- COPY of the whole view: ${wholeView.seconds.toFixed(2)} s, ${(wholeView.bytes / 1e6).toFixed(1)} MB`,
        `- federated, ${federated.rows} rows: ${federated.seconds.toFixed(2)} s`,
        `- polling: p50 ${polled.p50} ms, p99 ${polled.p99} ms, ${polled.non304} answers not 304`,
        ...(profile ? profileLines(`the hub streaming projects.csv (${rows} rows)`, profile) : []),
      ],
    });
  } finally {
    await hub.stop();
    await server.stop();
  }
}

/** A report through the federated executor: a gateway in this process over the hub's database, its reports run page by page. */
async function federatedDownload(databaseUrl: string, path: string): Promise<{ rows: number; seconds: number; rowsPerSecond: number }> {
  const pool = createPool(databaseUrl, { max: 4 });
  try {
    const gateway = await startGateway({
      subgraphs: await createSubgraphs({ pool }), host: '127.0.0.1', port: 0,
      extensions: [reportsExtension({ position: readModelPosition(pool), pool, execution: 'federated' })],
    });
    try {
      return await download(`${gateway.url.replace(/\/graphql$/, '')}${path}`, process.pid);
    } finally {
      await gateway.close();
    }
  } finally {
    await pool.end();
  }
}

const accountId = (i: number) => `ACC-${String(i).padStart(4, '0')}`;

/** C customers and N projects (round-robin over the customers): a firm whose project list is N rows. */
function* projectsFirm(rows: number, customers: number): Iterable<BusinessEvent> {
  const time = '2026-01-05T09:00:00Z';
  const legalEntities = ['LE-DE', 'LE-FR', 'LE-US'];
  for (let c = 1; c <= customers; c++) {
    yield {
      specversion: '1.0', id: `crm-${c}`, source: '/crm/bench', type: 'ps.customer.account.upserted', subject: accountId(c), time,
      data: { accountId: accountId(c), name: `Customer ${c}`, legalEntityId: legalEntities[c % 3]!, billingCurrency: 'EUR' },
    } as BusinessEvent;
  }
  for (let p = 1; p <= rows; p++) {
    const c = ((p - 1) % customers) + 1;
    const projectId = `PRJ-${String(p).padStart(7, '0')}`;
    yield {
      specversion: '1.0', id: `psa-${p}`, source: '/psa/bench', type: 'ps.project.project.created', subject: projectId, time,
      data: {
        projectId, accountId: accountId(c), name: `Project ${p}, "phase" ${p % 7}`, billingModel: 'time_and_materials',
        currency: 'EUR', legalEntityId: legalEntities[c % 3]!, budgetHours: String(100 + (p % 50)),
      },
    } as BusinessEvent;
  }
}

interface Download {
  rows: number;
  bytes: number;
  seconds: number;
  rowsPerSecond: number;
  etag: string;
  rssBefore: number;
  peakRss: number;
}

/** GETs a CSV report, counting its records (CRLF-terminated) while sampling the hub's RSS every 20 ms. */
async function download(url: string, pid: number): Promise<Download> {
  const rssBefore = rssOf(pid);
  let peakRss = rssBefore;
  const sampler = setInterval(() => { peakRss = Math.max(peakRss, rssOf(pid)); }, 20);
  const started = process.hrtime.bigint();
  try {
    return await new Promise<Download>((resolve, reject) => {
      http.get(url, (res) => {
        if (res.statusCode !== 200) {
          reject(new Error(`${url} answered ${res.statusCode}`));
          res.resume();
          return;
        }
        let records = 0;
        let bytes = 0;
        let inQuotes = false;
        res.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          for (const byte of chunk) {
            if (byte === 0x22) inQuotes = !inQuotes;
            else if (byte === 0x0a && !inQuotes) records++;
          }
        });
        res.on('end', () => {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          const rows = records - 1; // the header
          resolve({ rows, bytes, seconds, rowsPerSecond: rows / seconds, etag: String(res.headers.etag ?? ''), rssBefore, peakRss });
        });
        res.on('error', reject);
      }).on('error', reject);
    });
  } finally {
    clearInterval(sampler);
  }
}

function rssOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+) kB/.exec(status);
  return kb ? Number(kb[1]) * 1024 : 0;
}

interface CopyRun {
  rows: number;
  bytes: number;
  seconds: number;
  rowsPerSecond: number;
}

/** The run of median rows/s (the lower middle one of an even count). */
function medianRun<T extends { rowsPerSecond: number }>(runs: readonly T[]): T {
  return [...runs].sort((a, b) => a.rowsPerSecond - b.rowsPerSecond)[Math.floor((runs.length - 1) / 2)]!;
}

async function copyRows(databaseUrl: string, select: string): Promise<CopyRun> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const started = process.hrtime.bigint();
    const stream = client.query(copyTo(`COPY (${select}) TO STDOUT WITH (FORMAT csv, HEADER true)`));
    let bytes = 0;
    let records = 0;
    let inQuotes = false;
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      for (const byte of chunk) {
        if (byte === 0x22) inQuotes = !inQuotes;
        else if (byte === 0x0a && !inQuotes) records++;
      }
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return { rows: records - 1, bytes, seconds, rowsPerSecond: (records - 1) / seconds };
  } finally {
    await client.end();
  }
}

async function poll(url: string, etag: string, seconds: number): Promise<{ requestsPerSecond: number; p50: number; p99: number; non304: number }> {
  const result = await httpGetThroughput(url, POLLERS, seconds, { 'if-none-match': etag });
  const total = Object.values(result.statusCounts).reduce((a, b) => a + b, 0);
  return { requestsPerSecond: result.requestsPerSecond, p50: result.p50, p99: result.p99, non304: total - (result.statusCounts['304'] ?? 0) + result.failures };
}
