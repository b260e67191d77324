/**
 * The two ways a benchmark loads a target: one client sending requests one
 * after another (latency), and many connections at once (throughput, by
 * autocannon for HTTP, by as many concurrent callers for in-process work).
 * Both bounded in count and time.
 */
import { percentile } from './report';

/** Request headers that make servicegraph's gateway execute afresh (no response cache): the uncached path. */
export const NO_CACHE: Readonly<Record<string, string>> = { 'cache-control': 'no-cache' };
/** The response header saying whether servicegraph's response cache answered (hit, miss or pass). */
export const CACHE_HEADER = 'x-servicegraph-cache';

// autocannon ships no types; this is the part used here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (options: Record<string, unknown>) => Promise<AutocannonResult>;
interface AutocannonResult {
  requests: { total: number; average: number };
  latency: { p50: number; p99: number; average: number };
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodeStats?: Record<string, { count: number }>;
}

export interface Sequential {
  readonly count: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
}

/** Calls `once` one after another for `seconds` (at most `maxCount` calls) after `warmup` calls; latencies in ms. */
export async function sequential(once: () => Promise<void>, seconds: number, maxCount = 5000, warmup = 20): Promise<Sequential> {
  for (let i = 0; i < warmup; i++) await once();
  const latencies: number[] = [];
  const until = performance.now() + seconds * 1000;
  while (latencies.length < maxCount && performance.now() < until) {
    const t = performance.now();
    await once();
    latencies.push(performance.now() - t);
  }
  return {
    count: latencies.length, p50: percentile(latencies, 50), p99: percentile(latencies, 99),
    max: Math.max(...latencies), mean: latencies.reduce((a, b) => a + b, 0) / latencies.length,
  };
}

export interface Throughput {
  readonly requestsPerSecond: number;
  readonly p50: number;
  readonly p99: number;
  /** Errors, timeouts and non-2xx answers. */
  readonly failures: number;
}

/** The longest window a slow target is given to complete two requests per connection. */
const LONGEST_WINDOW_SECONDS = 60;

/**
 * autocannon against an HTTP POST target with `connections` connections for
 * `seconds`; with several bodies, each connection sends all of them in turn,
 * starting from its own offset (so concurrent requests differ); `headers` go
 * with every request.
 */
export async function httpThroughput(
  url: string, bodies: readonly string[], connections: number, seconds: number, headers: Readonly<Record<string, string>> = {},
): Promise<Throughput> {
  const path = new URL(url).pathname;
  const requests = bodies.map((body) => ({ method: 'POST', path, body, headers: { ...headers, 'content-type': 'application/json' } }));
  let clients = 0;
  const run = (bound: { duration: number } | { amount: number }) => autocannon({
    url, method: 'POST', body: bodies[0], connections, pipelining: 1, ...bound,
    headers: { ...headers, 'content-type': 'application/json' }, timeout: 30,
    setupClient: (client: { setRequests(r: unknown[]): void }) => {
      if (bodies.length < 2) return;
      const offset = clients++ % requests.length;
      client.setRequests([...requests.slice(offset), ...requests.slice(0, offset)]);
    },
  });
  let result = await run({ duration: seconds });
  // A target too slow to complete two requests per connection in the window is measured again over a window long
  // enough for that at the rate seen (at most LONGEST_WINDOW_SECONDS), so its req/s is not a count of a handful.
  // Bounded by time, not by a count: autocannon run to a count of requests was seen to wait for ever once some failed.
  const minimum = 2 * connections;
  if (result.requests.total < minimum) {
    const needed = result.requests.total > 0 ? Math.ceil(seconds * minimum / result.requests.total) : LONGEST_WINDOW_SECONDS;
    result = await run({ duration: Math.min(LONGEST_WINDOW_SECONDS, needed) });
  }
  return {
    requestsPerSecond: result.requests.total / result.duration,
    p50: result.latency.p50, p99: result.latency.p99,
    failures: result.errors + result.timeouts + result.non2xx,
  };
}

/** autocannon GETs of `url` with `connections` connections for `seconds`; with the count of answers per status code. */
export async function httpGetThroughput(
  url: string, connections: number, seconds: number, headers: Readonly<Record<string, string>> = {},
): Promise<Throughput & { readonly statusCounts: Readonly<Record<string, number>> }> {
  const result = await autocannon({ url, method: 'GET', connections, pipelining: 1, duration: seconds, timeout: 30, headers });
  return {
    requestsPerSecond: result.requests.total / result.duration,
    p50: result.latency.p50, p99: result.latency.p99,
    failures: result.errors + result.timeouts,
    statusCounts: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, { count }]) => [code, count])),
  };
}

/** `concurrency` callers of `once(i)` in this process for `seconds` (i counts up per caller from its own offset). */
export async function inProcessThroughput(once: (i: number) => Promise<void>, concurrency: number, seconds: number): Promise<Throughput> {
  const latencies: number[] = [];
  let failures = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(Array.from({ length: concurrency }, async (_, caller) => {
    for (let i = caller; performance.now() < until; i++) {
      const t = performance.now();
      try {
        await once(i);
      } catch {
        failures++;
      }
      latencies.push(performance.now() - t);
    }
  }));
  const elapsed = (performance.now() - started) / 1000;
  return { requestsPerSecond: latencies.length / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99), failures };
}
