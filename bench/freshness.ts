/**
 * `npm run bench -- freshness [--rates 500,2000] [--seconds 15] [--warmup 5] [--repeat 3] [--profile yes|no]`
 *
 * How fresh a live view is: at a steady rate of events posted to ingest, the
 * time from sending an event (the start of its ingest request) to a graphql-ws
 * subscriber receiving the payload for it, p50/p99/max; beside it the Postgres
 * NOTIFY round trip on the same server (the floor of any push through it).
 *
 * Each run: a fresh hub (`servicegraph start`, gateway in process) as a child
 * process on a fresh database; this process posts the simulated firm from its
 * first event at the rate (a batch every 10 ms) for `warmup` + `seconds`
 * seconds; the figures are of the events sent after the warm-up (a hub runs
 * for days: its first seconds — JIT, lazily loaded modules, cold plan and row
 * caches — are reported apart, as "cold start"). It holds one graphql-ws
 * client with both subscriptions, unfiltered, selecting fields of every
 * subgraph. Where the time goes, per payload received: when ingest's
 * transaction started (event_log.received_at) and committed (its NOTIFY, heard
 * by this process), when the listeners' transaction that applied it started
 * (change_feed.changed_at) and committed (its NOTIFY), when the gateway's
 * change feed had read the change and when its payload was first serialized
 * for a socket (the hub publishes both on diagnostics channels,
 * live/diagnostics.ts; `startFeedProbe` subscribes inside the hub).
 */
import http from 'node:http';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { profileLines, startProfile, type ProfileSummary } from './cpuProfile';
import { cpuLine, cpuWindow, type CpuShares } from './cpuUsage';
import { request } from './http';
import { startEventLoopDelay } from './inspector';
import { startBenchHub } from './hubProcess';
import { benchFirm } from './loadFirm';
import { loadLine, median, medianOfRuns, medianSpread, percentile, report } from './report';
import { benchServer } from './server';
import { CHANGES_CHANNEL, EVENTS_CHANNEL } from '../hub/channels';
import { CHANGES_READ_CHANNEL, PAYLOAD_SERIALIZED_CHANNEL } from '../live/diagnostics';
import { inspect } from './inspector';

const INVOICE_SUBSCRIPTION = `subscription { invoiceStatusChanged {
  eventId eventType invoice { id status paymentState amountDue { amount currency } customer { name } project { name margin { amount currency } } } } }`;
const PROJECT_SUBSCRIPTION = `subscription { projectFinancialsChanged {
  eventId eventType project { id marginPercent margin { amount currency } unbilledApprovedAmount { amount currency } customer { name } } } }`;

/** Epoch milliseconds with sub-millisecond resolution (comparable with Postgres' now()). */
const epochMs = () => performance.timeOrigin + performance.now();

interface RunResult {
  rate: number;
  /** Achieved send rate. */
  sentRate: number;
  payloads: number;
  expected: number;
  /** Entities changed, and those whose last change was pushed. */
  finals: number;
  finalsReceived: number;
  /** Seconds from the last send to the last payload. */
  drainSeconds: number;
  latencies: number[];
  /** Latencies of the events sent during the warm-up (a fresh hub's first seconds). */
  coldLatencies: number[];
  /** The parts of each payload's latency, ms, in the order of STAGES (one array per stage, one entry per payload). */
  stages: number[][];
  ingestAnswer: number[];
  /** The listeners' transactions that wrote changes: events each applied, and ms from its start to its commit's NOTIFY. */
  listenerBatches: { events: number[]; ms: number[] };
  cpu: CpuShares;
  /** The hub's event-loop delay over the run, ms. */
  loopDelay: { p50: number; p99: number; max: number };
  /** Sampled every 20 ms: the hub's database sessions waiting for a lock (ingest's event-log lock), and those in a transaction. */
  sessions: { lockWaits: number[]; active: number[] };
  profile?: ProfileSummary;
}

/** The parts of an event's way to a subscriber, as measured per payload. */
const STAGES = [
  'send → ingest tx start',
  'ingest tx → commit (NOTIFY heard)',
  'ingest commit → listener tx start',
  'listener tx start → commit (NOTIFY heard)',
  'listener commit → change feed has read it',
  'feed read → payload written to the socket',
  'written → received by the client',
] as const;

/** Arrival times (epoch ms) of NOTIFYs on a channel, with their payload as a number. */
async function hearNotifications(url: string, channels: readonly string[]) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const heard = new Map<string, { at: number; value: number }[]>(channels.map((c) => [c, []]));
  client.on('notification', (n) => heard.get(n.channel)?.push({ at: epochMs(), value: Number(n.payload) }));
  for (const channel of channels) await client.query(`LISTEN ${channel}`);
  return {
    /** The first notification on `channel` whose value (a position or change id) is at least `value`. */
    firstReaching(channel: string, value: number): number | undefined {
      return heard.get(channel)!.find((n) => n.value >= value)?.at;
    },
    stop: () => client.end(),
  };
}

/**
 * Records, inside the hub, when its change feed read each range of changes
 * and when each change's payload was first serialized for a socket: it
 * subscribes (through the inspector) to the diagnostics channels the live
 * module publishes on (live/diagnostics.ts) and takes the timestamps there.
 */
async function startFeedProbe(inspectorUrl: string): Promise<() => Promise<{ reads: [number, number, number][]; written: Map<number, number> }>> {
  const session = await inspect(inspectorUrl);
  await session.call('Runtime.evaluate', {
    expression: `(() => {
      const diagnostics = process.mainModule.require('node:diagnostics_channel');
      const now = () => performance.timeOrigin + performance.now();
      const probe = globalThis.__benchFeedProbe = { reads: [], written: new Map() };
      diagnostics.subscribe(${JSON.stringify(CHANGES_READ_CHANNEL)}, (m) => probe.reads.push([now(), Number(m.first), Number(m.last)]));
      diagnostics.subscribe(${JSON.stringify(PAYLOAD_SERIALIZED_CHANNEL)}, (m) => {
        const id = Number(m.changeId);
        if (!probe.written.has(id)) probe.written.set(id, now());
      });
      return true;
    })()`,
  });
  await session.close();
  return async () => {
    const again = await inspect(inspectorUrl);
    try {
      const { result } = await again.call<{ result: { value: string } }>('Runtime.evaluate', {
        expression: `JSON.stringify({ reads: globalThis.__benchFeedProbe.reads, written: [...globalThis.__benchFeedProbe.written] })`, returnByValue: true,
      });
      const value = JSON.parse(result.value) as { reads: [number, number, number][]; written: [number, number][] };
      return { reads: value.reads, written: new Map(value.written) };
    } finally {
      await again.close();
    }
  };
}

/**
 * Samples the hub database's sessions every 20 ms until stopped: how many
 * wait for a lock (ingest's transactions queue on the event log's advisory
 * lock, each holding a pooled connection meanwhile) and how many are in a
 * transaction at all.
 */
function sampleSessions(pool: pg.Pool): () => Promise<{ lockWaits: number[]; active: number[] }> {
  const lockWaits: number[] = [];
  const active: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const { rows } = await pool.query<{ lock_waits: number; in_transaction: number }>(
        `SELECT count(*) FILTER (WHERE wait_event_type = 'Lock')::int AS lock_waits, count(*) FILTER (WHERE xact_start IS NOT NULL)::int AS in_transaction
         FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`);
      lockWaits.push(rows[0]!.lock_waits);
      active.push(rows[0]!.in_transaction);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  return async () => {
    running = false;
    await loop;
    return { lockWaits, active };
  };
}

/** A subscription's failure as text: a close event's code and reason (JSON.stringify writes `{}` of one), GraphQL errors, an Error. */
function describeFailure(failure: unknown): string {
  if (typeof failure === 'object' && failure !== null && 'code' in failure && 'reason' in failure) {
    return `the socket closed with ${String((failure as { code: unknown }).code)}: ${String((failure as { reason: unknown }).reason)}`;
  }
  if (failure instanceof Error) return failure.message;
  return (typeof failure === 'string' ? failure : JSON.stringify(failure)).slice(0, 500);
}

async function notifyRoundTrips(url: string, count: number): Promise<number[]> {
  const listener = new pg.Client({ connectionString: url });
  const sender = new pg.Client({ connectionString: url });
  await listener.connect();
  await sender.connect();
  try {
    await listener.query('LISTEN sg_bench_rtt');
    const times: number[] = [];
    for (let i = 0; i < count; i++) {
      const got = new Promise<void>((resolve) => listener.once('notification', () => resolve()));
      const t = performance.now();
      await sender.query(`NOTIFY sg_bench_rtt, '${i}'`);
      await got;
      times.push(performance.now() - t);
    }
    return times;
  } finally {
    await listener.end();
    await sender.end();
  }
}

async function freshnessRun(serverUrl: string, events: readonly { id: string }[], rate: number, seconds: number, warmup: number, profile: boolean): Promise<RunResult> {
  const hub = await startBenchHub(serverUrl, { gateway: true });
  const pool = new pg.Pool({ connectionString: hub.databaseUrl, max: 2 });
  const client = createClient({ url: hub.graphqlUrl!.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0, lazy: false });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  try {
    const received: { eventId: string; entity: string; at: number }[] = [];
    const failures: unknown[] = [];
    // Until the run ends its subscriptions, the hub ending one is a failure (a refusal, a limit), not the end of the data.
    let ending = false;
    const subscribe = (query: string, field: string) => new Promise<() => void>((ready) => {
      const stop = client.subscribe({ query }, {
        next: (value) => {
          const data = value.data as Record<string, { eventId: string; invoice?: { id: string }; project?: { id: string } }> | undefined;
          if (value.errors?.length) failures.push(value.errors);
          const change = data?.[field];
          if (change) received.push({ eventId: change.eventId, entity: change.invoice ? `invoice ${change.invoice.id}` : `project ${change.project?.id}`, at: epochMs() });
        },
        error: (error) => failures.push(error),
        complete: () => {
          if (!ending) failures.push(`the hub completed the ${field} subscription before the run ended`);
        },
      });
      // graphql-ws sends `subscribe` right after the ack; give the server a moment to register it.
      setTimeout(() => ready(stop), 300);
    });
    const stops = [await subscribe(INVOICE_SUBSCRIPTION, 'invoiceStatusChanged'), await subscribe(PROJECT_SUBSCRIPTION, 'projectFinancialsChanged')];
    const notifications = await hearNotifications(hub.databaseUrl, [EVENTS_CHANNEL, CHANGES_CHANNEL]);
    const stopFeedProbe = await startFeedProbe(hub.inspectorUrl);

    const count = Math.min(events.length, Math.round(rate * (warmup + seconds)));
    const warmupCount = Math.min(count, Math.round(rate * warmup));
    const warmupIds = new Set(events.slice(0, warmupCount).map((e) => e.id));
    const sentAt = new Map<string, number>();
    const ingestAnswer: number[] = [];
    const inFlight = new Set<Promise<void>>();
    // What is sampled about the hub (CPU, profile, event-loop delay, sessions) starts when the warm-up has been
    // sent, so it describes the steady state the measured latencies come from, not the cold start.
    let measuring: Awaited<ReturnType<typeof startMeasuring>> | undefined;
    const startMeasuring = async () => ({
      stopProfile: profile ? await startProfile(hub.inspectorUrl) : undefined,
      stopLoopDelay: await startEventLoopDelay(hub.inspectorUrl),
      stopSessions: sampleSessions(pool),
      window: cpuWindow({ hub: hub.pid }),
    });
    const started = performance.now();
    let next = 0;
    while (next < count) {
      if (!measuring && next >= warmupCount) measuring = await startMeasuring();
      const due = Math.min(count, Math.floor(((performance.now() - started) / 1000) * rate) + 1);
      // Behind schedule (a late timer), the events due go in requests of at most 500.
      while (due > next) {
        const batch = events.slice(next, Math.min(due, next + 500));
        next += batch.length;
        const t = epochMs();
        for (const e of batch) sentAt.set(e.id, t);
        const p = request(agent, `${hub.ingestUrl}/events`, 'POST', JSON.stringify(batch), 'application/cloudevents-batch+json').then((answer) => {
          if (answer.status !== 202) throw new Error(`ingest answered ${answer.status}: ${answer.body.slice(0, 300)}`);
          ingestAnswer.push(epochMs() - t);
        });
        inFlight.add(p);
        void p.finally(() => inFlight.delete(p)).catch(() => undefined);
        // A hub that cannot keep up slows the sender down (the achieved rate is reported).
        if (inFlight.size >= 32) await Promise.race(inFlight);
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await Promise.all(inFlight);
    const sentSeconds = (performance.now() - started) / 1000;
    // Every change the listeners committed reaches the subscriber (both subscriptions are unfiltered), unless a
    // backlog made its queue coalesce older changes of one entity into the latest: wait until all arrived, or
    // nothing arrived for 3 s after everything was applied.
    let expected = 0;
    let lastCount = -1;
    let quietSince = Date.now();
    const deadline = Date.now() + 120_000;
    for (;;) {
      const status = JSON.parse((await request(agent, `${hub.ingestUrl}/status`, 'GET')).body) as { pending: number };
      expected = (await pool.query(`SELECT count(*)::int AS n FROM hub.change_feed`)).rows[0].n;
      if (received.length !== lastCount) { lastCount = received.length; quietSince = Date.now(); }
      if (status.pending === 0 && (received.length >= expected || Date.now() - quietSince > 3000)) break;
      if (Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const lastReceipt = Math.max(...received.map((r) => r.at));
    measuring ??= await startMeasuring();
    const cpu = measuring.window();
    const loopDelay = await measuring.stopLoopDelay();
    const sessions = await measuring.stopSessions();
    const profileSummary = await measuring.stopProfile?.();
    const feedProbe = await stopFeedProbe();
    await notifications.stop();
    // The final state of every entity must have been pushed (coalescing may skip earlier ones, never the last).
    const finals = await pool.query<{ entity: string; event_id: string }>(
      `SELECT DISTINCT ON (entity_kind, entity_id) entity_kind || ' ' || entity_id AS entity, event_id FROM hub.change_feed ORDER BY entity_kind, entity_id, change_id DESC`);
    const got = new Set(received.map((r) => `${r.entity}\n${r.eventId}`));
    const finalsReceived = finals.rows.filter((f) => got.has(`${f.entity}\n${f.event_id}`)).length;
    ending = true;
    for (const stop of stops) stop();
    if (failures.length > 0) throw new Error(`subscription failed: ${describeFailure(failures[0])}`);
    if (received.length === 0 && expected > 0) {
      throw new Error(`no payload arrived for the ${expected} changes the listeners recorded: the subscriptions were accepted but nothing was pushed`);
    }

    const { rows } = await pool.query<{ change_id: string; entity: string; event_id: string; position: string; received_ms: number; changed_ms: number }>(
      `SELECT c.change_id::text, c.entity_kind || ' ' || c.entity_id AS entity, e.event_id, e.position::text,
              extract(epoch FROM e.received_at) * 1000 AS received_ms, extract(epoch FROM c.changed_at) * 1000 AS changed_ms
       FROM hub.change_feed c JOIN hub.event_log e ON e.position = c.event_position`);
    const changes = new Map(rows.map((r) => [`${r.entity}\n${r.event_id}`, r]));
    const latencies: number[] = [];
    const coldLatencies: number[] = [];
    const stages: number[][] = STAGES.map(() => []);
    for (const r of received) {
      const sent = sentAt.get(r.eventId);
      const change = changes.get(`${r.entity}\n${r.eventId}`);
      if (sent === undefined || !change) continue;
      const changeId = Number(change.change_id);
      const times = [
        sent,
        Number(change.received_ms),
        notifications.firstReaching(EVENTS_CHANNEL, Number(change.position)),
        Number(change.changed_ms),
        notifications.firstReaching(CHANGES_CHANNEL, changeId),
        feedProbe.reads.find(([, first, last]) => first <= changeId && changeId <= last)?.[0],
        feedProbe.written.get(changeId),
        r.at,
      ];
      if (warmupIds.has(r.eventId)) {
        coldLatencies.push(r.at - sent);
        continue;
      }
      latencies.push(r.at - sent);
      if (times.some((t) => t === undefined)) continue;
      for (let i = 0; i < STAGES.length; i++) stages[i]!.push(times[i + 1]! - times[i]!);
    }
    // One listener transaction per distinct start time (changed_at is the transaction's now()).
    const batches = new Map<number, { positions: Set<string>; lastChange: number }>();
    for (const row of rows) {
      const batch = batches.get(Number(row.changed_ms)) ?? { positions: new Set<string>(), lastChange: 0 };
      batch.positions.add(row.position);
      batch.lastChange = Math.max(batch.lastChange, Number(row.change_id));
      batches.set(Number(row.changed_ms), batch);
    }
    const listenerBatches = { events: [] as number[], ms: [] as number[] };
    for (const [startedMs, batch] of batches) {
      listenerBatches.events.push(batch.positions.size);
      const committed = notifications.firstReaching(CHANGES_CHANNEL, batch.lastChange);
      if (committed !== undefined) listenerBatches.ms.push(committed - startedMs);
    }
    return {
      rate, sentRate: count / sentSeconds, payloads: received.length, expected, finals: finals.rows.length, finalsReceived,
      drainSeconds: (lastReceipt - (performance.timeOrigin + started + sentSeconds * 1000)) / 1000, latencies, coldLatencies, stages, ingestAnswer, listenerBatches, cpu, loopDelay, sessions,
      profile: profileSummary,
    };
  } finally {
    await client.dispose();
    agent.destroy();
    await pool.end();
    await hub.stop();
  }
}

/** The mean of stage `i` over the payloads whose whole latency is at or above the run's p99. */
function slowestShare(run: RunResult, i: number): number {
  const totals = run.stages[0]!.map((_, j) => run.stages.reduce((sum, stage) => sum + stage[j]!, 0));
  const p99 = percentile(totals, 99);
  const tail = totals.flatMap((total, j) => (total >= p99 ? [run.stages[i]![j]!] : []));
  return tail.reduce((a, b) => a + b, 0) / Math.max(1, tail.length);
}

export async function runFreshnessBenchmark(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      rates: { type: 'string', default: '500,2000' }, seconds: { type: 'string', default: '15' }, warmup: { type: 'string', default: '5' },
      repeat: { type: 'string', default: '3' }, profile: { type: 'string', default: 'yes' },
    },
  });
  const rates = values.rates!.split(',').map(Number);
  const seconds = Number(values.seconds);
  const warmup = Number(values.warmup);
  const repeat = Number(values.repeat);
  const load = loadLine();
  const needed = Math.max(...rates) * (warmup + seconds);
  process.stderr.write(`freshness: generating a firm of about ${needed} events...\n`);
  const events = benchFirm(Math.round(needed * 1.05));
  const server = await benchServer();
  const runs: RunResult[] = [];
  const rtts: number[][] = [];
  const profiled: RunResult[] = [];
  try {
    for (let round = 1; round <= repeat; round++) {
      rtts.push(await notifyRoundTrips(server.url, 500));
      for (const rate of rates) {
        const result = await freshnessRun(server.url, events, rate, seconds, warmup, false);
        runs.push(result);
        process.stderr.write(`round ${round} at ${rate} events/s: ${result.payloads}/${result.expected} payloads, p50 ${percentile(result.latencies, 50).toFixed(1)} ms, ` +
          `p99 ${percentile(result.latencies, 99).toFixed(1)} ms, max ${Math.max(...result.latencies).toFixed(1)} ms` +
          (warmup > 0 ? `; cold start p99 ${percentile(result.coldLatencies, 99).toFixed(1)} ms` : '') + '\n');
      }
    }
    if (values.profile !== 'no') {
      for (const rate of rates) profiled.push(await freshnessRun(server.url, events, rate, Math.min(seconds, 8), warmup, true));
    }
  } finally {
    await server.stop();
  }

  const f = (xs: number[]) => medianSpread(xs, 1);
  const lines = [
    `- Postgres: ${server.description}; each run a fresh hub (\`servicegraph start\`, gateway in process) on a fresh database, the simulated firm (seed bench) ` +
      `posted from its first event at the rate for ${warmup} s of warm-up then ${seconds} s measured (a batch every 10 ms), one graphql-ws client in the bench process with both subscriptions ` +
      `(unfiltered; payloads reach the customer, project, billing and revenue subgraphs); latency = payload received − start of the event's ingest request. ` +
      `${repeat} rounds per rate; figures: median of the rounds (min–max).`,
    load,
    '',
    '| events/s | payloads received / changes; final states received / entities | p50 ms | p99 ms | max ms | ingest 202 answer p50 | cold start (warm-up events): p50 / p99 / max ms |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const rate of rates) {
    const rs = runs.filter((r) => r.rate === rate);
    lines.push(`| ${rate} (sent ${Math.round(median(rs.map((r) => r.sentRate)))}) | ${rs.map((r) => `${r.payloads}/${r.expected}; ${r.finalsReceived}/${r.finals}`).join(', ')} | ` +
      `${f(rs.map((r) => percentile(r.latencies, 50)))} | ${f(rs.map((r) => percentile(r.latencies, 99)))} | ${f(rs.map((r) => Math.max(...r.latencies)))} | ` +
      `${f(rs.map((r) => percentile(r.ingestAnswer, 50)))} | ` +
      `${warmup > 0 ? `${f(rs.map((r) => percentile(r.coldLatencies, 50)))} / ${f(rs.map((r) => percentile(r.coldLatencies, 99)))} / ${f(rs.map((r) => Math.max(...r.coldLatencies)))}` : '—'} |`);
  }
  lines.push('', `Where the time goes, per payload (ms; median of rounds): each part's own p50 and p99, and its mean over the slowest 1% of payloads ` +
    `(those at or above the p99 latency), so the tail's parts add up to the tail.`, '',
    `| part | ${rates.map((rate) => `${rate}/s p50 | ${rate}/s p99 | ${rate}/s slowest 1%`).join(' | ')} |`,
    `|---|${rates.map(() => '---|---|---').join('|')}|`);
  STAGES.forEach((stage, i) => {
    lines.push(`| ${stage} | ${rates.map((rate) => {
      const rs = runs.filter((r) => r.rate === rate);
      return `${f(rs.map((r) => percentile(r.stages[i]!, 50)))} | ${f(rs.map((r) => percentile(r.stages[i]!, 99)))} | ${f(rs.map((r) => slowestShare(r, i)))}`;
    }).join(' | ')} |`);
  });
  const all = rtts.map((t) => t);
  lines.push('', `- Postgres NOTIFY round trip on the same server (NOTIFY on one connection → notification on another, 500 in a row per round): ` +
    `p50 ${f(all.map((t) => percentile(t, 50)))} ms, p99 ${f(all.map((t) => percentile(t, 99)))} ms, max ${f(all.map((t) => Math.max(...t)))} ms`);
  for (const rate of rates) {
    const last = runs.filter((r) => r.rate === rate).at(-1)!;
    lines.push(cpuLine(`${rate} events/s after the warm-up, sending and draining (last round)`, last.cpu));
    const rs = runs.filter((r) => r.rate === rate);
    lines.push(`  - the hub's main-thread event-loop delay after the warm-up (ready work waiting for a busy loop) at ${rate}/s: p50 ${f(rs.map((r) => r.loopDelay.p50))} ms, ` +
      `p99 ${f(rs.map((r) => r.loopDelay.p99))} ms, max ${f(rs.map((r) => r.loopDelay.max))} ms`);
    lines.push(`  - the hub's database sessions at ${rate}/s (sampled every 20 ms): waiting for a lock p50 ${f(rs.map((r) => percentile(r.sessions.lockWaits, 50)))}, ` +
      `p99 ${f(rs.map((r) => percentile(r.sessions.lockWaits, 99)))}, max ${f(rs.map((r) => Math.max(...r.sessions.lockWaits)))}; in a transaction p50 ` +
      `${f(rs.map((r) => percentile(r.sessions.active, 50)))}, p99 ${f(rs.map((r) => percentile(r.sessions.active, 99)))}, max ${f(rs.map((r) => Math.max(...r.sessions.active)))}`);
    lines.push(`  - the listeners' transactions that wrote changes at ${rate}/s: ${f(rs.map((r) => r.listenerBatches.events.length))} of them, ` +
      `events with changes per transaction p50 ${f(rs.map((r) => percentile(r.listenerBatches.events, 50)))}, p99 ${f(rs.map((r) => percentile(r.listenerBatches.events, 99)))}; ` +
      `start → commit p50 ${f(rs.map((r) => percentile(r.listenerBatches.ms, 50)))} ms, p99 ${f(rs.map((r) => percentile(r.listenerBatches.ms, 99)))} ms`);
    lines.push(`  - last payload ${medianSpread(runs.filter((r) => r.rate === rate).map((r) => r.drainSeconds), 2)} s after the last ingest answer`);
  }
  for (const p of profiled) if (p.profile) lines.push(...profileLines(`the hub's main thread at ${p.rate} events/s after the warm-up (a separate ${Math.min(seconds, 8)} s run)`, p.profile));
  const at500 = runs.filter((r) => r.rate === 500);
  if (at500.length > 0) {
    lines.push('', `- event → subscriber at a steady 500 events/s: p50 ${median(at500.map((r) => percentile(r.latencies, 50))).toFixed(1)} ms, ` +
      `p99 ${median(at500.map((r) => percentile(r.latencies, 99))).toFixed(1)} ms, max ${median(at500.map((r) => Math.max(...r.latencies))).toFixed(1)} ms`);
  }
  const notifyP99 = median(rtts.map((t) => percentile(t, 99)));
  const first = runs.filter((r) => r.rate === rates[0]);
  const tail = STAGES.map((stage, i) => ({ stage, ms: median(first.map((r) => slowestShare(r, i))) })).sort((a, b) => b.ms - a.ms);
  report({
    benchmark: 'freshness',
    variant: `${rates.join(' and ')} events/s`,
    about: 'Event → graphql-ws subscriber: from the start of the ingest request to the payload received, while the simulated firm ' +
      'is posted at a steady rate, beside the Postgres NOTIFY round trip on the same server.',
    command: `npm run bench -- freshness ${argv.join(' ')}`.trim(),
    rows: rates.flatMap((rate) => {
      const rs = runs.filter((r) => r.rate === rate);
      return (['p50', 'p99'] as const).map((p) => ({
        figure: `event → subscriber at ${rate} events/s, ${p}`,
        unit: 'ms',
        ...medianOfRuns(rs.map((r) => percentile(r.latencies, p === 'p50' ? 50 : 99))),
        reference: { name: 'NOTIFY round trip, p99', value: notifyP99, unit: 'ms' },
      }));
    }),
    bounds: `at ${rates[0]} events/s the slowest 1% of payloads spend most in ${tail.slice(0, 2).map((t) => `${t.stage} (${t.ms.toFixed(1)} ms)`).join(' and ')}; ` +
      cpuLine(`${rates[0]} events/s (last round)`, first.at(-1)!.cpu).replace(/^- /, ''),
    details: lines,
  });
}
