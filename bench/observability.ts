/**
 * `npm run bench -- observability [--events 20000] [--rounds 3] [--seconds 20] [--scrape-events 200000] [--scrapes 300]`
 *
 * What operations cost, side by side in one run: the same ingest (the
 * simulator's firm through POST /events until applied) and the same query
 * load (the project page, one sequential client, executed afresh) on a hub
 * with metrics off, with metrics on (the default), and with metrics and
 * tracing on (exporting over OTLP/HTTP to a receiver in this process, which
 * takes and drops the spans). Modes alternate within each round so drift on
 * a shared machine spreads over all three; beside the times, the CPU the hub
 * process spent per event and per request, which a busy machine disturbs
 * less than it does latency. Then GET /metrics of a hub
 * holding `--scrape-events` events, scraped one after another: its latency.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { benchFirm, benchFirmStream, loadFirmCounted } from './loadFirm';
import { startBenchHub, type BenchHub } from './hubProcess';
import { request } from './http';
import { NO_CACHE, sequential } from './latency';
import { pickSubjects, PROJECT_PAGE } from './queryOperations';
import { loadAverages, median, percentile, report, type ResultRow } from './report';
import { benchServer } from './server';
import { cpuWindow } from './cpuUsage';

type Mode = 'off' | 'metrics' | 'metrics+tracing';
const MODES: readonly Mode[] = ['off', 'metrics', 'metrics+tracing'];

/** An OTLP/HTTP endpoint that accepts every export and keeps only counts. */
async function startSpanSink(): Promise<{ url: string; exports: () => number; bytes: () => number; close(): Promise<void> }> {
  let exports = 0;
  let bytes = 0;
  const server = http.createServer((req, res) => {
    req.on('data', (chunk: Buffer) => { bytes += chunk.length; });
    req.on('end', () => {
      exports++;
      res.writeHead(200, { 'content-type': 'application/x-protobuf' });
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, exports: () => exports, bytes: () => bytes,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function envOf(mode: Mode, sinkUrl: string): Record<string, string> {
  return {
    METRICS: mode === 'off' ? 'off' : 'on',
    ...(mode === 'metrics+tracing' ? { OTEL_EXPORTER_OTLP_ENDPOINT: sinkUrl } : {}),
  };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

export async function runObservabilityBenchmark(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv, options: {
      events: { type: 'string', default: '20000' }, rounds: { type: 'string', default: '3' }, seconds: { type: 'string', default: '20' },
      'scrape-events': { type: 'string', default: '200000' }, scrapes: { type: 'string', default: '300' },
    },
  });
  const eventCount = Number(values.events);
  const rounds = Number(values.rounds);
  const seconds = Number(values.seconds);
  const scrapeEvents = Number(values['scrape-events']);
  const scrapes = Number(values.scrapes);
  const load = loadAverages();
  const server = await benchServer();
  const sink = await startSpanSink();
  const events = benchFirm(eventCount);
  const ingestRates: Record<Mode, number[]> = { off: [], metrics: [], 'metrics+tracing': [] };
  const queryP50: Record<Mode, number[]> = { off: [], metrics: [], 'metrics+tracing': [] };
  const queryP99: Record<Mode, number[]> = { off: [], metrics: [], 'metrics+tracing': [] };
  // CPU the hub process spent (all its threads): the work each mode adds, less sensitive than time to a busy machine.
  const ingestCpu: Record<Mode, number[]> = { off: [], metrics: [], 'metrics+tracing': [] };
  const queryCpu: Record<Mode, number[]> = { off: [], metrics: [], 'metrics+tracing': [] };
  const details: string[] = [];
  try {
    for (let round = 1; round <= rounds; round++) {
      // Each round starts with another mode, so none is always first on a machine that warms up or gets busier.
      const order = MODES.map((_, i) => MODES[(i + round - 1) % MODES.length]!);
      for (const mode of order) {
        const hub = await startBenchHub(server.url, { gateway: true, env: envOf(mode, sink.url) });
        try {
          const ingestWindow = cpuWindow({ hub: hub.pid });
          const { seconds: took, events: sent } = await loadFirmCounted(hub.ingestUrl, events, `${mode} `);
          const ingestShares = ingestWindow();
          ingestRates[mode].push(sent / took);
          ingestCpu[mode].push((ingestShares.cores.hub! * ingestShares.seconds * 1e6) / sent);
          const queryWindow = cpuWindow({ hub: hub.pid });
          const latency = await projectPage(hub, seconds);
          const queryShares = queryWindow();
          queryP50[mode].push(latency.p50);
          queryP99[mode].push(latency.p99);
          queryCpu[mode].push((queryShares.cores.hub! * queryShares.seconds * 1e6) / (latency.count + WARMUP_REQUESTS));
          const line = `round ${round} ${mode}: ingest + apply ${Math.round(sent / took)} events/s, hub CPU ${ingestCpu[mode].at(-1)!.toFixed(1)} µs/event; ` +
            `project page p50 ${latency.p50.toFixed(2)} ms, p99 ${latency.p99.toFixed(2)} ms, hub CPU ${queryCpu[mode].at(-1)!.toFixed(0)} µs/request (${latency.count} requests)`;
          details.push(line);
          process.stderr.write(`${line}\n`);
        } finally {
          await hub.stop();
        }
      }
    }
    details.push(`spans exported to the sink: ${sink.exports()} OTLP requests, ${Math.round(sink.bytes() / 1024)} KiB`);

    // GET /metrics at size: one hub holding the big firm, scraped one request after another.
    let scrapeRows: ResultRow[] = [];
    const hub = scrapeEvents > 0 ? await startBenchHub(server.url, { env: { METRICS: 'on' } }) : undefined;
    if (hub) try {
      const filled = await loadFirmCounted(hub.ingestUrl, benchFirmStream(scrapeEvents, 'bench-scrape'), 'scrape ');
      const latencies: number[] = [];
      let size = 0;
      for (let i = 0; i < 20; i++) await request(agent, `${hub.ingestUrl}/metrics`, 'GET');
      for (let i = 0; i < scrapes; i++) {
        const t = performance.now();
        const answer = await request(agent, `${hub.ingestUrl}/metrics`, 'GET');
        latencies.push(performance.now() - t);
        if (answer.status !== 200) throw new Error(`GET /metrics answered ${answer.status}`);
        size = answer.body.length;
      }
      const projects = await countProjects(hub.databaseUrl);
      details.push(`scrape hub: ${filled.events} events (${projects} projects), /metrics ${Math.round(size / 1024)} KiB, ${scrapes} scrapes`);
      scrapeRows = [
        { figure: `GET /metrics p50 at ${filled.events} events`, value: percentile(latencies, 50), unit: 'ms' },
        { figure: `GET /metrics p99 at ${filled.events} events`, value: percentile(latencies, 99), unit: 'ms' },
      ];
    } finally {
      await hub.stop();
    }

    const ratioRow = (figure: string, values: Record<Mode, number[]>, unit: string, mode: Mode, meaning: string): ResultRow => ({
      figure: `${figure}, ${mode}`, value: median(values[mode]), unit, runs: values[mode].length,
      spread: [Math.min(...values[mode]), Math.max(...values[mode])],
      reference: { name: 'off', value: median(values.off), unit }, ratio: median(values[mode]) / median(values.off), ratioMeaning: meaning,
    });
    report({
      benchmark: 'observability', variant: `${eventCount} events, ${rounds} rounds`,
      about: 'Ingest and query with metrics and tracing on (exporting to a local OTLP receiver) beside off, and GET /metrics latency at size.',
      command: `npm run bench -- observability --events ${eventCount} --rounds ${rounds} --seconds ${seconds} --scrape-events ${scrapeEvents} --scrapes ${scrapes}`,
      load,
      rows: [
        ratioRow('ingest + apply', ingestRates, 'events/s', 'metrics', 'of off'),
        ratioRow('ingest + apply', ingestRates, 'events/s', 'metrics+tracing', 'of off'),
        ratioRow('project page p50, one client, uncached', queryP50, 'ms', 'metrics', 'of off'),
        ratioRow('project page p50, one client, uncached', queryP50, 'ms', 'metrics+tracing', 'of off'),
        ratioRow('project page p99, one client, uncached', queryP99, 'ms', 'metrics', 'of off'),
        ratioRow('project page p99, one client, uncached', queryP99, 'ms', 'metrics+tracing', 'of off'),
        ratioRow('hub CPU per event ingested and applied', ingestCpu, 'µs', 'metrics', 'of off'),
        ratioRow('hub CPU per event ingested and applied', ingestCpu, 'µs', 'metrics+tracing', 'of off'),
        ratioRow('hub CPU per project page', queryCpu, 'µs', 'metrics', 'of off'),
        ratioRow('hub CPU per project page', queryCpu, 'µs', 'metrics+tracing', 'of off'),
        ...scrapeRows,
      ],
      bounds: `a shared 2-core machine (load before the run: ${load}); medians of ${rounds} rounds per mode, modes alternating`,
      details,
    });
  } finally {
    await sink.close();
    await server.stop();
  }
}

async function projectPage(hub: BenchHub, seconds: number) {
  const pool = new pg.Pool({ connectionString: hub.databaseUrl, max: 1 });
  let id: string;
  try {
    id = (await pickSubjects(pool, 1)).projectIds[0]!;
  } finally {
    await pool.end();
  }
  const body = JSON.stringify({ query: PROJECT_PAGE, variables: { id } });
  return sequential(async () => {
    const answer = await request(agent, hub.graphqlUrl!, 'POST', body, 'application/json', NO_CACHE);
    if (answer.status !== 200) throw new Error(`project page answered ${answer.status}: ${answer.body.slice(0, 200)}`);
  }, seconds, 3000, WARMUP_REQUESTS);
}

/** Requests sent before the measured ones (counted in the CPU window). */
const WARMUP_REQUESTS = 20;

async function countProjects(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM project.project`)).rows[0]!.n;
  } finally {
    await client.end();
  }
}
