/**
 * `npm run soak -- --minutes N [--rate 100] [--dashboards 4] [--query-p99-ms 8000]
 *  [--ingest-p99-ms 5000] [--rss-mib 1024]`
 *
 * The soak and abuse harness: a hub (`servicegraph start`, a child process
 * on a fresh database) under normal load — the simulated firm posted at a
 * steady rate, dashboards polling, subscribers over graphql-ws and
 * graphql-sse (bench/soakLoad.ts) — beside an abusive client of every kind
 * docs/limits.md bounds (bench/soakAbuse.ts), for N minutes. Then it checks:
 *
 * - every valid event was stored and applied exactly once: the hub's counts
 *   equal the distinct events stored, nothing pending or parked, and the
 *   read model's figures equal the oracle's (simulator/oracle.ts) for them;
 * - the normal clients got every answer and payload without error, with p99
 *   latencies within the bounds;
 * - every servicegraph process stayed under the RSS bound;
 * - no process of the hub exited or was replaced (nothing restarted);
 * - each abuser got only the refusals docs/limits.md documents, and at least
 *   the ones it must meet within the run.
 *
 * The result goes to bench/results/soak.jsonl and BENCHMARKS.md like any
 * benchmark's (docs/operations.md, "Soak and abuse"); test/e2e/soak.e2e.test.ts
 * runs it for 30 s.
 */
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { createPool } from '../db/dataSource';
import { readIngestStatus, type IngestStatus } from '../hub/status';
import { DEFAULT_LIMITS } from '../config/limits';
import { firmEvents, scaleForEvents } from '../simulator/firm';
import { expectedFigures } from '../simulator/oracle';
import { sameFields } from '../test/support/graphqlFigures';
import { NOT_READ, readModelFigures } from '../test/support/readModelFigures';
import { cpuLine, cpuWindow } from './cpuUsage';
import { startBenchHub } from './hubProcess';
import { watchProcessTree, type WatchedProcess } from './processTree';
import { loadAverages, percentile, report, type ResultRow } from './report';
import { benchServer } from './server';
import { startAbusers } from './soakAbuse';
import { startDashboards, startIngestFeed, startSubscribers, type ClientRecord } from './soakLoad';

export interface SoakOptions {
  readonly seconds: number;
  /** Events/s of the normal source system. */
  readonly rate: number;
  readonly dashboards: number;
  readonly queryP99BoundMs: number;
  readonly ingestP99BoundMs: number;
  readonly rssBoundBytes: number;
  /** A Postgres server URL to make the hub's database on; default DATABASE_URL's server or an embedded one. */
  readonly serverUrl?: string;
  /** Progress lines (stderr). */
  readonly log?: (line: string) => void;
}

export const SOAK_DEFAULTS = {
  rate: 100, dashboards: 4, queryP99BoundMs: 8_000, ingestP99BoundMs: 5_000, rssBoundBytes: 1024 * 2 ** 20,
} as const;

export interface SoakCheck {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

export interface SoakResult {
  readonly checks: readonly SoakCheck[];
  readonly ok: boolean;
  readonly storedEvents: number;
  readonly queryP99Ms: number;
  readonly ingestP99Ms: number;
  readonly queries: number;
  readonly payloads: Record<string, number>;
  readonly processes: readonly WatchedProcess[];
  readonly abuse: Record<string, Record<string, number>>;
  readonly details: readonly string[];
}

/** What each abuser may be answered (anything else fails the run), and what it must have met at least once. */
const ABUSE_EXPECTATIONS: Record<string, { allowed: RegExp; required: readonly RegExp[] }> = {
  'sse reservation never opened': { allowed: /^(201 reserved|subscribe 202|429 TOO_MANY_STREAMS)$/, required: [/^429 TOO_MANY_STREAMS$/] },
  'oversize websocket frame': { allowed: /^closed 1009$/, required: [/^closed 1009$/] },
  // Answered (a small firm), refused by a cost limit (400), or stopped at the deadline (504); never a failure of the hub.
  'fan-out query': { allowed: /^(200 answered|400 [A-Z_]+|504 EXECUTION_TIMEOUT|simple query 200)$/, required: [/^simple query 200$/] },
  'slow client (body never finishing)': { allowed: /^(408|closed without an answer)$/, required: [] },
  'slow client (headers never ending)': { allowed: /^(408|closed without an answer)$/, required: [] },
  'many connections': { allowed: /^(still open|429 TOO_MANY_CONNECTIONS|503 SERVER_BUSY|closed without an answer|408)$/, required: [/^429 TOO_MANY_CONNECTIONS$/] },
  'oversize events': { allowed: /^(202 accepted 0 rejected 2|413 PAYLOAD_TOO_LARGE)$/, required: [/^202 accepted 0 rejected 2$/, /^413 PAYLOAD_TOO_LARGE$/] },
  'junk events': { allowed: /^202 accepted 0 duplicates 0 rejected 500$/, required: [/^202/] },
  'mutation over POST': { allowed: /^400 GRAPHQL_VALIDATION_FAILED$/, required: [/^400/] },
  'NUL in a variable': { allowed: /^400 BAD_USER_INPUT$/, required: [/^400/] },
};

const MIB = 2 ** 20;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function clientCheck(name: string, record: ClientRecord, p99: number, bound: number): SoakCheck {
  const ok = record.failures === 0 && p99 <= bound;
  return {
    name, ok,
    detail: `${record.latencies.length} requests, p99 ${p99.toFixed(1)} ms (bound ${bound} ms), ${record.failures} failed` +
      (record.failureSamples.length ? `: ${record.failureSamples.slice(0, 5).join('; ')}` : ''),
  };
}

function abuseChecks(outcomes: Record<string, Record<string, number>>): SoakCheck[] {
  return Object.entries(ABUSE_EXPECTATIONS).map(([abuser, expectation]) => {
    const seen = outcomes[abuser] ?? {};
    // A kept-alive connection the server closed as the abuser reused it: the abuser's loss, not a failure of the hub.
    const unexpected = Object.keys(seen).filter((outcome) => !expectation.allowed.test(outcome) && outcome !== 'no answer (ECONNRESET)');
    const missing = expectation.required.filter((pattern) => !Object.keys(seen).some((outcome) => pattern.test(outcome)));
    return {
      name: `abuser "${abuser}" refused as documented`,
      ok: unexpected.length === 0 && missing.length === 0,
      detail: `${JSON.stringify(seen)}${unexpected.length ? `; unexpected: ${unexpected.join(', ')}` : ''}${missing.length ? `; never seen: ${missing.map(String).join(', ')}` : ''}`,
    };
  });
}

/** Runs the soak; resolves with every check's outcome (it throws only when the hub cannot be started). */
export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const log = options.log ?? (() => undefined);
  const server = options.serverUrl ? undefined : await benchServer();
  const hub = await startBenchHub(options.serverUrl ?? server!.url, {
    // As `npm start` runs it: the gateway in the process the hub supervises.
    gateway: true, gatewayIn: 'child',
    // The documented per-client and per-port bounds, not the benchmarks' raised ones: the abusers must meet them.
    env: { CONNECTIONS_PER_CLIENT: String(DEFAULT_LIMITS.connectionsPerClient), CONNECTIONS_PER_PORT: String(DEFAULT_LIMITS.connectionsPerPort) },
  });
  const pool = createPool(hub.databaseUrl, { max: 2 });
  const details: string[] = [];
  try {
    const watch = watchProcessTree(hub.pid);
    const cpu = cpuWindow({ hub: hub.pid });
    const events = firmEvents({ seed: 'soak', scale: scaleForEvents(options.rate * options.seconds * 1.2) })[Symbol.iterator]();
    const graphqlUrl = hub.graphqlUrl!;
    const feed = startIngestFeed(hub.ingestUrl, events, options.rate);
    const subscribers = startSubscribers(graphqlUrl);
    const dashboards = startDashboards(graphqlUrl, options.dashboards);
    const abusers = startAbusers({ ingestUrl: hub.ingestUrl, graphqlUrl, graphqlBodyBytes: DEFAULT_LIMITS.graphqlBodyBytes });
    const started = Date.now();
    while (Date.now() - started < options.seconds * 1000) {
      await sleep(Math.min(10_000, options.seconds * 1000 - (Date.now() - started)));
      log(`soak: ${Math.round((Date.now() - started) / 1000)} s, ${feed.stored.length} events stored, ${dashboards.record.latencies.length} queries, ` +
        `payloads ${JSON.stringify(subscribers.received)}`);
    }
    await abusers.stop();
    await dashboards.stop();
    await feed.stop();
    const shares = cpu();

    // The changes of the last events reach the subscribers after the read model has them.
    let status: IngestStatus = await readIngestStatus(pool);
    const drainStarted = Date.now();
    while ((status.pending > 0 || status.received < feed.stored.length) && Date.now() - drainStarted < 120_000) {
      await sleep(200);
      status = await readIngestStatus(pool);
    }
    await sleep(1000);
    await subscribers.stop();
    watch.sample();
    watch.stop();

    const checks: SoakCheck[] = [];
    const expected = expectedFigures(feed.stored);
    const actual = await readModelFigures(pool);
    const { rows: [log_] } = await pool.query<{ events: string }>(`SELECT count(*)::text AS events FROM hub.event_log`);
    const stored = feed.stored.length;
    checks.push({
      name: 'every valid event stored and applied exactly once',
      ok: status.received === stored && Number(log_!.events) === stored && status.applied === stored && status.pending === 0 && status.parked === 0
        && status.stale === 0 && status.exceptions === expected.exceptions.length,
      detail: `${stored} distinct events stored by the source (${feed.resent.batches} batches sent twice, ${feed.resent.duplicates} answered duplicate); ` +
        `event log ${log_!.events} rows; status ${JSON.stringify(status)}; oracle exceptions ${expected.exceptions.length}`,
    });
    const differing = [
      isDeepStrictEqual(actual.projects, sameFields(expected.projects, NOT_READ.projects)) ? '' : 'projects',
      isDeepStrictEqual(actual.invoices, sameFields(expected.invoices, NOT_READ.invoices)) ? '' : 'invoices',
      isDeepStrictEqual(actual.customers, sameFields(expected.customers, NOT_READ.customers)) ? '' : 'customers',
    ].filter((kind) => kind);
    checks.push({
      name: 'read model equals the oracle',
      ok: differing.length === 0,
      detail: `${Object.keys(actual.projects).length} projects, ${Object.keys(actual.invoices).length} invoices, ${Object.keys(actual.customers).length} customers` +
        (differing.length ? `; differing: ${differing.join(', ')}` : ''),
    });
    const queryP99 = percentile(dashboards.record.latencies, 99);
    const ingestP99 = percentile(feed.record.latencies, 99);
    checks.push(clientCheck('dashboards answered within the p99 bound, without errors', dashboards.record, queryP99, options.queryP99BoundMs));
    checks.push(clientCheck('the source system\'s POST /events answered within the p99 bound', feed.record, ingestP99, options.ingestP99BoundMs));
    checks.push({
      name: 'subscribers stayed subscribed and got payloads without errors',
      ok: subscribers.record.failures === 0 && Object.values(subscribers.received).every((n) => n > 0),
      detail: `payloads ${JSON.stringify(subscribers.received)}; ${subscribers.record.failures} failures` +
        (subscribers.record.failureSamples.length ? `: ${subscribers.record.failureSamples.slice(0, 5).join('; ')}` : ''),
    });
    const processes = watch.processes();
    const fat = processes.filter((p) => p.maxRssBytes > options.rssBoundBytes);
    checks.push({
      name: 'every servicegraph process under the RSS bound',
      ok: fat.length === 0,
      detail: processes.map((p) => `${p.command} (pid ${p.pid}) max ${(p.maxRssBytes / MIB).toFixed(0)} MiB`).join('; ') + ` (bound ${options.rssBoundBytes / MIB} MiB)`,
    });
    const gone = processes.filter((p) => !p.alive);
    checks.push({
      name: 'nothing restarted',
      ok: gone.length === 0,
      detail: gone.length === 0 ? `${processes.length} process(es), every one up from start to end`
        : `exited during the run: ${gone.map((p) => `${p.command} (pid ${p.pid}) at ${(p.lastSeenMs / 1000).toFixed(0)} s`).join('; ')}`,
    });
    checks.push(...abuseChecks(abusers.outcomes));

    details.push(cpuLine(`the soak (${options.seconds} s)`, shares));
    for (const check of checks) details.push(`- ${check.ok ? 'ok  ' : 'FAIL'} ${check.name}: ${check.detail}`);
    return {
      checks, ok: checks.every((c) => c.ok), storedEvents: stored, queryP99Ms: queryP99, ingestP99Ms: ingestP99,
      queries: dashboards.record.latencies.length, payloads: { ...subscribers.received }, processes, abuse: abusers.outcomes, details,
    };
  } finally {
    await pool.end();
    await hub.stop();
    await server?.stop();
  }
}

/** `npm run soak -- --minutes N …`: runs the soak, records its result, exits 1 when a check failed. */
export async function runSoakBenchmark(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      minutes: { type: 'string', default: '10' },
      rate: { type: 'string', default: String(SOAK_DEFAULTS.rate) },
      dashboards: { type: 'string', default: String(SOAK_DEFAULTS.dashboards) },
      'query-p99-ms': { type: 'string', default: String(SOAK_DEFAULTS.queryP99BoundMs) },
      'ingest-p99-ms': { type: 'string', default: String(SOAK_DEFAULTS.ingestP99BoundMs) },
      'rss-mib': { type: 'string', default: String(SOAK_DEFAULTS.rssBoundBytes / MIB) },
    },
  });
  const positive = (name: keyof typeof values) => {
    const value = Number(values[name]);
    if (!(value > 0)) throw new Error(`--${name}: expected a positive number, got ${JSON.stringify(values[name])}`);
    return value;
  };
  const minutes = positive('minutes');
  const load = loadAverages();
  const result = await runSoak({
    seconds: Math.round(minutes * 60), rate: positive('rate'), dashboards: Math.round(positive('dashboards')),
    queryP99BoundMs: positive('query-p99-ms'), ingestP99BoundMs: positive('ingest-p99-ms'), rssBoundBytes: positive('rss-mib') * MIB,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  const passed = result.checks.filter((c) => c.ok).length;
  const hub = result.processes[0];
  const rows: ResultRow[] = [
    { figure: 'checks passed', unit: '', value: passed, reference: { name: 'checks', value: result.checks.length, unit: '' } },
    { figure: 'events stored and applied exactly once (read model = oracle)', unit: 'events', value: result.storedEvents },
    { figure: 'dashboard query p99 beside the abusers', unit: 'ms', value: result.queryP99Ms,
      reference: { name: 'bound', value: Number(values['query-p99-ms']), unit: 'ms' }, ratio: result.queryP99Ms / Number(values['query-p99-ms']), ratioMeaning: 'the bound' },
    { figure: 'POST /events p99 beside the abusers', unit: 'ms', value: result.ingestP99Ms,
      reference: { name: 'bound', value: Number(values['ingest-p99-ms']), unit: 'ms' }, ratio: result.ingestP99Ms / Number(values['ingest-p99-ms']), ratioMeaning: 'the bound' },
    ...result.processes.map((p): ResultRow => ({
      figure: `max RSS, ${p === hub ? 'hub' : p.command.includes('gatewayProcess') ? 'gateway process' : p.command}`, unit: 'MiB', value: Math.round(p.maxRssBytes / MIB),
      reference: { name: 'bound', value: positive('rss-mib'), unit: 'MiB' }, ratio: p.maxRssBytes / MIB / positive('rss-mib'), ratioMeaning: 'the bound',
    })),
  ];
  report({
    benchmark: 'soak',
    variant: `${minutes} min at ${values.rate} events/s`,
    about: 'A hub under normal load (the simulated firm at a steady rate, dashboards, subscribers) beside an abusive client of every kind docs/limits.md bounds; checks: exactly once against the oracle, normal p99 and RSS within bounds, nothing restarted, abusers refused as documented.',
    command: `npm run soak -- ${argv.join(' ')}`.trim(),
    load,
    rows,
    bounds: `${result.ok ? 'every check passed' : `FAILED: ${result.checks.filter((c) => !c.ok).map((c) => c.name).join('; ')}`}; ${result.details[0]}`,
    details: result.details,
  });
  if (!result.ok) process.exitCode = 1;
}
