/**
 * `npm run bench -- query [--events 200000] [--repeat 3] [--seconds 2] [--seq-seconds 1.5] [--connections 50] [--profile yes|no]
 *   [--ops project,customer] [--targets 'uncached (Cache'] [--auth off|both] [--baseline DIR] [--candidate DIR]`
 *
 * `--auth both` also runs a second one-process hub on the same database with
 * AUTH=jwt, sent a dashboard's token (`graph:read financials:read`), so the
 * price of verifying tokens and of the operation guard is measured beside
 * AUTH=off in the same run (its own targets, and rows AUTH=jwt ÷ AUTH=off).
 *
 * `--baseline DIR` likewise runs a second one-process hub on the same
 * database, started from another build (DIR: a built tree, e.g. an extracted
 * commit, or its dist/), measured in turn with this build's in each round
 * (the baseline first in odd rounds), with rows this build ÷ the baseline
 * build: what a change costs. `--candidate DIR` runs this build's side (the
 * hub that loads the firm, the subgraph and gateway processes) from another
 * build instead, so that two older builds are compared with this harness.
 * Both builds read the one database the firm was loaded into: they must
 * share the read model's migrations (checked before the baseline starts).
 *
 * `--ops` and `--targets` (for trials) keep only the operations and targets
 * whose names contain one of the comma-separated words (the SQL target always
 * stays, as the reference).
 *
 * Dashboard reads (bench/queryOperations.ts: a project page, a customer page,
 * a portfolio list of 500 projects), each with one client sending requests one
 * after another (p50/p99) and with 50 connections (requests/s, autocannon),
 * side by side on one database of one Postgres server, round after round:
 *
 * - servicegraph in one process (`servicegraph start`, subgraphs in process),
 *   twice: with its response cache, the same pages polled while the read
 *   model does not change (the dashboard case), and uncached (every request
 *   sends `Cache-Control: no-cache`: the path of every request with the cache
 *   off, and of the first request after each commit);
 * - `servicegraph gateway` in front of four `servicegraph subgraph` processes, uncached;
 * - Hive Gateway (bench/hiveGateway.ts) in front of the same four processes;
 * - the same data by hand-written SQL through `pg`, in this process;
 * - the part one subgraph answers alone, straight to that subgraph's process,
 *   and the same query through the one-process gateway.
 *
 * Every server is a child process; this process is the load generator.
 * servicegraph's processes run with the Node flags they have everywhere
 * (cli/nodeFlags.ts, as NODE_OPTIONS); Hive Gateway with Node's defaults, as
 * its own command runs.
 */
import http from 'node:http';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { mintToken } from '../access/mintToken';
import { freePort } from '../db/embeddedPostgres';
import { startChild, startServicegraph, type BenchChild } from './childProcess';
import { profileLines, startProfile, type ProfileSummary } from './cpuProfile';
import { cpuLine, cpuWindow, type CpuShares } from './cpuUsage';
import { graphqlBody, request } from './http';
import { startBenchHub, type BenchHub } from './hubProcess';
import { CACHE_HEADER, httpThroughput, inProcessThroughput, NO_CACHE, sequential, type Sequential, type Throughput } from './latency';
import { benchFirm, loadFirm } from './loadFirm';
import { migrationMismatch, migrationsOf, otherBuild, type OtherBuild } from './otherBuild';
import { operations, pickSubjects, type Operation, type OperationName } from './queryOperations';
import { loadLine, median, medianOfRuns, medianSpread, report, type ResultRow } from './report';
import { benchServer } from './server';

interface Target {
  readonly label: string;
  /** Full operation (compared with SQL) or one subgraph's part. */
  readonly kind: 'full' | 'single';
  readonly once: () => Promise<void>;
  readonly throughput: (connections: number, seconds: number) => Promise<Throughput>;
  /** The process serving it, for CPU accounting and profiles. */
  readonly pid?: number;
  /** Where an HTTP target is and what it is sent (for the data check). */
  readonly url?: string;
  readonly body?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** The answers must come from servicegraph's response cache (`hit`) or must not (`pass`). */
  readonly expectCache?: 'hit' | 'pass';
}

const bodiesOf = (query: string, variables: readonly Record<string, unknown>[]) => variables.map((v) => graphqlBody(query, v));

interface Sample { seq: Sequential; thr: Throughput; cpu: CpuShares }

const SUBGRAPHS = ['customer', 'project', 'billing', 'revenue'] as const;
const ONE_PROCESS_CACHED = 'servicegraph, one process (npm start), response cache: the same pages polled, read model unchanged';
const ONE_PROCESS_UNCACHED = 'servicegraph, one process (npm start), uncached (Cache-Control: no-cache)';
const ONE_PROCESS_JWT_CACHED = 'servicegraph, one process (npm start), AUTH=jwt (graph:read financials:read), response cache';
const ONE_PROCESS_JWT_UNCACHED = 'servicegraph, one process (npm start), AUTH=jwt (graph:read financials:read), uncached';
/** A one-process target served by the `--baseline` build's hub (a prefix: this build's labels are looked up by their start). */
const baselineLabel = (label: string) => `the baseline build: ${label}`;
/** Signs the dashboard token of `--auth both` (a bench secret, HS256). */
const JWT_SECRET = 'bench-secret-bench-secret-bench-secret-0123';

/** The query benchmark's flags, checked; the builds of `--baseline` and `--candidate` resolved. */
export function queryOptions(argv: readonly string[]) {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      events: { type: 'string', default: '200000' }, repeat: { type: 'string', default: '3' },
      seconds: { type: 'string', default: '2' }, 'seq-seconds': { type: 'string', default: '1.5' },
      connections: { type: 'string', default: '50' }, profile: { type: 'string', default: 'yes' },
      ops: { type: 'string' }, targets: { type: 'string' }, auth: { type: 'string', default: 'off' },
      baseline: { type: 'string' }, candidate: { type: 'string' },
    },
  });
  if (values.auth !== 'off' && values.auth !== 'both') throw new Error(`--auth: expected off or both, got ${JSON.stringify(values.auth)}`);
  if (values.auth === 'both' && values.baseline !== undefined) throw new Error('--auth both and --baseline: expected one comparison at a time, got both');
  const baseline: OtherBuild | undefined = values.baseline === undefined ? undefined : otherBuild('--baseline', values.baseline);
  const candidate: OtherBuild | undefined = values.candidate === undefined ? undefined : otherBuild('--candidate', values.candidate);
  return { values, baseline, candidate };
}

export async function runQueryBenchmark(argv: string[]): Promise<void> {
  const { values, baseline, candidate } = queryOptions(argv);
  /** Who serves this side's targets: the bench's own build, or `--candidate`'s. */
  const thisBuild = candidate ? `the candidate build (${candidate.name})` : 'this build';
  const baselineBuild = baseline && `the baseline build (${baseline.name})`;
  // Trials: only the operations (e.g. `project`) and targets (e.g. `uncached`) whose names contain one of the given words.
  const onlyOps = values.ops?.split(',');
  const onlyTargets = values.targets?.split(',');
  const chosen = (name: string, words: readonly string[] | undefined) => !words || words.some((w) => name.includes(w));
  const repeat = Number(values.repeat);
  const seconds = Number(values.seconds);
  const seqSeconds = Number(values['seq-seconds']);
  const connections = Number(values.connections);
  const load = loadLine();

  process.stderr.write(`query: generating a firm of about ${values.events} events...\n`);
  const events = benchFirm(Number(values.events));
  const server = await benchServer();
  const children: BenchChild[] = [];
  const hub = await startBenchHub(server.url, { gateway: true, dist: candidate?.dist });
  let jwtHub: BenchHub | undefined;
  let baselineHub: BenchHub | undefined;
  const pool = new pg.Pool({ connectionString: hub.databaseUrl, max: 10 });
  const notes: string[] = [];
  try {
    process.stderr.write(`query: loading ${events.length} events through ingest...\n`);
    const loadSeconds = await loadFirm(hub.ingestUrl, events, 'query');
    await pool.query('VACUUM ANALYZE');
    const subjects = await pickSubjects(pool);

    const subgraphUrls: Record<string, string> = {};
    const pids: Record<string, number> = { 'hub (one process)': hub.pid };
    let jwtHeaders: Record<string, string> = {};
    if (values.auth === 'both') {
      // The same database: the data is loaded once; its listeners find nothing to apply.
      jwtHub = await startBenchHub(server.url, {
        gateway: true, database: new URL(hub.databaseUrl).pathname.slice(1), env: { AUTH: 'jwt', AUTH_JWT_SECRET: JWT_SECRET }, dist: candidate?.dist,
      });
      pids['hub (one process, AUTH=jwt)'] = jwtHub.pid;
      const token = await mintToken(JWT_SECRET, { subject: 'bench-dashboard', scopes: ['graph:read', 'financials:read'], ttlSeconds: 3600 });
      jwtHeaders = { authorization: `Bearer ${token}` };
    }
    if (baseline) {
      baselineHub = await startBaselineHub(server.url, hub.databaseUrl, pool, baseline, baselineBuild!);
      pids['hub (one process, baseline build)'] = baselineHub.pid;
    }
    for (const name of SUBGRAPHS) {
      const port = await freePort();
      const child = await startServicegraph({
        name: `subgraph ${name}`, args: ['subgraph', name, '--port', String(port)],
        env: { DATABASE_URL: hub.databaseUrl }, readyText: 'Ctrl-C', dist: candidate?.dist,
      });
      children.push(child);
      subgraphUrls[name] = `http://127.0.0.1:${port}/graphql`;
      pids[`subgraph ${name}`] = child.pid;
    }
    const addresses = SUBGRAPHS.map((name) => `${name}=${subgraphUrls[name]}`);
    const gatewayPort = await freePort();
    const gateway = await startServicegraph({
      name: 'gateway', args: ['gateway', '--port', String(gatewayPort), ...addresses.flatMap((a) => ['--subgraph', a])],
      env: { DATABASE_URL: hub.databaseUrl }, readyText: 'Ctrl-C', dist: candidate?.dist,
    });
    children.push(gateway);
    pids['servicegraph gateway'] = gateway.pid;
    const gatewayUrl = `http://127.0.0.1:${gatewayPort}/graphql`;

    let hive: BenchChild | undefined;
    let hiveUrl: string | undefined;
    try {
      const hivePort = await freePort();
      hive = await startChild({ name: 'hive gateway', script: 'bench/hiveGateway.js', args: ['--port', String(hivePort), ...addresses], readyText: 'hive gateway ready' });
      children.push(hive);
      pids['Hive Gateway'] = hive.pid;
      hiveUrl = `http://127.0.0.1:${hivePort}/graphql`;
    } catch (error) {
      notes.push(`- Hive Gateway did not start: ${(error as Error).message.split('\n').slice(0, 3).join(' ')}`);
    }

    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const httpTarget = (label: string, kind: Target['kind'], url: string, bodies: readonly string[], pid?: number,
      cache?: { headers: Readonly<Record<string, string>>; expect: 'hit' | 'pass' }): Target => ({
      label, kind, pid, url, body: bodies[0], headers: cache?.headers, expectCache: cache?.expect,
      once: async () => {
        const answer = await request(agent, url, 'POST', bodies[0], undefined, cache?.headers);
        if (answer.status !== 200) throw new Error(`${label} answered ${answer.status}: ${answer.body.slice(0, 300)}`);
      },
      throughput: (c, s) => httpThroughput(url, bodies, c, s, cache?.headers),
    });
    const cachedPolls = { headers: {}, expect: 'hit' as const };
    const uncached = { headers: NO_CACHE, expect: 'pass' as const };
    const ops = operations(subjects).filter((op) => chosen(op.name, onlyOps));
    /** `baselineFirst`: the baseline build's one-process targets before this build's (alternated by round). */
    const targetsOf = (op: Operation, baselineFirst = false): Target[] =>
      allTargetsOf(op, baselineFirst).filter((t) => chosen(t.label, onlyTargets) || t.label.startsWith('hand-written'));
    const allTargetsOf = (op: Operation, baselineFirst = false): Target[] => {
      const full = bodiesOf(op.query, op.variables);
      const single = bodiesOf(op.single.query, op.variables);
      const sqlOnce = async (i = 0) => {
        const { rows } = await pool.query(op.sql.text, op.sql.values[i % op.sql.values.length]);
        if (typeof rows[0]?.answer !== 'string') throw new Error(`SQL of ${op.name} returned no answer`);
      };
      const thisOneProcess = [
        httpTarget(ONE_PROCESS_CACHED, 'full', hub.graphqlUrl!, full, hub.pid, cachedPolls),
        httpTarget(ONE_PROCESS_UNCACHED, 'full', hub.graphqlUrl!, full, hub.pid, uncached),
      ];
      const baselineOneProcess = baselineHub ? [
        httpTarget(baselineLabel(ONE_PROCESS_CACHED), 'full', baselineHub.graphqlUrl!, full, baselineHub.pid, cachedPolls),
        httpTarget(baselineLabel(ONE_PROCESS_UNCACHED), 'full', baselineHub.graphqlUrl!, full, baselineHub.pid, uncached),
      ] : [];
      return [
        ...(baselineFirst ? [...baselineOneProcess, ...thisOneProcess] : [...thisOneProcess, ...baselineOneProcess]),
        ...(jwtHub ? [
          httpTarget(ONE_PROCESS_JWT_CACHED, 'full', jwtHub.graphqlUrl!, full, jwtHub.pid, { headers: jwtHeaders, expect: 'hit' }),
          httpTarget(ONE_PROCESS_JWT_UNCACHED, 'full', jwtHub.graphqlUrl!, full, jwtHub.pid, { headers: { ...jwtHeaders, ...NO_CACHE }, expect: 'pass' }),
        ] : []),
        httpTarget('servicegraph gateway → 4 subgraph processes, uncached', 'full', gatewayUrl, full, gateway.pid, uncached),
        ...(hiveUrl ? [httpTarget('Hive Gateway 2.15.1 → the same 4 subgraph processes', 'full', hiveUrl, full, hive!.pid)] : []),
        {
          label: 'hand-written SQL via pg (one statement, JSON built by Postgres; in the bench process, pool of 10)', kind: 'full',
          once: () => sqlOnce(0), throughput: (c, s) => inProcessThroughput(sqlOnce, c, s),
        },
        httpTarget(`${op.single.subgraph} subgraph process alone, its own fields`, 'single', subgraphUrls[op.single.subgraph]!, single, pids[`subgraph ${op.single.subgraph}`]),
        httpTarget(`servicegraph one process, the same own-fields query, uncached`, 'single', hub.graphqlUrl!, single, hub.pid, uncached),
      ];
    };

    // Every target answers, and the full ones with the same data as the SQL.
    for (const op of ops) {
      const { rows } = await pool.query(op.sql.text, op.sql.values[0]);
      const expected = JSON.stringify(op.idsOfSql(JSON.parse(rows[0].answer)));
      for (const target of targetsOf(op)) {
        if (!target.url || !target.body) continue;
        const answer = await request(agent, target.url, 'POST', target.body, undefined, target.headers);
        const body = JSON.parse(answer.body) as { data?: any; errors?: { message: string }[] };
        if (answer.status !== 200 || body.errors?.length) throw new Error(`${target.label}, ${op.name}: HTTP ${answer.status} ${answer.body.slice(0, 400)}`);
        if (target.expectCache && (await request(agent, target.url, 'POST', target.body, undefined, target.headers)).headers[CACHE_HEADER] !== target.expectCache) {
          throw new Error(`${target.label}, ${op.name}: a repeated request was expected to be answered x-servicegraph-cache: ${target.expectCache}`);
        }
        if (target.kind === 'full' && JSON.stringify(op.idsOfGraphql(body.data)) !== expected) {
          throw new Error(`${target.label}, ${op.name}: not the same data as the SQL:\n  ${JSON.stringify(op.idsOfGraphql(body.data)).slice(0, 300)}\n  ${expected.slice(0, 300)}`);
        }
      }
    }

    const samples = new Map<string, Sample[]>();
    for (let round = 1; round <= repeat; round++) {
      for (const op of ops) {
        // Odd rounds the baseline first, as the ingest benchmark alternates: neither build always runs on the warmer machine.
        for (const target of targetsOf(op, round % 2 === 1)) {
          const seq = await sequential(target.once, seqSeconds, 2000);
          const window = cpuWindow(pids);
          const thr = await target.throughput(connections, seconds);
          const cpu = window();
          const key = `${op.name}\n${target.label}`;
          samples.set(key, [...(samples.get(key) ?? []), { seq, thr, cpu }]);
          process.stderr.write(`round ${round} ${op.name} | ${target.label}: p50 ${seq.p50.toFixed(2)} ms, p99 ${seq.p99.toFixed(2)} ms (${seq.count}), ` +
            `${Math.round(thr.requestsPerSecond)} req/s at ${connections}${thr.failures ? `, ${thr.failures} failures` : ''}\n`);
        }
      }
    }

    const profiles: { op: OperationName; summary: ProfileSummary }[] = [];
    if (values.profile !== 'no') {
      for (const op of ops) {
        const stop = await startProfile(hub.inspectorUrl);
        await allTargetsOf(op).find((t) => t.label === ONE_PROCESS_UNCACHED)!.throughput(connections, seconds);
        profiles.push({ op: op.name, summary: await stop() });
      }
    }

    const lines: string[] = [
      `- Postgres: ${server.description}; data: the simulated firm of ${events.length} events (seed bench) loaded through ingest in ${loadSeconds.toFixed(0)} s: ` +
        `${subjects.projects} projects; project page of ${subjects.projectIds[0]} (${subjects.projectInvoices} invoices, first 10 shown), ` +
        `customer page of ${subjects.customerIds[0]} (${subjects.customerProjects} projects, first 10; first 5 invoices in time order), portfolio list = first page of 500 projects`,
      `- ${repeat} rounds; in each, every target in turn: one client sending requests one after another for ${seqSeconds} s (after 20 warm-up requests; ` +
        `always the subject above), then ${connections} connections for ${seconds} s (autocannon in the bench process; SQL: ${connections} concurrent callers on a pool of 10), ` +
        `each connection going through the ${subjects.projectIds.length} projects with the most invoices / ${subjects.customerIds.length} customers with the most projects ` +
        `from its own starting point (50 users on different pages; Hive Gateway deduplicates identical in-flight queries, servicegraph does not), the portfolio list the same first page for all. ` +
        `Figures: median of the rounds (min–max); a target that cannot complete 2 requests per connection in the window is measured on 100 requests instead. ` +
        `Every target was checked first to answer the same data (ids, margins) as the SQL. ` +
        `servicegraph's uncached targets send \`Cache-Control: no-cache\` (executed afresh, as with RESPONSE_CACHE_MB=0 or right after a commit; checked: \`x-servicegraph-cache: pass\`); ` +
        `the cached target polls the same pages while nothing is ingested (checked: \`hit\`), each request still reading the read model's position (coalesced).`,
      load,
      ...(candidate ? [`- ${thisBuild}: the hub, subgraph and gateway processes from ${candidate.dist}`] : []),
      ...(baseline ? [`- ${baselineBuild}: a second one-process hub from ${baseline.dist} on the same database, its targets measured in turn with ${thisBuild}'s in each round ` +
        `(the baseline first in odd rounds); rows ${thisBuild} ÷ ${baselineBuild}`] : []),
      ...notes,
      '',
    ];
    const ms = (xs: number[]) => medianSpread(xs, 2);
    for (const op of ops) {
      const of = (label: string) => samples.get(`${op.name}\n${label}`) ?? [];
      const sqlLabel = targetsOf(op).find((t) => t.label.startsWith('hand-written'))!.label;
      const sql = of(sqlLabel);
      const sqlP50 = median(sql.map((s) => s.seq.p50));
      const sqlRps = median(sql.map((s) => s.thr.requestsPerSecond));
      lines.push(`**${op.name}**`, '', `| target | sequential p50 ms | sequential p99 ms (requests per run) | req/s at ${connections} connections | p50 vs SQL | req/s SQL ÷ target |`, '|---|---|---|---|---|---|');
      for (const target of targetsOf(op)) {
        const s = of(target.label);
        const p50 = median(s.map((x) => x.seq.p50));
        const rps = median(s.map((x) => x.thr.requestsPerSecond));
        const failures = s.reduce((a, x) => a + x.thr.failures, 0);
        lines.push(`| ${target.label} | ${ms(s.map((x) => x.seq.p50))} | ${ms(s.map((x) => x.seq.p99))} (${Math.round(median(s.map((x) => x.seq.count)))}) | ` +
          `${medianSpread(s.map((x) => x.thr.requestsPerSecond), 0)}${failures ? ` (${failures} failed)` : ''} | ` +
          `${target.kind === 'full' ? `${(p50 / sqlP50).toFixed(1)}×` : '—'} | ${target.kind === 'full' ? `${(sqlRps / rps).toFixed(1)}×` : '—'} |`);
      }
      lines.push('');
      for (const target of targetsOf(op).filter((t) => t.kind === 'full')) {
        const last = of(target.label).at(-1);
        if (last) lines.push(cpuLine(`${op.name}, ${target.label}, ${connections} connections (last round)`, last.cpu));
      }
      const single = targetsOf(op).filter((t) => t.kind === 'single').map((t) => median(of(t.label).map((x) => x.seq.p50)));
      if (single.length === 2) lines.push(`- the own-fields query of the ${op.single.subgraph} subgraph: through the one-process gateway ${single[1]!.toFixed(2)} ms p50 vs ${single[0]!.toFixed(2)} ms straight to the subgraph process (${(single[1]! / single[0]!).toFixed(2)}×)`, '');
    }
    for (const { op, summary } of profiles) lines.push(...profileLines(`the one-process hub serving the ${op} uncached at ${connections} connections`, summary));
    const customer = (label: string) => samples.get(`customer page\n${label}`) ?? [];
    const one = customer(ONE_PROCESS_UNCACHED);
    const customerOp = ops.find((op) => op.name === 'customer page');
    const sqlC = customerOp ? customer(targetsOf(customerOp).find((t) => t.label.startsWith('hand-written'))!.label) : [];
    if (customerOp && one.length > 0) lines.push('', `- customer page through the gateway, one process, uncached: p50 ${median(one.map((s) => s.seq.p50)).toFixed(2)} ms, ` +
      `p99 ${median(one.map((s) => s.seq.p99)).toFixed(2)} ms, ${Math.round(median(one.map((s) => s.thr.requestsPerSecond)))} req/s at ${connections} connections; ` +
      `hand-written SQL p50 ${median(sqlC.map((s) => s.seq.p50)).toFixed(2)} ms, p99 ${median(sqlC.map((s) => s.seq.p99)).toFixed(2)} ms, ` +
      `${Math.round(median(sqlC.map((s) => s.thr.requestsPerSecond)))} req/s; ratio gateway ÷ SQL: p50 ${(median(one.map((s) => s.seq.p50)) / median(sqlC.map((s) => s.seq.p50))).toFixed(1)}×, ` +
      `req/s ${(median(sqlC.map((s) => s.thr.requestsPerSecond)) / median(one.map((s) => s.thr.requestsPerSecond))).toFixed(1)}× fewer`);
    const rows: ResultRow[] = [];
    let busiest: { label: string; cpu: CpuShares } | undefined;
    for (const op of ops) {
      const of = (start: string) => samples.get(`${op.name}\n${targetsOf(op).find((t) => t.label.startsWith(start))?.label ?? start}`) ?? [];
      const p = (s: ReturnType<typeof of>, f: (x: (typeof s)[number]) => number) => medianOfRuns(s.map(f));
      const sql = of('hand-written');
      const sqlP50 = median(sql.map((x) => x.seq.p50));
      const sqlRps = median(sql.map((x) => x.thr.requestsPerSecond));
      const vsSql = (label: string, s: ReturnType<typeof of>) => {
        if (s.length === 0) return;
        const p50 = p(s, (x) => x.seq.p50);
        const rps = p(s, (x) => x.thr.requestsPerSecond);
        rows.push({ figure: `${op.name} p50, one client, ${label}`, unit: 'ms', ...p50, reference: { name: 'hand-written SQL p50', value: sqlP50, unit: 'ms' }, ratio: p50.value / sqlP50, ratioMeaning: 'SQL' });
        rows.push({ figure: `${op.name} req/s at ${connections} connections, ${label}`, unit: 'req/s', ...rps, reference: { name: 'hand-written SQL', value: sqlRps, unit: 'req/s' }, ratio: rps.value / sqlRps, ratioMeaning: 'SQL' });
      };
      const uncachedSamples = of(ONE_PROCESS_UNCACHED);
      vsSql('one process, uncached', uncachedSamples);
      if (uncachedSamples.length > 0) rows.push({ figure: `${op.name} p99, one client, one process, uncached`, unit: 'ms', ...p(uncachedSamples, (x) => x.seq.p99) });
      vsSql('one process, response cache', of(ONE_PROCESS_CACHED));
      for (const [jwtLabel, offLabel, what] of [[ONE_PROCESS_JWT_UNCACHED, ONE_PROCESS_UNCACHED, 'uncached'], [ONE_PROCESS_JWT_CACHED, ONE_PROCESS_CACHED, 'response cache']] as const) {
        const jwt = of(jwtLabel);
        const off = of(offLabel);
        if (jwt.length === 0 || off.length === 0) continue;
        const p50 = p(jwt, (x) => x.seq.p50);
        const rps = p(jwt, (x) => x.thr.requestsPerSecond);
        const offP50 = median(off.map((x) => x.seq.p50));
        const offRps = median(off.map((x) => x.thr.requestsPerSecond));
        rows.push({ figure: `${op.name} p50, one client, one process, ${what}, AUTH=jwt`, unit: 'ms', ...p50, reference: { name: 'AUTH=off, same run', value: offP50, unit: 'ms' }, ratio: p50.value / offP50, ratioMeaning: 'AUTH=off' });
        rows.push({ figure: `${op.name} req/s at ${connections} connections, one process, ${what}, AUTH=jwt`, unit: 'req/s', ...rps, reference: { name: 'AUTH=off, same run', value: offRps, unit: 'req/s' }, ratio: rps.value / offRps, ratioMeaning: 'AUTH=off' });
      }
      for (const [label, what] of [[ONE_PROCESS_UNCACHED, 'uncached'], [ONE_PROCESS_CACHED, 'response cache']] as const) {
        const mine = of(label);
        const theirs = of(baselineLabel(label));
        if (!baselineBuild || mine.length === 0 || theirs.length === 0) continue;
        const p50 = p(mine, (x) => x.seq.p50);
        const rps = p(mine, (x) => x.thr.requestsPerSecond);
        const baseP50 = median(theirs.map((x) => x.seq.p50));
        const baseRps = median(theirs.map((x) => x.thr.requestsPerSecond));
        rows.push({ figure: `${op.name} p50, one client, one process, ${what}, ${thisBuild}`, unit: 'ms', ...p50, reference: { name: `${baselineBuild}, same run`, value: baseP50, unit: 'ms' }, ratio: p50.value / baseP50, ratioMeaning: baselineBuild });
        rows.push({ figure: `${op.name} req/s at ${connections} connections, one process, ${what}, ${thisBuild}`, unit: 'req/s', ...rps, reference: { name: `${baselineBuild}, same run`, value: baseRps, unit: 'req/s' }, ratio: rps.value / baseRps, ratioMeaning: baselineBuild });
        const perRound = (f: (x: Sample) => number) => mine.map((x, i) => (f(x) / f(theirs[i]!)).toFixed(3)).join(', ');
        lines.push(`- ${op.name}, one process, ${what}: ${thisBuild} ÷ ${baselineBuild} by round: p50 ${perRound((x) => x.seq.p50)}; req/s ${perRound((x) => x.thr.requestsPerSecond)}`);
      }
      const federated = of('servicegraph gateway → 4');
      const hive = of('Hive Gateway');
      if (federated.length > 0 && hive.length > 0) {
        const p50 = p(federated, (x) => x.seq.p50);
        const rps = p(federated, (x) => x.thr.requestsPerSecond);
        const hiveP50 = median(hive.map((x) => x.seq.p50));
        const hiveRps = median(hive.map((x) => x.thr.requestsPerSecond));
        rows.push({ figure: `${op.name} p50, gateway → 4 subgraph processes`, unit: 'ms', ...p50, reference: { name: 'Hive Gateway, same subgraphs', value: hiveP50, unit: 'ms' }, ratio: p50.value / hiveP50, ratioMeaning: 'Hive Gateway' });
        rows.push({ figure: `${op.name} req/s, gateway → 4 subgraph processes`, unit: 'req/s', ...rps, reference: { name: 'Hive Gateway, same subgraphs', value: hiveRps, unit: 'req/s' }, ratio: rps.value / hiveRps, ratioMeaning: 'Hive Gateway' });
      }
      const last = uncachedSamples.at(-1);
      if (last && !busiest) busiest = { label: `${op.name}, one process, uncached, ${connections} connections (last round)`, cpu: last.cpu };
    }
    report({
      benchmark: 'query',
      variant: `firm of ${events.length} events${baselineBuild ? `, ${thisBuild} beside ${baselineBuild}` : candidate ? `, ${thisBuild}` : ''}`,
      about: 'Dashboard pages through the gateway — a project page, a customer page, the portfolio list — p50/p99 of one sequential ' +
        `client and req/s at ${connections} connections, beside the same data by hand-written SQL, and the gateway over 4 subgraph ` +
        'processes beside Hive Gateway over the same processes.' +
        (baselineBuild ? ` The one-process hub of ${thisBuild} beside that of ${baselineBuild}, on the same database in the same rounds.` : ''),
      command: `npm run bench -- query ${argv.join(' ')}`.trim(),
      rows,
      bounds: busiest ? `${cpuLine(busiest.label, busiest.cpu).replace(/^- /, '')}: the hub's one process executing the federated query` +
        (profiles[0] ? ` (profile: ${profiles[0].summary.areas.slice(0, 4).map((a) => `${a.area} ${(100 * a.share).toFixed(0)}%`).join(', ')})` : '') : 'not measured',
      details: lines,
    });
  } finally {
    await pool.end();
    for (const child of children.reverse()) await child.stop();
    // They share the database, which the first hub's stop drops.
    await jwtHub?.stopProcess();
    await baselineHub?.stopProcess();
    await hub.stop();
    await server.stop();
  }
}

/**
 * The `--baseline` build's one-process hub on the database the firm was
 * loaded into (`pool`'s), once its migrations are known to be the ones that
 * database has: a build with others would change the schema under this
 * build's hub, or fail to read it.
 */
async function startBaselineHub(serverUrl: string, databaseUrl: string, pool: pg.Pool, baseline: OtherBuild, name: string): Promise<BenchHub> {
  const theirs = migrationsOf(baseline);
  if (theirs) {
    const applied = (await pool.query<{ name: string }>('SELECT name FROM migrations ORDER BY id')).rows.map((row) => row.name);
    const mismatch = migrationMismatch(applied, theirs);
    if (mismatch) throw new Error(`--baseline: ${name} (${baseline.dist}) must share the read model's migrations with the build that loaded the database; ${mismatch}`);
  }
  try {
    return await startBenchHub(serverUrl, { gateway: true, database: new URL(databaseUrl).pathname.slice(1), dist: baseline.dist });
  } catch (error) {
    throw new Error(`--baseline: ${name}'s hub (${baseline.dist}) did not start on the database the firm was loaded into ` +
      `(both builds must share the read model's migrations${theirs ? '' : '; its list of migrations could not be read to check'}): ${(error as Error).message}`);
  }
}
