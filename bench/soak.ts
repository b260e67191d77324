/**
 * `npm run soak -- --minutes N [--rate 100] [--dashboards 4] [--query-p99-ms 8000]
 *  [--ingest-p99-ms 5000] [--rss-mib 1024] [--kill-gateway-every 120]`
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
 * - no process of the hub exited or was replaced (nothing restarted) but
 *   the gateway process the harness kills on purpose (`--kill-gateway-every`),
 *   each time replaced by one that serves, ingest and the listeners untouched;
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
import http from 'node:http';
import { request } from './http';
import { DURING_RESTART, startAbusers } from './soakAbuse';
import { startDashboards, startIngestFeed, startSubscribers, type ClientRecord } from './soakLoad';

export interface SoakOptions {
  readonly seconds: number;
  /** Events/s of the normal source system. */
  readonly rate: number;
  readonly dashboards: number;
  readonly queryP99BoundMs: number;
  readonly ingestP99BoundMs: number;
  readonly rssBoundBytes: number;
  /** Kill the gateway process (SIGKILL) every this many seconds, on purpose; 0: never. */
  readonly killGatewayEverySeconds: number;
  /** A Postgres server URL to make the hub's database on; default DATABASE_URL's server or an embedded one. */
  readonly serverUrl?: string;
  /** Progress lines (stderr). */
  readonly log?: (line: string) => void;
}

export const SOAK_DEFAULTS = {
  rate: 100, dashboards: 4, queryP99BoundMs: 8_000, ingestP99BoundMs: 5_000, rssBoundBytes: 1024 * 2 ** 20, killGatewayEverySeconds: 120,
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
  /** The gateway processes killed on purpose, and how long until the next one served. */
  readonly kills: readonly { readonly pid: number; readonly downMs: number }[];
  readonly abuse: Record<string, Record<string, number>>;
  readonly details: readonly string[];
}

/** What each abuser may be answered (anything else fails the run), and what it must have met at least once. */
const ABUSE_EXPECTATIONS: Record<string, { allowed: RegExp; required: readonly RegExp[] }> = {
  'sse reservation never opened': { allowed: /^(201 reserved|subscribe 202|429 TOO_MANY_STREAMS)$/, required: [/^429 TOO_MANY_STREAMS$/] },
  'oversize websocket frame': { allowed: /^closed 1009$/, required: [/^closed 1009$/] },
  // Answered (a small firm), refused by a cost limit (400), or stopped at the deadline (504); never a failure of the hub.
  'fan-out query': { allowed: /^(200 answered|400 [A-Z_]+|504 EXECUTION_TIMEOUT|simple query 200)$/, required: [/^simple query 200$/] },
  'slow client (body never finishing, gateway)': { allowed: /^(408( REQUEST_TIMEOUT)?|closed without an answer)$/, required: [] },
  'slow client (body never finishing, ingest)': { allowed: /^(408( REQUEST_TIMEOUT)?|closed without an answer)$/, required: [] },
  'slow client (headers never ending, gateway)': { allowed: /^(408( REQUEST_TIMEOUT)?|closed without an answer)$/, required: [] },
  'slow client (headers never ending, ingest)': { allowed: /^(408( REQUEST_TIMEOUT)?|closed without an answer)$/, required: [] },
  'many connections': { allowed: /^(still open|429 TOO_MANY_CONNECTIONS|503 SERVER_BUSY|closed without an answer|408( REQUEST_TIMEOUT)?)$/, required: [/^429 TOO_MANY_CONNECTIONS$/] },
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
      (record.duringRestart ? `, ${record.duringRestart} under way while the gateway process was down on purpose (not counted)` : '') +
      (record.failureSamples.length ? `: ${record.failureSamples.slice(0, 5).join('; ')}` : ''),
  };
}

function abuseChecks(outcomes: Record<string, Record<string, number>>): SoakCheck[] {
  return Object.entries(ABUSE_EXPECTATIONS).map(([abuser, expectation]) => {
    const seen = outcomes[abuser] ?? {};
    // A kept-alive connection the server closed as the abuser reused it: the abuser's loss, not a failure of the hub.
    const unexpected = Object.keys(seen).filter((outcome) => !expectation.allowed.test(outcome) && outcome !== 'no answer (ECONNRESET)' && outcome !== DURING_RESTART);
    const missing = expectation.required.filter((pattern) => !Object.keys(seen).some((outcome) => pattern.test(outcome)));
    return {
      name: `abuser "${abuser}" refused as documented`,
      ok: unexpected.length === 0 && missing.length === 0,
      detail: `${JSON.stringify(seen)}${unexpected.length ? `; unexpected: ${unexpected.join(', ')}` : ''}${missing.length ? `; never seen: ${missing.map(String).join(', ')}` : ''}`,
    };
  });
}

/** The hub's count of gateway restarts (`servicegraph_gateway_restarts_total` of the ingest port's /metrics). */
async function gatewayRestarts(ingestUrl: string): Promise<number> {
  const agent = new http.Agent();
  try {
    const metrics = await request(agent, `${ingestUrl}/metrics`, 'GET');
    return Number(/^servicegraph_gateway_restarts_total (\d+)/m.exec(metrics.body)?.[1] ?? NaN);
  } finally {
    agent.destroy();
  }
}

/**
 * Kills the gateway process (SIGKILL) every `killGatewayEverySeconds`, as
 * long as 10 s of the run remain, and each time waits until another one
 * serves (the ingest port's /readyz says `gateway: ok` for a process of
 * another pid). `restarting()` is true from the kill until 1 s after.
 */
function gatewayKiller(ingestUrl: string, watch: ReturnType<typeof watchProcessTree>, options: SoakOptions, log: (line: string) => void) {
  const kills: { pid: number; downMs: number }[] = [];
  const failures: string[] = [];
  let down = false;
  let graceUntil = 0;
  let lastBackAt = 0;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const gatewayServes = async () => {
    try {
      return (JSON.parse((await request(agent, `${ingestUrl}/readyz`, 'GET')).body) as { checks: Record<string, string> }).checks.gateway === 'ok';
    } catch {
      return false;
    }
  };
  const gatewayPid = () => {
    watch.sample();
    return watch.processes().find((p) => p.alive && p.command.includes('gatewayProcess'))?.pid;
  };
  const every = options.killGatewayEverySeconds * 1000;
  return {
    kills, failures,
    restarting: () => down || performance.now() < graceUntil,
    lastBackAt: () => lastBackAt,
    start() {
      if (every <= 0) return;
      const started = performance.now();
      running = (async () => {
        for (let k = 1; started + k * every <= started + options.seconds * 1000 - 10_000; k++) {
          while (!stopped && performance.now() < started + k * every) await sleep(Math.min(500, started + k * every - performance.now()));
          if (stopped) return;
          const pid = gatewayPid();
          if (pid === undefined) {
            failures.push(`no gateway process to kill at ${k * every / 1000} s`);
            continue;
          }
          down = true;
          const killedAt = performance.now();
          process.kill(pid, 'SIGKILL');
          log(`soak: gateway process ${pid} killed on purpose`);
          while (!stopped && !(gatewayPid() !== undefined && gatewayPid() !== pid && await gatewayServes())) await sleep(100);
          kills.push({ pid, downMs: performance.now() - killedAt });
          lastBackAt = performance.now();
          graceUntil = lastBackAt + 1_000;
          down = false;
        }
      })();
    },
    async stop() {
      stopped = true;
      await running;
      agent.destroy();
    },
  };
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
    const killer = gatewayKiller(hub.ingestUrl, watch, options, log);
    const feed = startIngestFeed(hub.ingestUrl, events, options.rate);
    const subscribers = startSubscribers(graphqlUrl, options.killGatewayEverySeconds > 0);
    const dashboards = startDashboards(graphqlUrl, options.dashboards, killer.restarting);
    const abusers = startAbusers({ ingestUrl: hub.ingestUrl, graphqlUrl, graphqlBodyBytes: DEFAULT_LIMITS.graphqlBodyBytes, restarting: killer.restarting });
    const started = Date.now();
    killer.start();
    while (Date.now() - started < options.seconds * 1000) {
      await sleep(Math.min(10_000, options.seconds * 1000 - (Date.now() - started)));
      log(`soak: ${Math.round((Date.now() - started) / 1000)} s, ${feed.stored.length} events stored, ${dashboards.record.latencies.length} queries, ` +
        `payloads ${JSON.stringify(subscribers.received)}, gateway killed ${killer.kills.length} times`);
    }
    await killer.stop();
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
    const lastBack = killer.lastBackAt();
    const silentSince = Object.keys(subscribers.received).filter((name) => name.includes('projects') && !((subscribers.lastReceivedAt[name] ?? 0) > lastBack));
    checks.push({
      name: `subscribers stayed subscribed${killer.kills.length ? ' (subscribing again after each kill)' : ''} and got payloads without errors`,
      ok: subscribers.record.failures === 0 && Object.values(subscribers.received).every((n) => n > 0) && silentSince.length === 0,
      detail: `payloads ${JSON.stringify(subscribers.received)}; ${subscribers.record.failures} failures` +
        (subscribers.record.failureSamples.length ? `: ${subscribers.record.failureSamples.slice(0, 5).join('; ')}` : '') +
        (silentSince.length ? `; no payload since the gateway process last came back: ${silentSince.join(', ')}` : ''),
    });
    const processes = watch.processes();
    const fat = processes.filter((p) => p.maxRssBytes > options.rssBoundBytes);
    checks.push({
      name: 'every servicegraph process under the RSS bound',
      ok: fat.length === 0,
      detail: processes.map((p) => `${p.command} (pid ${p.pid}) max ${(p.maxRssBytes / MIB).toFixed(0)} MiB`).join('; ') + ` (bound ${options.rssBoundBytes / MIB} MiB)`,
    });
    const killed = new Set(killer.kills.map((k) => k.pid));
    const gone = processes.filter((p) => !p.alive && !killed.has(p.pid));
    const gateways = processes.filter((p) => p.command.includes('gatewayProcess'));
    const restartsCounted = await gatewayRestarts(hub.ingestUrl);
    checks.push({
      name: 'nothing restarted but the gateway process killed on purpose',
      ok: gone.length === 0 && killer.failures.length === 0 && gateways.length === killer.kills.length + 1 && gateways.filter((p) => p.alive).length === 1
        && restartsCounted === killer.kills.length,
      detail: `${processes.length} process(es); gateway process killed on purpose ${killer.kills.length} times` +
        (killer.kills.length ? ` (serving again after ${killer.kills.map((k) => `${(k.downMs / 1000).toFixed(1)} s`).join(', ')})` : '') +
        `; servicegraph_gateway_restarts_total ${restartsCounted}` +
        (gone.length ? `; exited unasked: ${gone.map((p) => `${p.command} (pid ${p.pid}) at ${(p.lastSeenMs / 1000).toFixed(0)} s`).join('; ')}` : '') +
        (killer.failures.length ? `; ${killer.failures.join('; ')}` : ''),
    });
    checks.push(...abuseChecks(abusers.outcomes));

    details.push(cpuLine(`the soak (${options.seconds} s)`, shares));
    for (const check of checks) details.push(`- ${check.ok ? 'ok  ' : 'FAIL'} ${check.name}: ${check.detail}`);
    return {
      checks, ok: checks.every((c) => c.ok), storedEvents: stored, queryP99Ms: queryP99, ingestP99Ms: ingestP99,
      queries: dashboards.record.latencies.length, payloads: { ...subscribers.received }, processes, kills: killer.kills, abuse: abusers.outcomes, details,
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
      'kill-gateway-every': { type: 'string', default: String(SOAK_DEFAULTS.killGatewayEverySeconds) },
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
    killGatewayEverySeconds: values['kill-gateway-every'] === '0' ? 0 : positive('kill-gateway-every'),
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
    ...(result.kills.length ? [{
      figure: 'gateway process killed on purpose: until another one serves, max', unit: 's', value: Math.max(...result.kills.map((k) => k.downMs)) / 1000,
    }] : []),
    ...result.processes.filter((p) => p.alive).map((p): ResultRow => ({
      figure: `max RSS, ${p === hub ? 'hub' : p.command.includes('gatewayProcess') ? 'gateway process' : p.command}`, unit: 'MiB', value: Math.round(p.maxRssBytes / MIB),
      reference: { name: 'bound', value: positive('rss-mib'), unit: 'MiB' }, ratio: p.maxRssBytes / MIB / positive('rss-mib'), ratioMeaning: 'the bound',
    })),
  ];
  report({
    benchmark: 'soak',
    variant: `${minutes} min at ${values.rate} events/s${result.kills.length ? ', gateway killed on purpose' : ''}`,
    about: 'A hub under normal load (the simulated firm at a steady rate, dashboards, subscribers) beside an abusive client of every kind docs/limits.md bounds; checks: exactly once against the oracle, normal p99 and RSS within bounds, nothing restarted, abusers refused as documented.',
    command: `npm run soak -- ${argv.join(' ')}`.trim(),
    load,
    rows,
    bounds: `${result.ok ? 'every check passed' : `FAILED: ${result.checks.filter((c) => !c.ok).map((c) => c.name).join('; ')}`}; ${result.details[0]}`,
    details: result.details,
  });
  if (!result.ok) process.exitCode = 1;
}
