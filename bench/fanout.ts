/**
 * `npm run bench -- fanout [--subscribers 1000,10000] [--changes 20] [--profile yes|no]`
 *
 * One change to many subscribers: N WebSocket connections to one gateway
 * (the hub in its own process, `servicegraph start`), each with the same
 * `projectFinancialsChanged(projectId:)` subscription; one event changing
 * that project is posted to ingest, and the time until every subscriber has
 * the payload is measured, over several changes (p50/p99), with the
 * gateway's memory per subscriber (after a full GC, through its inspector).
 * Beside it, the ceiling: a bare `ws` server (bench/bareBroadcast.ts, its own
 * process) sending a message of the same size to the same number of plain
 * WebSocket clients.
 *
 * The clients live in this process, over `ws`; the gateway's speak the
 * graphql-transport-ws protocol (a minimal client: init, subscribe, next),
 * so both sides pay the same client cost (one JSON.parse per message).
 */
import fs from 'node:fs';
import http from 'node:http';
import { parseArgs } from 'node:util';
import pg from 'pg';
import WebSocket from 'ws';
import { startChild } from './childProcess';
import { profileLines, startProfile, type ProfileSummary } from './cpuProfile';
import { cpuLine, cpuWindow, type CpuShares } from './cpuUsage';
import { request } from './http';
import { startBenchHub } from './hubProcess';
import { memoryAfterGc } from './inspector';
import { benchFirm, loadFirm } from './loadFirm';
import { loadLine, median, percentile, report } from './report';
import { benchServer } from './server';

const SUBSCRIPTION = `subscription ProjectMargin($projectId: ID) { projectFinancialsChanged(projectId: $projectId) {
  eventId eventType at project { id marginPercent margin { amount currency } expenseCost { amount currency } unbilledApprovedAmount { amount currency } customer { name } } } }`;

/** The soft limit of open files of this process (children inherit it). */
function openFilesLimit(): number {
  const line = fs.readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max open files'));
  const soft = line?.trim().split(/\s+/)[3];
  return soft === undefined || soft === 'unlimited' ? Infinity : Number(soft);
}

/** Arrival bookkeeping for one change id across all clients. */
class Arrivals {
  private readonly byId = new Map<string, { count: number; first: number; last: number; done?: () => void }>();
  constructor(private readonly expected: () => number) {}
  arrived(id: string): void {
    const now = performance.now();
    const entry = this.byId.get(id) ?? { count: 0, first: now, last: now };
    if (entry.count === 0) entry.first = now;
    entry.count++;
    entry.last = now;
    this.byId.set(id, entry);
    if (entry.count === this.expected()) entry.done?.();
  }
  /** Resolves with first/last arrival when every client has `id` (or rejects after `ms`). */
  wait(id: string, ms: number): Promise<{ first: number; last: number }> {
    const entry = this.byId.get(id) ?? { count: 0, first: 0, last: 0 };
    this.byId.set(id, entry);
    if (entry.count >= this.expected()) return Promise.resolve(entry);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`only ${entry.count}/${this.expected()} clients got ${id} within ${ms / 1000} s`)), ms);
      entry.done = () => { clearTimeout(timer); resolve(entry); };
    });
  }
}

/** Opens `count` sockets, `parallel` at a time. */
async function openAll(count: number, parallel: number, open: () => Promise<WebSocket>): Promise<WebSocket[]> {
  const sockets: WebSocket[] = [];
  let next = 0;
  await Promise.all(Array.from({ length: parallel }, async () => {
    while (next < count) {
      next++;
      sockets.push(await open());
    }
  }));
  return sockets;
}

function graphqlSubscriber(url: string, variables: Record<string, unknown>, arrivals: Arrivals, onRaw: (raw: string) => void): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, 'graphql-transport-ws');
    socket.once('error', reject);
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init' })));
    socket.on('message', (data) => {
      const raw = data.toString();
      const message = JSON.parse(raw) as { type: string; payload?: any };
      if (message.type === 'connection_ack') {
        socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: SUBSCRIPTION, variables } }));
        resolve(socket);
      } else if (message.type === 'next') {
        onRaw(raw);
        const eventId = message.payload?.data?.projectFinancialsChanged?.eventId;
        if (eventId) arrivals.arrived(eventId);
      } else if (message.type === 'ping') {
        socket.send(JSON.stringify({ type: 'pong' }));
      } else if (message.type === 'error') {
        process.stderr.write(`subscription error: ${raw.slice(0, 300)}\n`);
      }
    });
  });
}

function plainClient(url: string, arrivals: Arrivals): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.once('error', reject);
    socket.on('open', () => resolve(socket));
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString()) as { payload: { id: string } };
      arrivals.arrived(message.payload.id);
    });
  });
}

async function closeAll(sockets: WebSocket[]): Promise<void> {
  await Promise.all(sockets.map((s) => new Promise<void>((resolve) => {
    if (s.readyState === WebSocket.CLOSED) return resolve();
    s.once('close', () => resolve());
    s.close();
    setTimeout(() => { s.terminate(); resolve(); }, 5000);
  })));
}

interface SizeResult {
  subscribers: number;
  connectSeconds: number;
  /** ms from the ingest request to the last / first subscriber, and last − first. */
  toAll: number[];
  toFirst: number[];
  spread: number[];
  memory: { rss: number; heap: number };
  messageBytes: number;
  cpu: CpuShares;
  bare: { connectSeconds: number; toAll: number[]; spread: number[]; memory: { rss: number; heap: number }; cpu: CpuShares };
  profile?: ProfileSummary;
}

export async function runFanoutBenchmark(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      subscribers: { type: 'string', default: '1000,10000' }, changes: { type: 'string', default: '20' }, profile: { type: 'string', default: 'yes' },
    },
  });
  const sizes = values.subscribers!.split(',').map(Number);
  const changes = Number(values.changes);
  const limit = openFilesLimit();
  const biggest = Math.max(...sizes);
  if (limit < biggest + 1000) {
    throw new Error(`fanout with ${biggest} subscribers needs ${biggest} open sockets in this process and as many in the hub: ` +
      `the open-files limit (ulimit -n) is ${limit}; raise it (ulimit -n ${biggest * 2 + 1000}) or pass --subscribers with smaller sizes`);
  }
  const load = loadLine();
  const server = await benchServer();
  const hub = await startBenchHub(server.url, { gateway: true });
  const bareChild = await startChild({ name: 'bare ws', script: 'bench/bareBroadcast.js', args: [], readyText: 'bare broadcast ready at' });
  const barePort = Number(/bare broadcast ready at (\d+)/.exec(bareChild.stdout())![1]);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  const pool = new pg.Pool({ connectionString: hub.databaseUrl, max: 2 });
  const results: SizeResult[] = [];
  try {
    await loadFirm(hub.ingestUrl, benchFirm(3000), 'fanout');
    const { rows } = await pool.query(`SELECT id, currency FROM project.project ORDER BY id LIMIT 1`);
    const project = rows[0] as { id: string; currency: string };
    let serial = 0;
    const postChange = async () => {
      const n = ++serial;
      const expenseId = `EXP-FANOUT-${process.pid}-${n}`;
      const event = {
        specversion: '1.0', id: `bench-fanout-${process.pid}-${n}`, source: '/psa/bench/fanout', type: 'ps.project.expense.approved',
        subject: expenseId, time: new Date().toISOString(), sequence: '1',
        data: { expenseId, projectId: project.id, expenseDate: '2025-03-01', amount: { amount: '1.00', currency: project.currency }, billable: false },
      };
      const t = performance.now();
      const answer = await request(agent, `${hub.ingestUrl}/events`, 'POST', JSON.stringify(event), 'application/cloudevents+json');
      if (answer.status !== 202 || !answer.body.includes('"accepted":1')) throw new Error(`ingest answered ${answer.status}: ${answer.body.slice(0, 300)}`);
      return { id: event.id, sentAt: t };
    };
    const wsUrl = hub.graphqlUrl!.replace(/^http/, 'ws');

    for (const size of sizes) {
      process.stderr.write(`fanout: ${size} subscribers on the gateway...\n`);
      const before = await memoryAfterGc(hub.inspectorUrl);
      let subscribers = 0;
      const arrivals = new Arrivals(() => subscribers);
      let messageBytes = 0;
      const connectStarted = performance.now();
      const sockets = await openAll(size, 200, () => graphqlSubscriber(wsUrl, { projectId: project.id }, arrivals, (raw) => { messageBytes = raw.length; }));
      subscribers = sockets.length;
      // The first change also proves every subscription is registered.
      const warm = await postChange();
      await arrivals.wait(warm.id, 120_000);
      const connectSeconds = (performance.now() - connectStarted) / 1000;
      const after = await memoryAfterGc(hub.inspectorUrl);
      const toAll: number[] = [];
      const toFirst: number[] = [];
      const spread: number[] = [];
      const window = cpuWindow({ hub: hub.pid });
      for (let i = 0; i < changes; i++) {
        const change = await postChange();
        const { first, last } = await arrivals.wait(change.id, 120_000);
        toAll.push(last - change.sentAt);
        toFirst.push(first - change.sentAt);
        spread.push(last - first);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const cpu = window();
      let profile: ProfileSummary | undefined;
      if (values.profile !== 'no' && size === biggest) {
        const stop = await startProfile(hub.inspectorUrl);
        for (let i = 0; i < 5; i++) {
          const change = await postChange();
          await arrivals.wait(change.id, 120_000);
        }
        profile = await stop();
      }
      await closeAll(sockets);

      process.stderr.write(`fanout: ${size} plain clients on the bare ws server...\n`);
      const bareBefore = await memoryAfterGc(bareChild.inspectorUrl);
      let plain = 0;
      const bareArrivals = new Arrivals(() => plain);
      const bareStarted = performance.now();
      const plainSockets = await openAll(size, 200, () => plainClient(`ws://127.0.0.1:${barePort}`, bareArrivals));
      plain = plainSockets.length;
      const bareConnectSeconds = (performance.now() - bareStarted) / 1000;
      const bareAfter = await memoryAfterGc(bareChild.inspectorUrl);
      const message = (id: string) => {
        const base = JSON.stringify({ id: '1', type: 'next', payload: { id, pad: '' } });
        return JSON.stringify({ id: '1', type: 'next', payload: { id, pad: 'x'.repeat(Math.max(0, messageBytes - base.length)) } });
      };
      const bareToAll: number[] = [];
      const bareSpread: number[] = [];
      const bareWindow = cpuWindow({ 'bare ws server': bareChild.pid });
      for (let i = 0; i < changes; i++) {
        const id = `bare-${size}-${i}`;
        const t = performance.now();
        const answer = await request(agent, `http://127.0.0.1:${barePort}/broadcast`, 'POST', message(id), 'text/plain');
        if (answer.status !== 204) throw new Error(`bare broadcast answered ${answer.status}`);
        const { first, last } = await bareArrivals.wait(id, 120_000);
        bareToAll.push(last - t);
        bareSpread.push(last - first);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const bareCpu = bareWindow();
      await closeAll(plainSockets);
      results.push({
        subscribers: size, connectSeconds, toAll, toFirst, spread, messageBytes, cpu, profile,
        memory: { rss: (after.rss - before.rss) / size, heap: (after.heapUsed - before.heapUsed) / size },
        bare: {
          connectSeconds: bareConnectSeconds, toAll: bareToAll, spread: bareSpread, cpu: bareCpu,
          memory: { rss: (bareAfter.rss - bareBefore.rss) / size, heap: (bareAfter.heapUsed - bareBefore.heapUsed) / size },
        },
      });
      process.stderr.write(`fanout ${size}: gateway p50 ${percentile(toAll, 50).toFixed(1)} ms, bare p50 ${percentile(bareToAll, 50).toFixed(1)} ms\n`);
    }
  } finally {
    agent.destroy();
    await pool.end();
    await bareChild.stop();
    await hub.stop();
    await server.stop();
  }

  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
  const ms = (xs: number[], p: number) => percentile(xs, p).toFixed(1);
  const lines = [
    `- Postgres: ${server.description}; the hub (\`servicegraph start\`, gateway in process) in its own process with a small firm (3,000 events); ` +
      `each change is one \`ps.project.expense.approved\` event for the subscribed project posted to ingest; ${changes} changes per size, one at a time ` +
      `(p99 of ${changes} is their second largest / largest). Clients: all in the bench process, over \`ws\`. Memory per connection: (RSS or V8 heap after a full GC ` +
      `with N connections − before) ÷ N, read through the inspector. Open-files limit (ulimit -n) here: ${limit}, inherited by the hub and the bare server.`,
    load,
    '',
    '| subscribers | gateway: ingest request → all have it, p50 / p99 ms | → first has it p50 ms | first → last p50 ms | bare ws: broadcast request → all, p50 / p99 ms | bare first → last p50 ms | gateway ÷ bare (p50) | memory per connection, gateway RSS / heap | bare RSS / heap | message bytes | connect + subscribe all, s (gateway / bare) |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of results) {
    lines.push(`| ${r.subscribers} | ${ms(r.toAll, 50)} / ${ms(r.toAll, 99)} | ${ms(r.toFirst, 50)} | ${ms(r.spread, 50)} | ${ms(r.bare.toAll, 50)} / ${ms(r.bare.toAll, 99)} | ` +
      `${ms(r.bare.spread, 50)} | ${(median(r.toAll) / median(r.bare.toAll)).toFixed(2)}× | ${kb(r.memory.rss)} / ${kb(r.memory.heap)} | ${kb(r.bare.memory.rss)} / ${kb(r.bare.memory.heap)} | ` +
      `${r.messageBytes} | ${r.connectSeconds.toFixed(1)} / ${r.bare.connectSeconds.toFixed(1)} |`);
  }
  lines.push('');
  for (const r of results) {
    lines.push(cpuLine(`${changes} changes to ${r.subscribers} gateway subscribers`, r.cpu));
    lines.push(cpuLine(`${changes} broadcasts to ${r.subscribers} bare clients`, r.bare.cpu));
    if (r.profile) lines.push(...profileLines(`the hub delivering 5 changes to ${r.subscribers} subscribers`, r.profile));
  }
  lines.push('', `- one change fanned out, ingest request → last subscriber: ` +
    results.map((r) => `${r.subscribers} subscribers p50 ${ms(r.toAll, 50)} ms, p99 ${ms(r.toAll, 99)} ms`).join('; '));
  const largest = results.at(-1)!;
  report({
    benchmark: 'fanout',
    variant: `${sizes.join(' and ')} subscribers`,
    about: 'One change pushed to N graphql-ws subscribers of the gateway (ingest request → the last subscriber has it), ' +
      'beside a bare `ws` server broadcasting a message of the same size to as many clients; memory per connection of each.',
    command: `npm run bench -- fanout ${argv.join(' ')}`.trim(),
    rows: results.flatMap((r) => [
      {
        figure: `one change to ${r.subscribers} subscribers, p50`, value: median(r.toAll), unit: 'ms',
        reference: { name: 'bare ws broadcast, p50', value: median(r.bare.toAll), unit: 'ms' },
        ratio: median(r.toAll) / median(r.bare.toAll), ratioMeaning: 'the bare broadcast',
      },
      {
        figure: `memory per connection at ${r.subscribers}, RSS`, value: r.memory.rss / 1024, unit: 'KiB',
        reference: { name: 'bare ws server, RSS', value: r.bare.memory.rss / 1024, unit: 'KiB' },
        ratio: r.memory.rss / r.bare.memory.rss, ratioMeaning: 'the bare server',
      },
    ]),
    bounds: `${cpuLine(`${changes} changes to ${largest.subscribers} gateway subscribers`, largest.cpu).replace(/^- /, '')}; ` +
      `the bare server's first → last spread at ${largest.subscribers} is ${ms(largest.bare.spread, 50)} ms of its ${ms(largest.bare.toAll, 50)} ms: writing to the sockets`,
    details: lines,
  });
}
