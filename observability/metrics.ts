/**
 * Prometheus metrics with prom-client: one registry per process (the hub's
 * ingest port, the gateway's port, each subgraph process), each with Node's
 * process metrics. Names start with `servicegraph_` (docs/operations.md).
 */
import { collectDefaultMetrics, Registry } from 'prom-client';

export { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** A registry with Node's process metrics (CPU, memory, heap, event-loop lag, GC, handles). */
export function createRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}

/**
 * Histogram buckets (seconds), spanning what the benchmarks see with room on
 * both sides (BENCHMARKS.md, `query` and `freshness`): a project page takes
 * milliseconds, a portfolio list tens of times as long, subgraph fetches a
 * fraction of their page; a change reaches a subscriber in tens to hundreds
 * of milliseconds.
 */
export const GRAPHQL_BUCKETS = [0.001, 0.0025, 0.005, 0.0075, 0.01, 0.015, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
export const SUBGRAPH_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.0075, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
export const PUSH_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * A label whose values come from clients (operation names): the first
 * `limit` distinct values are kept as they are, every later one is `other`,
 * so a client inventing names cannot grow the registry without bound.
 */
export class BoundedLabel {
  private readonly seen = new Set<string>();

  constructor(private readonly limit: number, readonly overflow = 'other') {}

  value(raw: string): string {
    if (this.seen.has(raw)) return raw;
    if (this.seen.size >= this.limit) return this.overflow;
    this.seen.add(raw);
    return raw;
  }
}

/**
 * One read shared by every metric of a scrape: prom-client asks each metric's
 * `collect` at once, so the first call starts the read and the others, in the
 * same scrape, wait for the same one; the next scrape reads again.
 */
export function sharedRead<T>(read: () => Promise<T>): () => Promise<T> {
  let current: Promise<T> | undefined;
  return () => {
    if (!current) {
      current = read();
      const clear = () => { current = undefined; };
      current.then(clear, clear);
    }
    return current;
  };
}
