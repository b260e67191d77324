/**
 * The soak harness's normal clients, whose service it measures while the
 * abusive clients (bench/soakAbuse.ts) run beside them: a source system
 * posting the simulated firm at a steady rate (and now and then a batch
 * again, as a retrying sender does), dashboards polling the gateway and the
 * live page, and subscribers over graphql-ws and graphql-sse. Each records
 * its latencies and anything that went wrong for it.
 */
import http from 'node:http';
import { createClient as createSseClient } from 'graphql-sse';
import { createClient as createWsClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { BusinessEvent } from '../events/types';
import { request, type Answer } from './http';

/** What one kind of normal client saw. */
export interface ClientRecord {
  /** Milliseconds of each request, from its start to the last byte of its answer. */
  readonly latencies: number[];
  /** Requests or pushes that failed, with what happened (at most 20 kept; `failures` counts all). */
  readonly failureSamples: string[];
  failures: number;
  /** Requests under way while the gateway process was down on purpose: neither timed nor failed. */
  duringRestart: number;
}

/** True while the harness has the gateway process down on purpose (from the kill until it serves again). */
export type Restarting = () => boolean;
export const NEVER_RESTARTING: Restarting = () => false;

function newRecord(): ClientRecord {
  return { latencies: [], failureSamples: [], failures: 0, duringRestart: 0 };
}

function fail(record: ClientRecord, what: string): void {
  record.failures++;
  if (record.failureSamples.length < 20) record.failureSamples.push(what);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends, timing the answer; undefined (and a failure) when none came, or (neither) when the gateway was down on purpose meanwhile. */
async function timed(record: ClientRecord, send: () => Promise<Answer>, restarting: Restarting = NEVER_RESTARTING): Promise<Answer | undefined> {
  const started = performance.now();
  const downAtStart = restarting();
  let answer: Answer | undefined;
  let error: Error | undefined;
  try {
    answer = await send();
  } catch (caught) {
    error = caught as Error;
  }
  if (downAtStart || restarting()) {
    record.duringRestart++;
    return undefined;
  }
  record.latencies.push(performance.now() - started);
  if (error) fail(record, `no answer: ${error.message}`);
  return answer;
}

export interface IngestFeed {
  readonly record: ClientRecord;
  /** The distinct events stored (answered 202), in the order sent: the firm's business order. */
  readonly stored: BusinessEvent[];
  /** Batches posted a second time on purpose, and the events answered `duplicate`. */
  readonly resent: { batches: number; duplicates: number };
  stop(): Promise<void>;
}

/**
 * Posts `events` at `rate` events/s, a batch every 100 ms, one request at a
 * time; every 10th batch posts the one before it again (all `duplicate`). A
 * batch answered other than 202 (a 503 while Postgres is slow, say) is sent
 * again until it is stored, as a source system must.
 */
export function startIngestFeed(ingestUrl: string, events: Iterator<BusinessEvent>, rate: number): IngestFeed {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const record = newRecord();
  const stored: BusinessEvent[] = [];
  const resent = { batches: 0, duplicates: 0 };
  const perBatch = Math.max(1, Math.round(rate / 10));
  let stopped = false;
  const post = async (batch: BusinessEvent[]) => {
    for (;;) {
      const answer = await timed(record, () => request(agent, `${ingestUrl}/events`, 'POST', JSON.stringify(batch), 'application/cloudevents-batch+json'));
      if (answer?.status === 202) {
        const body = JSON.parse(answer.body) as { accepted: number; duplicates: number; rejected: number; results: { status: string; errors?: unknown }[] };
        if (body.rejected > 0) fail(record, `valid events rejected: ${JSON.stringify(body.results.filter((r) => r.status === 'rejected').slice(0, 2))}`);
        return body;
      }
      if (answer) fail(record, `POST /events answered ${answer.status}: ${answer.body.slice(0, 200)}`);
      if (stopped) return undefined;
      await sleep(200);
    }
  };
  const run = (async () => {
    let previous: BusinessEvent[] | undefined;
    let next = performance.now();
    for (let n = 1; !stopped; n++) {
      const batch: BusinessEvent[] = [];
      for (let r = events.next(); !r.done; r = events.next()) {
        batch.push(r.value);
        if (batch.length === perBatch) break;
      }
      if (batch.length === 0) break;
      const body = await post(batch);
      if (!body) break;
      stored.push(...batch);
      if (n % 10 === 0 && previous) {
        const again = await post(previous);
        resent.batches++;
        resent.duplicates += again?.duplicates ?? 0;
      }
      previous = batch;
      next += 100;
      await sleep(Math.max(0, next - performance.now()));
    }
  })();
  return {
    record, stored, resent,
    async stop() {
      stopped = true;
      await run;
      agent.destroy();
    },
  };
}

const PORTFOLIO = `query SoakPortfolio { portfolio { currency projectCount margin { amount currency } marginPercent
  unbilledApprovedAmount { amount currency } outstandingBalance { amount currency } } }`;
const PROJECT_LIST = `query SoakProjectList { projects(first: 20) { nodes { id name marginPercent billedAmount { amount currency } customer { id name } } } }`;
const PROJECT_PAGE = `query SoakProjectPage($id: ID!) { project(id: $id) { id name status approvedHours laborCost { amount currency }
  billedAmount { amount currency } unbilledApprovedAmount { amount currency } recognizedRevenue { amount currency }
  margin { amount currency } marginPercent customer { name outstandingBalance { amount currency } }
  invoices(first: 5) { nodes { id status amountDue { amount currency } } } } }`;

export interface Dashboards {
  readonly record: ClientRecord;
  stop(): Promise<void>;
}

/**
 * `clients` dashboards, each a keep-alive client asking in turn for the
 * portfolio, the project list and a project's page (half of them past the
 * response cache), a request every `thinkMs`, and now and then the live page.
 * Every answer must be a 200 without errors.
 */
export function startDashboards(graphqlUrl: string, clients: number, restarting: Restarting = NEVER_RESTARTING, thinkMs = 100): Dashboards {
  const record = newRecord();
  const livePage = graphqlUrl.replace(/\/graphql$/, '/live');
  let stopped = false;
  const client = async (index: number) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    let projectIds: string[] = [];
    for (let n = 0; !stopped; n++) {
      const uncached: Record<string, string> = (n + index) % 2 === 0 ? { 'cache-control': 'no-cache' } : {};
      const step = n % 4;
      if (step === 3 && n % 20 === 3) {
        const answer = await timed(record, () => request(agent, livePage, 'GET'), restarting);
        if (answer && answer.status !== 200) fail(record, `GET /live answered ${answer.status}`);
      } else {
        const [query, variables] = step === 0 ? [PORTFOLIO, {}]
          : step === 1 || projectIds.length === 0 ? [PROJECT_LIST, {}]
            : [PROJECT_PAGE, { id: projectIds[n % projectIds.length] }];
        const answer = await timed(record, () => request(agent, graphqlUrl, 'POST', JSON.stringify({ query, variables }), 'application/json', uncached), restarting);
        if (answer) {
          const body = answer.status === 200 ? JSON.parse(answer.body) as { data?: any; errors?: { message: string }[] } : undefined;
          if (!body || body.errors) fail(record, `${query.slice(6, 30)} answered ${answer.status}: ${answer.body.slice(0, 200)}`);
          else if (query === PROJECT_LIST) projectIds = body.data.projects.nodes.map((p: { id: string }) => p.id);
        }
      }
      await sleep(thinkMs);
    }
    agent.destroy();
  };
  const running = Promise.all(Array.from({ length: clients }, (_, i) => client(i)));
  return {
    record,
    async stop() {
      stopped = true;
      await running;
    },
  };
}

const INVOICES = `subscription SoakInvoices { invoiceStatusChanged { eventId eventType
  invoice { id status amountDue { amount currency } customer { name } project { name margin { amount currency } } } } }`;
const PROJECTS = `subscription SoakProjects { projectFinancialsChanged { eventId eventType
  project { id marginPercent margin { amount currency } unbilledApprovedAmount { amount currency } customer { name } } } }`;

export interface Subscribers {
  /** Payloads received per subscriber. */
  readonly received: Record<string, number>;
  /** When each subscriber last received a payload (performance.now()). */
  readonly lastReceivedAt: Record<string, number>;
  /** Subscriptions that ended or erred while they should have stayed open, and payloads with errors. */
  readonly record: ClientRecord;
  stop(): Promise<void>;
}

/**
 * Three subscribers that must stay subscribed the whole run and receive
 * every payload without errors: both subscriptions over graphql-ws, the
 * project subscription over graphql-sse. With `reconnect` (the harness
 * kills the gateway process on purpose) they reconnect and subscribe again,
 * as graphql-ws and graphql-sse clients do; otherwise a lost connection is
 * a failure.
 */
export function startSubscribers(graphqlUrl: string, reconnect = false): Subscribers {
  const record = newRecord();
  const received: Record<string, number> = {};
  const lastReceivedAt: Record<string, number> = {};
  let stopping = false;
  const wait = () => new Promise<void>((resolve) => setTimeout(resolve, 250));
  const ws = createWsClient({
    url: graphqlUrl.replace(/^http/, 'ws'), webSocketImpl: WebSocket, lazy: true,
    ...(reconnect ? { retryAttempts: 1_000, retryWait: wait, shouldRetry: () => true } : { retryAttempts: 0 }),
  });
  const sse = createSseClient({ url: graphqlUrl, ...(reconnect ? { retryAttempts: 1_000, retry: wait } : { retryAttempts: 0 }) });
  const stops: (() => void)[] = [];
  const subscribe = (name: string, client: { subscribe: typeof ws.subscribe }, query: string) => {
    received[name] = 0;
    stops.push(client.subscribe({ query }, {
      next: (result) => {
        received[name]!++;
        lastReceivedAt[name] = performance.now();
        if (result.errors) fail(record, `${name}: payload with errors ${JSON.stringify(result.errors).slice(0, 200)}`);
      },
      error: (error) => {
        if (!stopping) fail(record, `${name}: ended with ${error instanceof Error ? error.message : JSON.stringify(error).slice(0, 200)}`);
      },
      complete: () => {
        if (!stopping) fail(record, `${name}: completed by the server`);
      },
    }));
  };
  subscribe('graphql-ws invoices', ws, INVOICES);
  subscribe('graphql-ws projects', ws, PROJECTS);
  subscribe('graphql-sse projects', sse as unknown as { subscribe: typeof ws.subscribe }, PROJECTS);
  return {
    received, lastReceivedAt, record,
    async stop() {
      stopping = true;
      for (const stop of stops) stop();
      await ws.dispose();
      sse.dispose();
    },
  };
}
