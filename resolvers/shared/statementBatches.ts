/**
 * The resolvers' statements of one turn of the event loop, sent together on
 * one connection.
 *
 * A project page is five statements from four subgraphs, four of them issued
 * in the same turn (the gateway starts the entity fetches of billing, revenue
 * and customer at once, and each subgraph's DataLoaders dispatch their
 * batches in that turn). Through `pool.query` each statement checks out a
 * connection, is written with a `writev` of its own, wakes a Postgres backend
 * of its own and is answered by a read of its own; the profile of the
 * project page executed afresh at 50 connections showed `writev` of
 * statements as a quarter of the hub's thread. Here the statements of a turn
 * go on one connection in pg's pipeline mode (each with its own Sync, so
 * each is answered, or fails, on its own as before), written with one
 * `writev`, and Postgres answers them one after another on one backend.
 */
import type pg from 'pg';

/** A batch takes at most this many statements; the rest of the turn's go in a next batch (another connection), so Postgres can use more than one backend. */
const MAX_STATEMENTS_PER_BATCH = 16;

/** What the pipelined statements need of a pg client beyond its public API: its socket, to write a batch at once. */
interface CorkableClient {
  pipeline?: boolean;
  connection?: { stream?: { cork?: () => void; uncork?: () => void } };
}

interface Pending {
  readonly config: pg.QueryConfig;
  readonly resolve: (result: pg.QueryResult) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Runs `query(config)` on `pool` in batches: every statement given in one
 * turn of the event loop (up to {@link MAX_STATEMENTS_PER_BATCH}) goes on one
 * connection checked out of the pool, written at once; the connection goes
 * back to the pool when all of them are answered. Each statement resolves or
 * rejects on its own. A connection that answered any statement with an error
 * is not reused (as `pool.query` does).
 */
export class StatementBatches {
  private open: Pending[] | undefined;

  constructor(private readonly pool: pg.Pool) {}

  query(config: pg.QueryConfig): Promise<pg.QueryResult> {
    return new Promise((resolve, reject) => {
      if (!this.open || this.open.length >= MAX_STATEMENTS_PER_BATCH) {
        const batch: Pending[] = [];
        this.open = batch;
        // After every microtask and nextTick of this turn: the DataLoaders of
        // every subgraph executing now have dispatched by then.
        setImmediate(() => {
          if (this.open === batch) this.open = undefined;
          this.send(batch);
        });
      }
      this.open.push({ config, resolve, reject });
    });
  }

  private send(batch: readonly Pending[]): void {
    this.pool.connect().then((client) => {
      const corkable = client as unknown as CorkableClient;
      // pg reads `pipeline` (its documented client option) at every query:
      // a client of the pool answers one statement at a time until it is
      // held here, and then answers the statements written behind each other.
      corkable.pipeline = true;
      let unanswered = batch.length;
      let failure: Error | undefined;
      const answered = () => {
        if (--unanswered === 0) client.release(failure);
      };
      const stream = corkable.connection?.stream;
      stream?.cork?.();
      try {
        for (const pending of batch) {
          client.query(pending.config).then(
            (result) => {
              pending.resolve(result);
              answered();
            },
            (error: unknown) => {
              failure ??= error instanceof Error ? error : new Error(String(error));
              pending.reject(error);
              answered();
            },
          );
        }
      } finally {
        stream?.uncork?.();
      }
    }, (error: unknown) => {
      for (const pending of batch) pending.reject(error);
    });
  }
}

const batchesOfPool = new WeakMap<pg.Pool, StatementBatches>();

/** The one {@link StatementBatches} of `pool`: subgraphs in one process on one pool share their batches. */
export function statementBatchesOf(pool: pg.Pool): StatementBatches {
  let batches = batchesOfPool.get(pool);
  if (!batches) batchesOfPool.set(pool, (batches = new StatementBatches(pool)));
  return batches;
}
